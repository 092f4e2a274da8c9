package dev.pairlab.cli;

import dev.pairlab.reward.ActiveCurve;
import dev.pairlab.reward.RewardConfig;
import dev.pairlab.task.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "active-curve", mixinStandardHelpOptions = true, description = {
    "Measure 'label these next': label-model and reward-model test accuracy against the number of human-labeled pairs",
    "(the pool's hidden gold plays the human) for random choice and each ranking (conflict, model, rm, combined).",
    "Writes active.csv, active.md, active-lm.png and active-rm.png."})
final class ActiveCurveCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "FILE", description = "Labeled pairs (any import format).")
    Path dataset;

    @Option(names = "--eval-file", paramLabel = "FILE", description = "A fixed evaluation set instead of --eval-fraction of the dataset.")
    Path evalFile;

    @Option(names = "--eval-fraction", defaultValue = "0.1", description = "Test share of the dataset (default ${DEFAULT-VALUE}).")
    double evalFraction;

    @Option(names = "--budgets", split = ",", defaultValue = "0,25,50,100,200", description = "Labeled pairs (default ${DEFAULT-VALUE}).")
    List<Integer> budgets;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--preset", defaultValue = "mt-bench", description = "LF preset: hh, ub, ubp, mt-bench (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--epochs", description = "Reward-model epochs (default: the text-feature model's).")
    Integer epochs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RewardConfig rm = RewardConfig.features();
        if (epochs != null) {
            rm = rm.withEpochs(epochs);
        }
        ActiveCurve.Params params = new ActiveCurve.Params(dataset, evalFile, evalFraction, budgets, seeds, preset, rm);
        long t0 = System.nanoTime();
        List<ActiveCurve.Row> rows;
        try (ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            rows = ActiveCurve.run(params, out, progress, Cancellation.none());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (output.json) {
            Output.print(spec.commandLine().getOut(), Output.object().put("rows", rows.size()).put("seconds", Math.round(seconds * 10) / 10.0)
                    .put("csv", out.resolve("active.csv").toString()).put("table", out.resolve("active.md").toString())
                    .put("plot_rm", out.resolve("active-rm.png").toString()).put("plot_lm", out.resolve("active-lm.png").toString()));
        } else {
            spec.commandLine().getOut().print(Files.readString(out.resolve("active.md")));
            spec.commandLine().getOut().printf("%n%.0f s. Files: %s (active.csv, active.md, active-lm.png, active-rm.png)%n", seconds, out);
        }
        return Cli.OK;
    }
}
