package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.reward.Experiment;
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

@Command(name = "experiment", mixinStandardHelpOptions = true, description = {
    "The paper's experiment: for each labeled fraction and seed, split, apply the LF preset, fit the label model on the",
    "labeled part, weakly label the pool, train reward models on each --variants training set and score them on the test",
    "split. Writes results.csv, predictions.csv (per test pair), results.md (accuracy and length-balanced accuracy beside",
    "'longer wins', 95 %% bootstrap intervals, paired differences to gold-only) and plot.png to --out; rerun to resume."})
final class ExperimentCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "FILE", description = "Labeled pairs (any import format).")
    Path dataset;

    @Option(names = "--eval-file", paramLabel = "FILE", description = "A fixed evaluation set instead of --eval-fraction of the dataset.")
    Path evalFile;

    @Option(names = "--eval-fraction", defaultValue = "0.1", description = "Test share of the dataset (default ${DEFAULT-VALUE}).")
    double evalFraction;

    @Option(names = "--labeled", split = ",", defaultValue = "0.01,0.02,0.05,0.1", description = "Labeled fractions (default ${DEFAULT-VALUE}).")
    List<Double> labeled;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per fraction (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--preset", defaultValue = "mt-bench", description = "LF preset: hh, ub, ubp, mt-bench (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--variants", split = ",", defaultValue = Experiment.DEFAULT_VARIANTS,
            description = {"Training sets (default ${DEFAULT-VALUE}): gold, gold+weak, soft or filtered, then modifiers: :semi or",
                ":gold-prior (a label model that learns from the labeled pairs' gold instead of Snorkel's), :balanced (the weak part",
                "as often 'longer chosen' as the labeled pairs), :lenctl (a length-controlled reward model, decision 0015),",
                "e.g. gold+weak:semi:balanced:lenctl."})
    List<String> variants;

    @Option(names = "--kind", defaultValue = "features", description = "Reward model: features, frozen or transformer (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--base", description = "frozen and transformer: minilm (shipped) or a local Hugging Face checkpoint folder.")
    String base;

    @Option(names = "--threshold", defaultValue = "0.7", description = "Confidence threshold of the filtered variant (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--epochs", description = "Reward-model epochs (default: the text-feature model's).")
    Integer epochs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (resumes if it holds the same experiment).")
    Path out;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seeds > 10 && !quiet) {
            spec.commandLine().getErr().println("pairlab: note: " + seeds + " seeds; the paired bootstrap needs no more than 10 for stable intervals");
        }
        if (!List.of("features", "frozen", "transformer").contains(kind)) {
            throw new IllegalArgumentException("the reward model kind is features, frozen or transformer, not '" + kind + "'");
        }
        RewardConfig rm = RewardConfig.of(kind, base == null && !kind.equals("features") ? "minilm" : base);
        if (epochs != null) {
            rm = rm.withEpochs(epochs);
        }
        Experiment.Params params = new Experiment.Params(dataset, evalFile, evalFraction, labeled, seeds, preset, variants, threshold, rm);
        long t0 = System.nanoTime();
        List<Experiment.Row> rows;
        try (ConsoleProgress progress = new ConsoleProgress(System.err, quiet)) {
            rows = Experiment.run(params, out, progress, Cancellation.none());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (output.json) {
            ObjectNode o = Output.object().put("rows", rows.size()).put("seconds", Math.round(seconds * 10) / 10.0)
                    .put("csv", out.resolve("results.csv").toString()).put("table", out.resolve("results.md").toString())
                    .put("plot", out.resolve("plot.png").toString());
            Output.print(spec.commandLine().getOut(), o);
        } else {
            spec.commandLine().getOut().print(Files.readString(out.resolve("results.md")));
            spec.commandLine().getOut().printf("%n%d reward models, %.0f s. Files: %s (results.csv, results.md, plot.png)%n", rows.size(), seconds, out);
        }
        return Cli.OK;
    }
}
