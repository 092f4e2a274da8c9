package dev.pairlab.labelmodel;

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

/**
 * The coverage/accuracy trade-off of keeping a split's pairs whose confidence reaches a threshold, by the
 * export's keep rule, measured against the split's gold including the pool's hidden gold (an evaluation-only
 * number): {@code model sweep-threshold} and the label-model screen's chart.
 */
public final class ThresholdSweep {

    /**
     * @param run        the run's id, 0 for the latest
     * @param thresholds the confidences to keep pairs from
     */
    public record Params(long run, Split split, TiePolicy ties, double[] thresholds) implements Parameters {

        public static final String DEFAULT_SPLIT = "pool";

        /** {@code model sweep-threshold}'s: random ties, 0.5 to 0.95 in steps of 0.05. */
        public Params(long run, Split split) {
            this(run, split, TiePolicy.RANDOM, Calibration.defaultThresholds());
        }

        /** Thresholds from 0.5 to 1 in {@code steps} equal steps (the screen's chart). */
        public static double[] evenThresholds(int steps) {
            double[] ts = new double[steps + 1];
            for (int i = 0; i <= steps; i++) {
                ts[i] = 0.5 + i * (0.5 / steps);
            }
            return ts;
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            Runs.check(problems, "run", run);
            for (double t : thresholds) {
                if (!(t >= 0 && t <= 1)) {
                    problems.add(Problem.of("thresholds", "a confidence threshold must be between 0 and 1, got " + t));
                    break;
                }
            }
            return problems;
        }
    }

    public record Result(ModelRecord run, Split split, List<Calibration.ThresholdPoint> points) {
    }

    /** What {@code model sweep-threshold} runs. */
    public record Job(Project project, Params params) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
            params.requireValid();
            ScoredSplit a = ScoredSplit.of(project, params.run(), params.split(), true, params.ties(), 0, progress, cancel);
            return new Result(a.run(), params.split(), a.sweep(params.thresholds()));
        }

        @Override
        public String title() {
            return "Sweeping the confidence threshold on " + params.split().key();
        }
    }

    private ThresholdSweep() {
    }
}
