package dev.pairlab.labelmodel;

import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** A label matrix drawn from the conditionally independent model with known LF accuracies. */
record SyntheticMatrix(LabelMatrix matrix, byte[] gold) {

    static SyntheticMatrix generate(int n, double[] accuracy, double[] coverage, double balanceB, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = accuracy.length;
        byte[] gold = new byte[n];
        byte[][] cols = new byte[m][n];
        for (int i = 0; i < n; i++) {
            gold[i] = rnd.nextDouble() < balanceB ? Votes.B : Votes.A;
            for (int j = 0; j < m; j++) {
                if (rnd.nextDouble() >= coverage[j]) {
                    cols[j][i] = Votes.ABSTAIN;
                } else {
                    boolean right = rnd.nextDouble() < accuracy[j];
                    cols[j][i] = right ? gold[i] : (byte) (1 - gold[i]);
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            names.add("lf" + j);
        }
        return new SyntheticMatrix(new LabelMatrix(LongStream.range(1, n + 1).toArray(), names, cols), gold);
    }
}
