package dev.pairlab.labelmodel;

import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.List;

/** A stored label-model run scored on a split with gold, by the export's rule ({@link ScoredSplit}): {@code model eval}. */
public final class ModelEvaluation {

    /**
     * @param run      the run's id, 0 for the latest
     * @param split    the split to score; the pool is scored against its hidden gold (evaluation only)
     * @param byLength also split the accuracy by which answer is longer
     */
    public record Params(long run, Split split, TiePolicy ties, boolean byLength) implements Parameters {

        public static final String DEFAULT_SPLIT = "test";
        public static final String DEFAULT_TIES = TiePolicy.DEFAULT;
        public static final String DESC_SPLIT = "Split (default ${DEFAULT-VALUE}); 'pool' uses its hidden gold, for evaluation only.";
        public static final String DESC_TIES = "Hard label at P = 0.5: random, abstain or prior (the run's class balance)";
        public static final String DESC_BY_LENGTH = "Also the accuracy where the longer answer is preferred and where the shorter is (default on).";

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            Runs.check(problems, "run", run);
            return problems;
        }
    }

    /** @param byLength null when not asked for */
    public record Result(ModelRecord run, Split split, Calibration.Report report, LengthSplit byLength) {
    }

    /** What {@code model eval} runs. */
    public record Job(Project project, Params params) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            Split s = params.split();
            ScoredSplit a = ScoredSplit.of(project, params.run(), s, s == Split.POOL, params.ties(), 0, progress, cancel);
            return new Result(a.run(), s, a.evaluate(), params.byLength() ? a.byLength() : null);
        }

        @Override
        public String title() {
            return "Evaluating the label model on " + params.split().key();
        }
    }

    private ModelEvaluation() {
    }
}
