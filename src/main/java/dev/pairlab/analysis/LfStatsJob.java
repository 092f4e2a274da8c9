package dev.pairlab.analysis;

import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The LFs' statistics as a job (Snorkel's {@code lf_summary}): what {@code pairlab lf stats} runs. Labels the
 * project (features and votes cached where it can write), then the summary on the chosen splits, the same on the
 * labeled split (whether an LF is worse than a coin is judged there, whatever split is shown), and what was asked
 * besides.
 */
public record LfStatsJob(Project project, LfStatsJob.Params params) implements Workflow<LfStatsJob.Result> {

    /**
     * @param splits   the splits to summarise; empty for all (pool gold stays hidden)
     * @param wrong    also the ids of the pairs this LF gets wrong, or null
     * @param byLength also each LF's accuracy by length, on the chosen splits or else the train split
     */
    public record Params(Set<Split> splits, String wrong, boolean byLength) implements Parameters {

        public static final String DESC_WRONG = "Also list the ids of the pairs this LF gets wrong.";
        public static final String DESC_BY_LENGTH = "Also each LF's accuracy (95 % Wilson interval, pairs) on length-matched pairs,"
                + " where the longer answer loses, where it wins and by length ratio, beside 'longer wins' (on the train split"
                + " unless splits are chosen).";

        public Params {
            splits = splits == null || splits.isEmpty() ? Set.of() : Set.copyOf(splits);
        }

        /** Were splits chosen (else all are summarised, and length is measured on train). */
        public boolean splitsChosen() {
            return !splits.isEmpty();
        }

        /** The splits summarised. */
        public Set<Split> shown() {
            return splitsChosen() ? EnumSet.copyOf(splits) : EnumSet.allOf(Split.class);
        }

        /** Length analysis guides choices, so it is never measured on the test split unasked. */
        public Set<Split> lengthSplits() {
            return splitsChosen() ? EnumSet.copyOf(splits) : EnumSet.of(Split.TRAIN);
        }

        @Override
        public List<Problem> validate() {
            return wrong != null && wrong.isBlank() ? List.of(Problem.of("wrong", "name the LF whose wrong pairs to list")) : List.of();
        }
    }

    /**
     * @param report     the summary on the chosen splits
     * @param onLabeled  the summary on the labeled (train) split, for "below chance"
     * @param wrongIds   the pairs {@link Params#wrong()} gets wrong, or null
     * @param lengthRows the rows length is measured on, or null when not asked
     */
    public record Result(ProjectLabeling.Labeled labeled, LfStats.Report report, LfStats.Report onLabeled, long[] wrongIds,
                         int[] lengthRows) {
    }

    @Override
    public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
        params.requireValid();
        ProjectLabeling.Labeled labeled = ProjectLabeling.label(project, false, progress, cancel);
        int[] rows = Subsets.rows(labeled.labels(), params.shown());
        int[] lengthRows = params.byLength() ? Subsets.rows(labeled.labels(), params.lengthSplits()) : null;
        LfStats.Report report = LfStats.compute(labeled.matrix(), rows, labeled.labels().gold());
        LfStats.Report onLabeled = LfStats.compute(labeled.matrix(), Subsets.rows(labeled.labels(), EnumSet.of(Split.TRAIN)),
                labeled.labels().gold());
        long[] wrongIds = null;
        if (params.wrong() != null) {
            int j = labeled.matrix().names().indexOf(params.wrong());
            if (j < 0) {
                throw new BadInputException("no enabled LF named '" + params.wrong() + "'");
            }
            wrongIds = LfStats.wrong(labeled.matrix(), j, rows, labeled.labels().gold());
        }
        return new Result(labeled, report, onLabeled, wrongIds, lengthRows);
    }

    @Override
    public String title() {
        return "LF statistics";
    }
}
