package dev.pairlab.labelmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The label models that learn from the labeled split's gold, on matrices that fool the unsupervised ones. */
class GoldLabelModelTest {

    /**
     * Three LFs that always agree (they all vote for the longer answer) and are right only 40 % of the
     * time, and one LF right 75 % of the time on 60 % of the pairs. Agreement is all the unsupervised
     * models see, so they trust the trio; the gold says the trio is worse than a coin.
     */
    record Fooling(LabelMatrix matrix, byte[] gold, int[] labeled, int[] pool, int[] test) {
        static Fooling make(int labeledCount, long seed) {
            return make(labeledCount, seed, 3, 0.4);
        }

        /** {@code copies} identical "longer" LFs right {@code longerRight} of the time. */
        static Fooling make(int labeledCount, long seed, int copies, double longerRight) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = 6000;
            byte[] gold = new byte[n];
            byte[][] cols = new byte[copies + 1][n];
            for (int i = 0; i < n; i++) {
                gold[i] = rnd.nextBoolean() ? Votes.B : Votes.A;
                byte longer = rnd.nextDouble() < longerRight ? gold[i] : (byte) (1 - gold[i]);
                boolean votes = rnd.nextDouble() < 0.9;
                for (int j = 0; j < copies; j++) {
                    cols[j][i] = votes ? longer : Votes.ABSTAIN;
                }
                cols[copies][i] = rnd.nextDouble() < 0.6 ? (rnd.nextDouble() < 0.75 ? gold[i] : (byte) (1 - gold[i])) : Votes.ABSTAIN;
            }
            List<String> names = new ArrayList<>();
            for (int j = 0; j < copies; j++) {
                names.add("longer" + (j + 1));
            }
            names.add("good");
            LabelMatrix m = new LabelMatrix(LongStream.range(1, n + 1).toArray(), names, cols);
            return new Fooling(m, gold, IntStream.range(0, labeledCount).toArray(), IntStream.range(labeledCount, 5000).toArray(),
                    IntStream.range(5000, n).toArray());
        }

        /** Gold as fitting may see it: the labeled rows only. */
        byte[] visible() {
            byte[] g = new byte[gold.length];
            java.util.Arrays.fill(g, (byte) -1);
            for (int r : labeled) {
                g[r] = gold[r];
            }
            return g;
        }

        int[] fitRows() {
            return IntStream.concat(IntStream.of(labeled), IntStream.of(pool)).toArray();
        }

        double testAccuracy(LabelModel model) {
            double[] p = model.probabilityB(matrix, test);
            int right = 0;
            for (int k = 0; k < test.length; k++) {
                // Ties (P = 0.5) count as half right, as a coin would be.
                right += p[k] == 0.5 ? 0 : ((p[k] > 0.5 ? Votes.B : Votes.A) == gold[test[k]] ? 2 : 0);
                right += p[k] == 0.5 ? 1 : 0;
            }
            return right / (2.0 * test.length);
        }
    }

    private static LabelModel fit(String type, Fooling f, FitOptions o) throws Exception {
        LabelModel model = LabelModels.create(type);
        model.fit(f.matrix(), f.fitRows(), f.visible(), o, ProgressListener.NONE, Cancellation.none());
        return model;
    }

    @Test
    void theUnsupervisedModelsAreFooledAndTheGoldUsingOnesAreNot() throws Exception {
        // 1,000 labels: enough for the Beta prior (κ = 50) to move 95 % of the way from Snorkel's fooled guess.
        Fooling f = Fooling.make(1000, 7);
        FitOptions o = FitOptions.paper();
        double snorkel = f.testAccuracy(fit(SnorkelStyleModel.TYPE, f, o));
        double ds = f.testAccuracy(fit(DawidSkene.TYPE, f, o));
        double majority = f.testAccuracy(fit(MajorityVote.TYPE, f, o));
        double gold = f.testAccuracy(fit(GoldPriorModel.TYPE, f, o));
        // Semi-supervised EM needs fewer: its labeled rows are counted as they are, not against a prior.
        double semi = f.testAccuracy(fit(DawidSkene.TYPE_SEMI, Fooling.make(300, 7), o));
        // The trio outvotes the good LF: all three unsupervised models follow "longer wins" (~0.4 here).
        assertTrue(snorkel < 0.5 && ds < 0.5 && majority < 0.5, "snorkel " + snorkel + ", dawid-skene " + ds + ", majority " + majority);
        // Following only the good LF where it votes and a coin elsewhere: 0.6 · 0.75 + 0.4 · 0.5 = 0.65.
        assertEquals(0.65, gold, 0.03, "snorkel-gold");
        assertEquals(0.65, semi, 0.03, "dawid-skene-semi");
        GoldPriorModel g = (GoldPriorModel) fit(GoldPriorModel.TYPE, f, o);
        assertTrue(g.unsupervisedAccuracy(0) > 0.6, "the prior's centre is Snorkel's fooled guess: " + g.unsupervisedAccuracy(0));
        assertEquals(0.5, g.accuracy(0, 0), 1e-9, "floored at a coin, not inverted");
        // The good LF (true 0.75) is pulled up from Snorkel's low guess by its 600 labeled votes.
        assertTrue(g.accuracy(3, 1) > 0.65 && g.accuracy(3, 0) > 0.65 && g.unsupervisedAccuracy(3) < g.accuracy(3, 0),
                g.unsupervisedAccuracy(3) + " -> " + g.accuracy(3, 0) + ", " + g.accuracy(3, 1));
    }

    @Test
    void lfsBelowChanceAreFlaggedAndInvertedOrDroppedOnlyWhenAsked() throws Exception {
        // One "longer" LF right 30 % of the time: turned around, it is right 70 % of the time.
        Fooling f = Fooling.make(300, 11, 1, 0.3);
        byte[] gold = f.visible();
        for (int r : f.test()) {
            gold[r] = f.gold()[r];
        }
        java.util.Map<FitOptions.BelowChance, ModelFitting.Result> results = new java.util.EnumMap<>(FitOptions.BelowChance.class);
        for (FitOptions.BelowChance action : FitOptions.BelowChance.values()) {
            FitParams params = new FitParams(LabelModelType.SNORKEL_GOLD, FitOptions.paper().withBelowChance(action), FitParams.FitOn.LABELED_AND_POOL,
                    TiePolicy.RANDOM, dev.pairlab.pairs.Split.TEST);
            results.put(action, ModelFitting.fitAndEvaluate(f.matrix(), f.fitRows(), f.test(), gold, params, "test", ProgressListener.NONE,
                    Cancellation.none()));
        }
        ModelFitting.Result kept = results.get(FitOptions.BelowChance.KEEP);
        for (int j = 0; j < 2; j++) {
            ModelFitting.LfAccuracy a = kept.lfs().get(j);
            assertEquals(j == 0, a.belowChance(), a.toString());
            assertTrue(a.labeledInterval().contains(j == 0 ? 0.3 : 0.75), a.toString());
        }
        assertTrue(!(kept.fitted() instanceof AdjustedLfsModel), "kept unless asked");
        double keep = kept.model().accuracy();
        double drop = results.get(FitOptions.BelowChance.DROP).model().accuracy();
        double invert = results.get(FitOptions.BelowChance.INVERT).model().accuracy();
        // Inverted, the LF is right 70 % of the time and adds to the good LF; dropped or kept (floored at a coin), only the good LF counts.
        assertTrue(invert > keep + 0.05, "inverted " + invert + " vs kept " + keep);
        assertEquals(0.65, drop, 0.04, "dropped");
        assertEquals(0.65, keep, 0.04, "kept");
    }

    @Test
    void theBetaPriorEstimateMovesWithTheNumberOfLabelsAsDocumented() {
        // κ = 50, Snorkel's guess 0.8, the gold shows 0.4: 10 labels move it 10/60 of the way, 500 labels 500/550.
        assertEquals(0.8 - 0.4 * 10 / 60.0, GoldPriorModel.estimate(0.8, 50, 4, 10), 1e-12);
        assertEquals(0.8 - 0.4 * 500 / 550.0, GoldPriorModel.estimate(0.8, 50, 200, 500), 1e-12);
        assertEquals(0.8, GoldPriorModel.estimate(0.8, 50, 0, 0), 1e-12);
        assertEquals(0.4, GoldPriorModel.estimate(0.8, 0, 4, 10), 1e-12);
        // And the fitted model does the same: few labels leave the fooled guess nearly as it was, many move it close to the truth.
        double fewLabels = fitted(10).accuracyRaw();
        double manyLabels = fitted(1000).accuracyRaw();
        assertTrue(fewLabels > 0.7, "10 labels: " + fewLabels);
        assertTrue(manyLabels < 0.5, "1000 labels: " + manyLabels);
    }

    /** The trio's class-conditional accuracy with inversion allowed (so it is not floored), for a number of labels. */
    private record Raw(double accuracyRaw) {
    }

    private Raw fitted(int labels) {
        try {
            Fooling f = Fooling.make(labels, 3);
            GoldPriorModel g = (GoldPriorModel) fit(GoldPriorModel.TYPE, f, FitOptions.paper().withBelowChance(FitOptions.BelowChance.INVERT));
            return new Raw((g.accuracy(0, 0) + g.accuracy(0, 1)) / 2);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFittedGoldModelSurvivesItsJson() throws Exception {
        Fooling f = Fooling.make(300, 5);
        for (String type : List.of(GoldPriorModel.TYPE, DawidSkene.TYPE_SEMI)) {
            LabelModel model = fit(type, f, FitOptions.paper());
            LabelModel back = LabelModels.fromJson(model.toJson());
            assertEquals(type, back.type());
            double[] a = model.probabilityB(f.matrix(), f.test());
            double[] b = back.probabilityB(f.matrix(), f.test());
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-12);
            }
        }
        LabelModel dropped = new AdjustedLfsModel(LabelModels.create(GoldPriorModel.TYPE), FitOptions.BelowChance.DROP,
                new boolean[] {true, true, true, false});
        dropped.fit(f.matrix(), f.fitRows(), f.visible(), FitOptions.paper(), ProgressListener.NONE, Cancellation.none());
        LabelModel back = LabelModels.fromJson(dropped.toJson());
        assertEquals(List.of(0, 1, 2), ((AdjustedLfsModel) back).adjustedLfs());
        assertEquals(dropped.probabilityB(f.matrix(), f.test())[0], back.probabilityB(f.matrix(), f.test())[0], 1e-12);
    }
}
