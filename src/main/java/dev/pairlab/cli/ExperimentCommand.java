package dev.pairlab.cli;

import dev.pairlab.reward.Experiment;
import dev.pairlab.reward.RewardConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "experiment", mixinStandardHelpOptions = true, description = {
    "The paper's experiment: for each labeled fraction and seed, split, apply the LF preset, fit the label model on the",
    "labeled part, weakly label the pool, train reward models on each --variants training set and score them on the test",
    "split. Writes results.csv, predictions.csv (per test pair), results.md (accuracy and length-balanced accuracy beside",
    "'longer wins', 95 %% bootstrap intervals, paired differences to gold-only) and plot.png to --out; rerun to resume."})
final class ExperimentCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Option(names = "--labeled", split = ",", defaultValue = Experiment.Params.DEFAULT_LABELED,
            description = Experiment.Params.DESC_LABELED + " (default ${DEFAULT-VALUE}).")
    List<Double> labeled;

    @Option(names = "--seeds", defaultValue = Experiment.Params.DEFAULT_SEEDS, description = Experiment.Params.DESC_SEEDS + " (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--variants", split = ",", defaultValue = Experiment.DEFAULT_VARIANTS,
            description = Experiment.Params.DESC_VARIANTS + " (default ${DEFAULT-VALUE})")
    List<String> variants;

    @Option(names = "--kind", defaultValue = Experiment.Params.DEFAULT_KIND, description = Experiment.Params.DESC_KIND + " (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--base", description = Experiment.Params.DESC_BASE)
    String base;

    @Option(names = "--threshold", defaultValue = Experiment.Params.DEFAULT_THRESHOLD,
            description = Experiment.Params.DESC_THRESHOLD + " (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = Experiment.Params.DESC_OUT)
    Path out;

    @Override
    public Integer call() throws Exception {
        if (seeds > 10 && !data.quiet.quiet) {
            data.spec.commandLine().getErr().println("pairlab: note: " + seeds
                    + " seeds; the paired bootstrap needs no more than 10 for stable intervals");
        }
        RewardConfig rm = Experiment.Params.rewardModel(RewardConfig.Kind.parse(kind), base, data.epochs);
        Experiment.Params params = new Experiment.Params(data.dataset, data.evalFile, data.evalFraction, labeled, seeds, data.preset, variants,
                threshold, rm);
        return data.runAndReport(new Experiment.Job(params, out), out, "results.md", (rows, seconds) -> DatasetOptions.summary(rows, seconds)
                        .put("csv", out.resolve("results.csv").toString()).put("table", out.resolve("results.md").toString())
                        .put("plot", out.resolve("plot.png").toString()),
                (rows, seconds) -> String.format("%n%d reward models, %.0f s. Files: %s (results.csv, results.md, plot.png)%n", rows.size(),
                        seconds, out));
    }
}
