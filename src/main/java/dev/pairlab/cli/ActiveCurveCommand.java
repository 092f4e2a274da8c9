package dev.pairlab.cli;

import dev.pairlab.reward.ActiveCurve;
import dev.pairlab.reward.Experiment;
import dev.pairlab.reward.RewardConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "active-curve", mixinStandardHelpOptions = true, description = {
    "Measure 'label these next': label-model and reward-model test accuracy against the number of human-labeled pairs",
    "(the pool's hidden gold plays the human) for random choice and each ranking (conflict, model, rm, combined).",
    "Writes active.csv, active.md, active-lm.png and active-rm.png."})
final class ActiveCurveCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Option(names = "--budgets", split = ",", defaultValue = ActiveCurve.Params.DEFAULT_BUDGETS,
            description = ActiveCurve.Params.DESC_BUDGETS + " (default ${DEFAULT-VALUE}).")
    List<Integer> budgets;

    @Option(names = "--seeds", defaultValue = ActiveCurve.Params.DEFAULT_SEEDS, description = ActiveCurve.Params.DESC_SEEDS + " (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = ActiveCurve.Params.DESC_OUT)
    Path out;

    @Override
    public Integer call() throws Exception {
        RewardConfig rm = Experiment.Params.rewardModel(RewardConfig.Kind.FEATURES, null, data.epochs);
        ActiveCurve.Params params = new ActiveCurve.Params(data.dataset, data.evalFile, data.evalFraction, budgets, seeds, data.preset, rm);
        return data.runAndReport(new ActiveCurve.Job(params, out), out, "active.md", (rows, seconds) -> DatasetOptions.summary(rows, seconds)
                        .put("csv", out.resolve("active.csv").toString()).put("table", out.resolve("active.md").toString())
                        .put("plot_rm", out.resolve("active-rm.png").toString()).put("plot_lm", out.resolve("active-lm.png").toString()),
                (rows, seconds) -> String.format("%n%.0f s. Files: %s (active.csv, active.md, active-lm.png, active-rm.png)%n", seconds, out));
    }
}
