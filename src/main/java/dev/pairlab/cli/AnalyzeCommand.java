package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.analysis.FeatureAnalysis;
import dev.pairlab.analysis.FeatureSurvey;
import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.features.Feature;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.task.Workflow;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Data analysis.", subcommands = {AnalyzeCommand.FeaturesCmd.class})
final class AnalyzeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "features", mixinStandardHelpOptions = true, description = {
        "For each feature, on labeled pairs: preferred vs rejected values, how often the preferred answer has the higher value,",
        "and the rule 'prefer higher/lower, abstain if |Δ| < t' with the threshold that maximizes coverage × (2·accuracy − 1);",
        "then that rule's accuracy (95 %% Wilson interval) on all pairs, on length-matched pairs",
        "and where the longer answer loses, and whether it is distinguishable from chance."})
    static final class FeaturesCmd extends ComputingJobCommand<List<FeatureSurvey.FeatureResult>> {
        @Option(names = "--split", split = ",", defaultValue = FeatureSurvey.DEFAULT_SPLITS,
                description = FeatureSurvey.DESC_SPLITS + " (default ${DEFAULT-VALUE}).")
        List<String> split;

        @Override
        Workflow<List<FeatureSurvey.FeatureResult>> job(Project p) throws Exception {
            return new FeatureSurvey.Job(p, new FeatureSurvey.Params(LfCommand.splits(split)));
        }

        @Override
        void print(List<FeatureSurvey.FeatureResult> results, PrintWriter out) throws Exception {
            Set<Split> splits = LfCommand.splits(split);
            ObjectNode o = Output.object();
            ArrayNode list = o.putArray("features");
            if (!output.json) {
                out.printf("%-18s %-11s %6s %10s %10s %9s %-7s %9s %8s %8s%n", "feature", "unit", "pairs", "pref.mean", "rej.mean",
                        "pref>rej", "prefer", "min|Δ|", "coverage", "accuracy");
            }
            for (FeatureSurvey.FeatureResult result : results) {
                Feature f = result.feature();
                FeatureAnalysis.Report r = result.report();
                LengthSplit.Breakdown b = result.byLength();
                if (output.json) {
                    ObjectNode x = list.addObject().put("name", f.name()).put("description", f.description()).put("unit", f.unit())
                            .put("pairs", r.pairs()).put("preferred_mean", r.preferredMean()).put("rejected_mean", r.rejectedMean())
                            .put("preferred_higher", r.preferredHigher()).put("suggested_prefer", r.suggestedPrefer())
                            .put("suggested_min_delta", r.suggestedThreshold()).put("suggested_coverage", r.suggestedCoverage())
                            .put("suggested_accuracy", r.suggestedAccuracy());
                    ArrayNode curve = x.putArray("curve");
                    for (FeatureAnalysis.Point pt : r.curve()) {
                        curve.addObject().put("min_delta", pt.threshold()).put("coverage", pt.coverage()).put("accuracy_higher", pt.accuracy());
                    }
                    ArrayNode hist = x.putArray("delta_histogram");
                    for (int c : r.deltaHistogram()) {
                        hist.add(c);
                    }
                    x.put("delta_min", r.deltaMin()).put("delta_max", r.deltaMax());
                    LengthSplit.Count c = b.all().votes();
                    x.put("suggested_voted", c.voted());
                    Output.putNum(x, "suggested_accuracy_ci95_low", c.interval().low());
                    Output.putNum(x, "suggested_accuracy_ci95_high", c.interval().high());
                    x.put("suggested_indistinguishable_from_chance", c.indistinguishableFromChance());
                    x.put("suggested_verdict", b.verdict());
                    x.set("suggested_by_length", LengthReport.groups(b));
                } else {
                    out.printf("%-18s %-11s %6d %10.2f %10.2f %9s %-7s %9.3g %8.3f %8s%n", f.name(), f.unit(), r.pairs(), r.preferredMean(),
                            r.rejectedMean(), LfCommand.fmt(r.preferredHigher()), r.suggestedPrefer(), r.suggestedThreshold(),
                            r.suggestedCoverage(), LfCommand.fmt(r.suggestedAccuracy()));
                }
            }
            if (output.json) {
                ArrayNode splitNames = o.putArray("splits");
                splits.stream().sorted().forEach(x -> splitNames.add(x.key()));
                o.put("length_matched_rule", LengthReport.MATCHED_RULE);
                Output.print(out, o);
            } else {
                out.println();
                out.println("The suggested rules " + LengthReport.measuredOn(splits, true) + ", by length:");
                out.printf("%-18s %-26s %-26s %-26s %s%n", "feature", "all pairs", "length-matched", "longer loses", "verdict");
                LengthSplit.Breakdown any = null;
                for (FeatureSurvey.FeatureResult result : results) {
                    LengthSplit.Breakdown b = result.byLength();
                    any = b;
                    out.printf("%-18s %-26s %-26s %-26s %s%n", result.feature().name(), LengthReport.cell(b.all().votes()),
                            LengthReport.cell(b.lengthMatched().votes()), LengthReport.cell(b.longerLoses().votes()), b.verdict());
                }
                if (any != null) {
                    out.printf("%-18s %-26s %-26s %-26s %s%n", "(longer wins)", LengthReport.cell(any.all().longerWins()),
                            LengthReport.cell(any.lengthMatched().longerWins()), LengthReport.cell(any.longerLoses().longerWins()),
                            "the length-only baseline on the same pairs");
                }
                out.println(LengthReport.FOOTNOTE);
            }
        }
    }
}
