package dev.pairlab.analysis;

import dev.pairlab.features.Feature;
import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.features.Features;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every feature analysed on the labeled pairs of some splits ({@link FeatureAnalysis}): preferred vs rejected
 * values, the suggested rule and that rule's accuracy by length: {@code analyze features}.
 */
public final class FeatureSurvey {

    private FeatureSurvey() {
    }

    public static final String DEFAULT_SPLITS = "train";
    public static final String DESC_SPLITS = "Splits to analyse";

    /** @param splits the splits whose labeled pairs are analysed (pool gold stays hidden) */
    public record Params(Set<Split> splits) implements Parameters {

        public Params {
            splits = splits == null || splits.isEmpty() ? EnumSet.noneOf(Split.class) : EnumSet.copyOf(splits);
        }

        /** The defaults: the train split. */
        public static Params defaults() {
            return new Params(EnumSet.of(Split.parse(DEFAULT_SPLITS)));
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (splits.isEmpty()) {
                problems.add(Problem.of("splits", "choose at least one split to analyse"));
            }
            return problems;
        }
    }

    /**
     * One feature's analysis.
     *
     * @param byLength the suggested rule's accuracy on all pairs, on length-matched pairs and where the longer answer loses
     */
    public record FeatureResult(Feature feature, FeatureAnalysis.Report report, LengthSplit.Breakdown byLength) {
    }

    /**
     * Computes the project's feature columns (or reads them from the cache: {@link FeatureCache#ensure}) and
     * analyses each feature; one result per feature, in the table's order.
     */
    public record Job(Project project, Params params) implements Workflow<List<FeatureResult>> {

        @Override
        public List<FeatureResult> run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            FeatureTable table = FeatureCache.ensure(project, progress, cancel);
            Pairs.Labels labels = Pairs.labels(project, false);
            int[] rows = Subsets.rows(labels, params.splits());
            List<FeatureResult> out = new ArrayList<>();
            for (Feature f : Features.in(table)) {
                cancel.throwIfCancelled();
                FeatureAnalysis.Report r = FeatureAnalysis.analyse(table, f.name(), rows, labels.gold());
                out.add(new FeatureResult(f, r, FeatureAnalysis.suggestedByLength(table, r, rows, labels.gold())));
            }
            return out;
        }

        @Override
        public String title() {
            return "Analysing features";
        }
    }
}
