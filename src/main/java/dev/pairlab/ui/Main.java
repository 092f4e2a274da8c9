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
        if (args.length == 0 || args[0].equals("gui") || args[0].equals("bench-ui")) {
            BackgroundThreads.installForCommonPool();
            BackgroundThreads.lowerCompilerPriority();
        }
        if (args.length > 0 && args[0].equals("bench-ui")) {
            try {
                dev.pairlab.ui.bench.UiBenchmark.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            } catch (Exception e) {
                System.err.println("pairlab: bench-ui failed: " + e);
                System.exit(2);
            }
            return;
        }
        if (args.length > 0 && !args[0].equals("gui")) {
            System.exit(Cli.run(args));
        }
        String project = args.length > 1 ? args[1] : null;
        PairlabApp.start(project);
    }
}
