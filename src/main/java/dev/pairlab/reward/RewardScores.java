package dev.pairlab.reward;

import dev.pairlab.lf.PositionAudit;
import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.TrainingRuns;
import dev.pairlab.task.UserException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The latest finished reward model of a project put to work on its pairs: label-next's uncertainty and the position audit. */
public final class RewardScores {

    private RewardScores() {
    }

    /** Pairs to score, their gold left out (scoring needs only the texts). */
    private static List<TrainPair> unlabeled(List<Pair> pairs, boolean swapped) {
        List<TrainPair> out = new ArrayList<>(pairs.size());
        for (Pair x : pairs) {
            out.add(swapped ? new TrainPair(x.id(), x.context(), x.answerB(), x.answerA(), 0.5, false)
                    : new TrainPair(x.id(), x.context(), x.answerA(), x.answerB(), 0.5, false));
        }
        return out;
    }

    /**
     * σ(r_B − r_A) of the latest finished reward model for the given rows of {@code ids} (NaN elsewhere), or
     * null when there is no finished run and it is not {@code required} (a note says so).
     */
    public static double[] probabilityB(Project p, long[] ids, int[] rows, List<String> notes, boolean required)
            throws IOException, UserException {
        TrainingRuns.Run run = TrainingRuns.latestDone(p);
        if (run == null) {
            if (required) {
                throw new UserException("ranking by the reward model needs a finished training run ('pairlab rm train')");
            }
            notes.add("no finished reward model: leaving it out of the combined score");
            return null;
        }
        long[] want = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            want[k] = ids[rows[k]];
        }
        Map<Long, Pair> pairs = Pairs.getMany(p, want);
        List<Pair> list = new ArrayList<>(want.length);
        for (long id : want) {
            list.add(pairs.get(id));
        }
        double[] s;
        try (RewardNet net = RewardTraining.load(run.dir(), "auto")) {
            s = Trainer.scorePairs(net, unlabeled(list, false), 32);
        }
        double[] out = new double[ids.length];
        Arrays.fill(out, Double.NaN);
        for (int k = 0; k < rows.length; k++) {
            out[rows[k]] = 1 / (1 + Math.exp(-(s[2 * k + 1] - s[2 * k])));
        }
        notes.add("reward-model uncertainty from training run " + run.id());
        return out;
    }

    /**
     * The latest finished reward model scored on the pairs and on the pairs with A and B swapped: its
     * preference should flip (a tie should stay a tie). A row of the position audit.
     */
    public static PositionAudit.Row positionAudit(Project p, List<Pair> pairs) throws IOException, UserException {
        TrainingRuns.Run run = TrainingRuns.latestDone(p);
        if (run == null) {
            throw new UserException("auditing the reward model needs a finished training run ('pairlab rm train')");
        }
        double[] s;
        double[] t;
        try (RewardNet net = RewardTraining.load(run.dir(), "auto")) {
            s = Trainer.scorePairs(net, unlabeled(pairs, false), 32);
            t = Trainer.scorePairs(net, unlabeled(pairs, true), 32);
        }
        int ok = 0;
        long first = 0;
        for (int i = 0; i < pairs.size(); i++) {
            int before = Double.compare(s[2 * i + 1], s[2 * i]);
            int after = Double.compare(t[2 * i + 1], t[2 * i]);
            if (after == -before) {
                ok++;
            } else if (first == 0) {
                first = pairs.get(i).id();
            }
        }
        int n = pairs.size();
        return new PositionAudit.Row("reward model (run " + run.id() + ")", n, ok, n == 0 ? 1 : (double) ok / n, ok < n, first);
    }
}
