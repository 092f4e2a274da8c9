package dev.pairlab.cli;

import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Workflow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that opens its project, runs one core job on it and prints the job's result (text, or JSON with
 * {@code --json}): parse, run, print, once for the commands of that shape.
 *
 * @param <R> the job's result
 */
abstract class OneJobCommand<R> implements Callable<Integer> {

    @Mixin
    ProjectArg project;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    /** How the project is opened; {@link Project.Access#CACHING} for jobs that keep what they compute. */
    Project.Access access() {
        return Project.Access.READ_ONLY;
    }

    /** Progress on stderr; none unless the command has {@code -q}. */
    ConsoleProgress progress() {
        return new ConsoleProgress(System.err, true);
    }

    /** Checks made before the project is opened (an output file that may not be written). */
    void before() throws Exception {
    }

    /** The job, made from the parsed options. */
    abstract Workflow<R> job(Project p) throws Exception;

    /** Prints the result on {@code out}, as JSON when {@code output.json}. */
    abstract void print(R result, PrintWriter out) throws Exception;

    @Override
    public Integer call() throws Exception {
        before();
        R result;
        try (Project p = project.open(access()); ConsoleProgress progress = progress()) {
            result = job(p).run(progress, Cancellation.none());
            Projects.noteUncached(p, output.json, spec.commandLine().getErr());
        }
        print(result, spec.commandLine().getOut());
        return Cli.OK;
    }
}
