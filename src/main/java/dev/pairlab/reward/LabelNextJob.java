package dev.pairlab.reward;

import dev.pairlab.analysis.LabelNext;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.ModelRuns;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Label these next ({@code pairlab next}): the pairs of a split a human label would help most, ranked by
 * LF conflict, label-model uncertainty, the latest reward model's uncertainty, or the combination
 * ({@link LabelNext}).
 */
public record LabelNextJob(Project project, LabelNextJob.Params params) implements Workflow<LabelNextJob.Result> {

    /**
     * @param n        how many pairs
     * @param by       what to rank on
     * @param split    the split to rank
     * @param withText also read each ranked pair's prompt and answers
     */
    public record Params(int n, LabelNext.By by, Split split, boolean withText) implements Parameters {

        public static final String DEFAULT_N = "50";
        public static final String DEFAULT_BY = "combined";
        public static final String DEFAULT_SPLIT = "pool";
        public static final String DESC_N = "How many pairs";
        public static final String DESC_BY = "conflict, model, rm or combined";
        public static final String DESC_SPLIT = "Which split to rank";
        public static final String DESC_WITH_TEXT = "Print each pair's prompt and answers (first 80 characters).";

        public static Params defaults() {
            return new Params(Integer.parseInt(DEFAULT_N), LabelNext.By.parse(DEFAULT_BY), Split.parse(DEFAULT_SPLIT), false);
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (n < 1) {
                problems.add(Problem.of("n", "the number of pairs must be at least 1 (got " + n + ")"));
            }
            if (by == null) {
                problems.add(Problem.of("by", "choose what to rank by: conflict, model, rm or combined"));
            }
            if (split == null) {
                problems.add(Problem.of("split", "choose the split to rank"));
            }
            return problems;
        }
    }

    /**
     * @param modelRun the label-model run whose uncertainty ranked the pairs, or null when none did
     * @param texts    the ranked pairs' texts by id when asked for, else empty
     * @param notes    what was left out of the ranking and why, in the user's words
     */
    public record Result(Params params, ModelRecord modelRun, LabelNext.Ranked[] top, Map<Long, Pair> texts, List<String> notes) {

        /** Whether the ranking asked for a label model (model or combined). */
        public boolean usesModel() {
            return params.by() == LabelNext.By.MODEL || params.by() == LabelNext.By.COMBINED;
        }
    }

    @Override
    public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
        params.requireValid();
        LabelNext.By ranking = params.by();
        List<String> notes = new ArrayList<>();
        ModelRecord modelRun = null;
        ProjectLabeling.Labeled l = ProjectLabeling.label(project, false, progress, cancel);
        int[] rows = Subsets.rows(l.labels(), EnumSet.of(params.split()));
        double[] probB = null;
        if (ranking != LabelNext.By.CONFLICT && ranking != LabelNext.By.RM) {
            try {
                WeakExport.Labeler labeler = WeakExport.fromProject(project, 0);
                modelRun = ModelRuns.get(project, labeler.modelRun().path("id").asLong());
                probB = labeler.model().probabilityB(l.matrix(), Subsets.all(l.matrix().n()));
            } catch (LfException e) {
                if (ranking == LabelNext.By.MODEL) {
                    throw e;
                }
                notes.add("no usable label model (" + e.getMessage() + "): ranking by LF conflict only");
            }
        }
        double[] rmProbB = null;
        if (ranking == LabelNext.By.RM || ranking == LabelNext.By.COMBINED) {
            rmProbB = RewardScores.probabilityB(project, l.matrix().ids(), rows, notes, ranking == LabelNext.By.RM);
        }
        LabelNext.Ranked[] top = LabelNext.rank(l.matrix(), rows, probB, rmProbB, ranking, params.n());
        Map<Long, Pair> texts = params.withText() ? Pairs.getMany(project, Arrays.stream(top).mapToLong(LabelNext.Ranked::id).toArray()) : Map.of();
        return new Result(params, modelRun, top, texts, notes);
    }

    @Override
    public String title() {
        return "Ranking the " + params.split().key() + " split's pairs to label next";
    }
}
