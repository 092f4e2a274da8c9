package dev.pairlab.cli;

import picocli.CommandLine.Option;

/** {@code --run ID}: one stored run, the latest when not given. */
final class RunOption {

    @Option(names = "--run", defaultValue = "0", paramLabel = "ID", description = "Run id (default: the latest; 'list' shows them).")
    long run;
}
