package dev.pairlab.labelmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.analysis.Subsets;
import dev.pairlab.lf.Votes;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import org.junit.jupiter.api.Test;

class LabelModelTest {

    static final double[] ACC = {0.9, 0.8, 0.75, 0.7, 0.65, 0.6, 0.85, 0.55};
    static final double[] COV = {0.3, 0.6, 0.9, 0.5, 0.8, 0.7, 0.4, 0.95};

    @Test
    void snorkelStyleModelRecoversKnownLfAccuracies() throws Exception {
        SyntheticMatrix s = SyntheticMatrix.generate(50_000, ACC, COV, 0.5, 42);
        SnorkelStyleModel model = new SnorkelStyleModel();
        FitOptions o = new FitOptions(0.5, 500, 0.01, 0.0, 0.7, 123);
        model.fit(s.matrix(), Subsets.all(50_000), o, ProgressListener.NONE, Cancellation.none());
        double[] learned = model.lfAccuracies();
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < ACC.length; j++) {
            sb.append(String.format("%.3f/%.3f ", ACC[j], learned[j]));
        }
        for (int j = 0; j < ACC.length; j++) {
            assertEquals(ACC[j], learned[j], 0.03, "LF " + j + ": " + sb);
        }
    }

    @Test
    void dawidSkeneRecoversThemToo() throws Exception {
        SyntheticMatrix s = SyntheticMatrix.generate(50_000, ACC, COV, 0.5, 7);
        DawidSkene model = new DawidSkene();
        model.fit(s.matrix(), Subsets.all(50_000), FitOptions.paper(), ProgressListener.NONE, Cancellation.none());
        double[] learned = model.lfAccuracies();
        for (int j = 0; j < ACC.length; j++) {
            assertEquals(ACC[j], learned[j], 0.03, "LF " + j);
        }
    }

    @Test
    void theLabelModelBeatsMajorityVoteWhenAccuraciesDiffer() throws Exception {
        SyntheticMatrix s = SyntheticMatrix.generate(20_000, ACC, COV, 0.5, 3);
        int[] rows = Subsets.all(20_000);
        SnorkelStyleModel lm = new SnorkelStyleModel();
        lm.fit(s.matrix(), rows, FitOptions.paper(), ProgressListener.NONE, Cancellation.none());
        double lmAcc = accuracy(HardLabels.of(lm.probabilityB(s.matrix(), rows), s.matrix().ids(), TiePolicy.RANDOM, 0.5, 1), s.gold());
        MajorityVote mv = new MajorityVote();
        double mvAcc = accuracy(HardLabels.of(mv.probabilityB(s.matrix(), rows), s.matrix().ids(), TiePolicy.RANDOM, 0.5, 1), s.gold());
        assertTrue(lmAcc > mvAcc + 0.01, "label model " + lmAcc + " vs majority " + mvAcc);
    }

    static double accuracy(byte[] hard, byte[] gold) {
        int right = 0;
        for (int i = 0; i < hard.length; i++) {
            if (hard[i] == gold[i]) {
                right++;
            }
        }
        return (double) right / hard.length;
    }

    @Test
    void majorityVoteAndTies() {
        SyntheticMatrix s = SyntheticMatrix.generate(10, new double[] {1, 1}, new double[] {0, 0}, 0.5, 1);
        double[] p = new MajorityVote().probabilityB(s.matrix(), Subsets.all(10));
        for (double x : p) {
            assertEquals(0.5, x);
        }
        byte[] abstain = HardLabels.of(p, s.matrix().ids(), TiePolicy.ABSTAIN, 0.5, 1);
        for (byte b : abstain) {
            assertEquals(Votes.ABSTAIN, b);
        }
        byte[] random = HardLabels.of(p, s.matrix().ids(), TiePolicy.RANDOM, 0.5, 1);
        byte[] again = HardLabels.of(p, s.matrix().ids(), TiePolicy.RANDOM, 0.5, 1);
        assertEquals(java.util.Arrays.toString(random), java.util.Arrays.toString(again));
        byte[] prior = HardLabels.of(p, s.matrix().ids(), TiePolicy.PRIOR, 0.7, 1);
        assertEquals(Votes.B, prior[0]);
    }

    @Test
    void aModelSurvivesItsJson() throws Exception {
        SyntheticMatrix s = SyntheticMatrix.generate(2000, ACC, COV, 0.5, 9);
        int[] rows = Subsets.all(2000);
        for (String type : LabelModels.TYPES) {
            LabelModel model = LabelModels.create(type);
            model.fit(s.matrix(), rows, FitOptions.paper(), ProgressListener.NONE, Cancellation.none());
            LabelModel back = LabelModels.fromJson(model.toJson());
            assertEquals(java.util.Arrays.toString(model.probabilityB(s.matrix(), rows)),
                    java.util.Arrays.toString(back.probabilityB(s.matrix(), rows)), type);
        }
    }

    @Test
    void calibrationNumbersOnAHandMadeCase() {
        double[] p = {0.9, 0.2, 0.6, 0.5};
        byte[] gold = {1, 0, 0, 1};
        byte[] hard = HardLabels.of(p, new long[] {1, 2, 3, 4}, TiePolicy.ABSTAIN, 0.5, 1);
        Calibration.Report r = Calibration.evaluate(p, hard, gold);
        assertEquals(4, r.rows());
        assertEquals(0.75, r.coverage(), 1e-12);
        assertEquals(2 / 3.0, r.accuracy(), 1e-12);
        double logLoss = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.5)) / 4;
        assertEquals(logLoss, r.logLoss(), 1e-12);
        double brier = (0.01 + 0.04 + 0.36 + 0.25) / 4;
        assertEquals(brier, r.brier(), 1e-12);
        // Bins: 0.9 → bin 9 (right), 0.8 → bin 8 (right), 0.6 → bin 6 (wrong), 0.5 → bin 5 (argmax A, gold B: wrong).
        double ece = (Math.abs(1 - 0.9) + Math.abs(1 - 0.8) + Math.abs(0 - 0.6) + Math.abs(0 - 0.5)) / 4;
        assertEquals(ece, r.ece(), 1e-12);
        var sweep = Calibration.sweep(p, hard, gold, new double[] {0.5, 0.8});
        assertEquals(3, sweep.get(0).kept());
        assertEquals(2, sweep.get(1).kept());
        assertEquals(1.0, sweep.get(1).accuracy(), 1e-12);
    }
}
