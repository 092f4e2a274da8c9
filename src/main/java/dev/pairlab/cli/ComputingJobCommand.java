package dev.pairlab.cli;

import dev.pairlab.store.Project;
import picocli.CommandLine.Mixin;

/**
 * A {@link OneJobCommand} whose job computes features or LF votes: progress on stderr unless {@code -q},
 * and the project opened so that what is computed is kept without holding its lock meanwhile
 * ({@link Projects#openForCaching}).
 */
abstract class ComputingJobCommand<R> extends OneJobCommand<R> {

    @Mixin
    QuietOption quiet;

    @Override
    Project.Access access() {
        return Project.Access.CACHING;
    }

    @Override
    ConsoleProgress progress() {
        return quiet.progress();
    }
}
