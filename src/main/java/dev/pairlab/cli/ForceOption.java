package dev.pairlab.cli;

import picocli.CommandLine.Option;

/** The --force switch of every command that writes a file the user names. */
final class ForceOption {

    @Option(names = "--force", description = "If the output is a symbolic link, replace the file it points to (refused otherwise).")
    boolean force;
}
