package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.reward.Experiment;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that run an experiment on a labeled dataset outside a project
 * ({@code experiment}, {@code active-curve}): the dataset, its test part, the LF preset, the reward
 * model's epochs, and the running and reporting they share.
 */
final class DatasetOptions {

    @Option(names = "--dataset", required = true, paramLabel = "FILE", description = Experiment.Params.DESC_DATASET)
    Path dataset;

    @Option(names = "--eval-file", paramLabel = "FILE", description = Experiment.Params.DESC_EVAL_FILE)
    Path evalFile;

    @Option(names = "--eval-fraction", defaultValue = Experiment.Params.DEFAULT_EVAL_FRACTION,
            description = Experiment.Params.DESC_EVAL_FRACTION + " (default ${DEFAULT-VALUE}).")
    double evalFraction;

    @Option(names = "--preset", defaultValue = Experiment.Params.DEFAULT_PRESET, description = Experiment.Params.DESC_PRESET
            + " (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--epochs", description = Experiment.Params.DESC_EPOCHS)
    Integer epochs;

    @Mixin
    QuietOption quiet;

    @Mixin
    Output output;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * Runs the job (progress on stderr) and prints one JSON object, or the results table it wrote to
     * {@code out/table} followed by {@code tail}.
     */
    <R> int runAndReport(Workflow<List<R>> job, Path out, String table, BiFunction<List<R>, Double, ObjectNode> json,
                         BiFunction<List<R>, Double, String> tail) throws Exception {
        long t0 = System.nanoTime();
        List<R> rows;
        try (ConsoleProgress progress = quiet.progress()) {
            rows = job.run(progress, Cancellation.none());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (output.json) {
            Output.print(spec.commandLine().getOut(), json.apply(rows, seconds));
        } else {
            spec.commandLine().getOut().print(Files.readString(out.resolve(table)));
            spec.commandLine().getOut().print(tail.apply(rows, seconds));
            spec.commandLine().getOut().flush();
        }
        return Cli.OK;
    }

    /** The JSON both commands start with: how many rows, how long. */
    static ObjectNode summary(List<?> rows, double seconds) {
        return Output.object().put("rows", rows.size()).put("seconds", Math.round(seconds * 10) / 10.0);
    }
}
