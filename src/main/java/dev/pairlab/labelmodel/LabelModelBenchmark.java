package dev.pairlab.labelmodel;

import dev.pairlab.analysis.Subsets;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** Fit time of each label model on a synthetic n × m matrix drawn from the conditionally independent model. */
public final class LabelModelBenchmark {

    public record Result(String type, int pairs, int lfs, long fitMs, long predictMs, double accuracy) {
    }

    private LabelModelBenchmark() {
    }

    public static List<Result> run(int n, int m, long seed, ProgressListener progress, Cancellation cancel) throws CancelledException {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] gold = new byte[n];
        byte[][] cols = new byte[m][n];
        double[] acc = new double[m];
        double[] cov = new double[m];
        for (int j = 0; j < m; j++) {
            acc[j] = 0.55 + 0.4 * rnd.nextDouble();
            cov[j] = 0.1 + 0.8 * rnd.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            gold[i] = rnd.nextBoolean() ? Votes.B : Votes.A;
            for (int j = 0; j < m; j++) {
                cols[j][i] = rnd.nextDouble() >= cov[j] ? Votes.ABSTAIN : rnd.nextDouble() < acc[j] ? gold[i] : (byte) (1 - gold[i]);
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            names.add("lf" + j);
        }
        LabelMatrix matrix = new LabelMatrix(LongStream.range(1, n + 1).toArray(), names, cols);
        int[] rows = Subsets.all(n);
        List<Result> out = new ArrayList<>();
        for (String type : LabelModels.TYPES) {
            LabelModel model = LabelModels.create(type);
            long t0 = System.nanoTime();
            model.fit(matrix, rows, FitOptions.paper(), progress, cancel);
            long fit = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            double[] p = model.probabilityB(matrix, rows);
            long predict = (System.nanoTime() - t1) / 1_000_000;
            byte[] hard = HardLabels.of(p, matrix.ids(), TiePolicy.RANDOM, 0.5, 1);
            int right = 0;
            for (int i = 0; i < n; i++) {
                if (hard[i] == gold[i]) {
                    right++;
                }
            }
            out.add(new Result(type, n, m, fit, predict, (double) right / n));
        }
        return out;
    }
}
