package dev.pairlab.ui;

import dev.pairlab.cli.Cli;

/**
 * The one entry point. It does not extend {@code Application}, so the JavaFX runtime can come from
 * the class path. With arguments (other than {@code gui [PROJECT]}) it is the CLI and never loads
 * JavaFX; without, it opens the desktop app.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].equals("gui")) {
            System.exit(Cli.run(args));
        }
        String project = args.length > 1 ? args[1] : null;
        PairlabApp.start(project);
    }
}
