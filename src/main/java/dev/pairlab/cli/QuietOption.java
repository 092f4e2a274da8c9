package dev.pairlab.cli;

import picocli.CommandLine.Option;

/** The {@code -q} switch of every command that reports progress on stderr. */
final class QuietOption {

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    /** Progress on stderr unless quiet. */
    ConsoleProgress progress() {
        return new ConsoleProgress(System.err, quiet);
    }
}
