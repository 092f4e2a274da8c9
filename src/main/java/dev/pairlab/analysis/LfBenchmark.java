package dev.pairlab.analysis;

import dev.pairlab.features.Feature;
import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.features.Features;
import dev.pairlab.features.Text;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.pairs.Pair;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The LF engine's benchmark: feature extraction on real pairs, feature-rule LF evaluation on a
 * large table made by repeating them, and a stats update after one LF changes.
 */
public final class LfBenchmark {

    /**
     * @param featurePairsPerS pairs whose full feature set is computed per second (all cores), best of the repeats
     * @param lfEvalsPerS      feature-rule votes per second (pairs × LFs / s), best of the repeats
     * @param statsUpdateMs    recompute one LF's column and all LF stats on {@code statsPairs} pairs, median
     */
    public record Result(int pairs, int lfs, int featurePairs, double featurePairsPerS, double lfEvalsPerS,
                         int statsPairs, double statsUpdateMs, int cores, List<FeatureCost> featureCosts) {
    }

    /**
     * One thread's cost of one feature per answer, each answer's {@link Text} made fresh so the feature
     * pays for whatever analysis (tokens, sentences) it needs; the row "all" is every feature on one
     * shared {@code Text}, as extraction computes them.
     */
    public record FeatureCost(String feature, double microsPerAnswer) {
        public double answersPerS() {
            return 1e6 / microsPerAnswer;
        }
    }

    private LfBenchmark() {
    }

    public static Result run(List<Pair> real, int pairs, int lfs, int featurePairs, int statsPairs, int repeats)
            throws CancelledException {
        // 1. Feature extraction on real texts (repeated to featurePairs).
        List<String> a = new ArrayList<>(featurePairs);
        List<String> b = new ArrayList<>(featurePairs);
        for (int i = 0; i < featurePairs; i++) {
            Pair p = real.get(i % real.size());
            a.add(p.answerA());
            b.add(p.answerB());
        }
        long[] smallIds = IntStream.range(0, featurePairs).asLongStream().toArray();
        FeatureCache.compute(Arrays.copyOf(smallIds, Math.min(2000, featurePairs)), a.subList(0, Math.min(2000, featurePairs)),
                b.subList(0, Math.min(2000, featurePairs))); // warm-up
        FeatureTable small = null;
        double featureSeconds = Double.MAX_VALUE;
        for (int r = 0; r < Math.max(1, repeats); r++) { // best of the repeats: the machine may be shared
            long t0 = System.nanoTime();
            small = FeatureCache.compute(smallIds, a, b);
            featureSeconds = Math.min(featureSeconds, (System.nanoTime() - t0) / 1e9);
        }

        // 2. A large table by repeating those rows.
        FeatureTable big = repeat(small, pairs);
        List<NamedLf> rules = rules(big, lfs);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long s = System.nanoTime();
            LfApplier.apply(big, rules, null, sink -> { }, ProgressListener.NONE, Cancellation.none());
            best = Math.min(best, (System.nanoTime() - s) / 1e9);
        }

        // 3. Stats after one LF changes, on statsPairs pairs.
        FeatureTable mid = repeat(small, statsPairs);
        List<NamedLf> midRules = rules(mid, 20);
        LabelMatrix matrix = LfApplier.apply(mid, midRules, null, sink -> { }, ProgressListener.NONE, Cancellation.none()).matrix();
        byte[] gold = new byte[statsPairs];
        for (int i = 0; i < statsPairs; i++) {
            gold[i] = (byte) (i % 3 == 0 ? 1 : 0);
        }
        int[] rows = Subsets.all(statsPairs);
        double[] times = new double[Math.max(3, repeats * 3)];
        for (int r = 0; r < times.length; r++) {
            long s = System.nanoTime();
            FeatureRule changed = new FeatureRule("length", FeatureRule.Prefer.HIGHER, 10 + r, null);
            byte[] col = LfApplier.apply(mid, List.of(NamedLf.unsaved("changed", changed)), null, sink -> { },
                    ProgressListener.NONE, Cancellation.none()).matrix().column(0);
            LabelMatrix updated = matrix.withColumn(0, col);
            LfStats.compute(updated, rows, gold);
            times[r] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(times);
        return new Result(pairs, lfs, featurePairs, featurePairs / featureSeconds, (double) pairs * lfs / best, statsPairs,
                times[times.length / 2], Runtime.getRuntime().availableProcessors(), featureCosts(real, repeats));
    }

    /** Per-feature cost on the real answers (A and B), one thread, best of {@code repeats} after a warm-up. */
    public static List<FeatureCost> featureCosts(List<Pair> real, int repeats) {
        List<String> answers = new ArrayList<>();
        for (Pair p : real) {
            answers.add(p.answerA());
            answers.add(p.answerB());
        }
        List<Feature> features = Features.all();
        List<FeatureCost> out = new ArrayList<>();
        double sink = 0;
        for (Feature f : features) {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < Math.max(2, repeats + 1); r++) {
                long s = System.nanoTime();
                for (String answer : answers) {
                    sink += f.compute(new Text(answer));
                }
                double us = (System.nanoTime() - s) / 1e3 / answers.size();
                best = r == 0 ? best : Math.min(best, us); // the first round warms up
            }
            out.add(new FeatureCost(f.name(), best));
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < Math.max(2, repeats + 1); r++) {
            long s = System.nanoTime();
            for (String answer : answers) {
                Text t = new Text(answer);
                for (Feature f : features) {
                    sink += f.compute(t);
                }
            }
            double us = (System.nanoTime() - s) / 1e3 / answers.size();
            best = r == 0 ? best : Math.min(best, us);
        }
        out.add(new FeatureCost("all", best));
        if (Double.isNaN(sink)) { // keeps the JIT from dropping the loops
            throw new IllegalStateException("NaN feature value");
        }
        return out;
    }

    private static FeatureTable repeat(FeatureTable t, int n) {
        int f = t.names().size();
        float[][] a = new float[f][n];
        float[][] b = new float[f][n];
        for (int c = 0; c < f; c++) {
            float[] sa = t.a(c);
            float[] sb = t.b(c);
            for (int i = 0; i < n; i++) {
                a[c][i] = sa[i % sa.length];
                b[c][i] = sb[i % sb.length];
            }
        }
        return new FeatureTable(IntStream.range(0, n).asLongStream().toArray(), t.names(), a, b);
    }

    /** {@code m} feature rules cycling over the features with different thresholds. */
    private static List<NamedLf> rules(FeatureTable t, int m) {
        List<NamedLf> out = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            String feature = t.names().get(j % t.names().size());
            FeatureRule.Prefer prefer = j % 2 == 0 ? FeatureRule.Prefer.HIGHER : FeatureRule.Prefer.LOWER;
            out.add(NamedLf.unsaved("lf" + j, new FeatureRule(feature, prefer, (j / t.names().size()) * 0.5, null)));
        }
        return out;
    }
}
