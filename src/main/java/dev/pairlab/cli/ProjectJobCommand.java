package dev.pairlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs one core job on a project and prints what it returns (parse → record → job → print): the
 * project argument, {@code -q} and {@code --json} are declared here once.
 */
abstract class ProjectJobCommand implements Callable<Integer> {

    @Mixin
    ProjectArg project;

    @Mixin
    QuietOption quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;
}
