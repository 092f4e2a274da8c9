package dev.pairlab.analysis;

import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Per-LF statistics over a subset of rows, defined as Snorkel's LFAnalysis (snorkel.labeling.LFAnalysis)
 * defines them, so numbers compare one to one:
 * coverage = share of rows the LF votes on; overlaps = share of rows where it votes and at least one
 * other LF votes; conflicts = share of rows where it votes and the row holds two different votes;
 * correct / incorrect = its votes equal to / different from the gold label (rows with visible gold);
 * empirical accuracy = correct / (correct + incorrect).
 */
public final class LfStats {

    public record LfSummary(String name, String polarity, double coverage, double overlaps, double conflicts,
                            long correct, long incorrect, double accuracy) {

        /** The 95 % Wilson interval of the empirical accuracy. */
        public Intervals.Interval accuracyInterval() {
            return Intervals.wilson(correct, correct + incorrect);
        }

        /** Worse than a coin: the whole 95 % interval of its accuracy is below 0.5. */
        public boolean belowChance() {
            return accuracyInterval().below(0.5);
        }
    }

    /**
     * @param coverage   share of rows with at least one vote
     * @param overlap    share with at least two votes
     * @param conflict   share with two different votes
     * @param abstainAll rows no LF votes on
     * @param labeled    rows whose gold label is visible
     */
    public record Totals(int rows, double coverage, double overlap, double conflict, int abstainAll, int labeled) {
    }

    public record Report(List<LfSummary> lfs, Totals totals) {
    }

    private LfStats() {
    }

    /** Statistics over the given rows; gold codes −1 (unknown or hidden) are left out of correct/incorrect. */
    public static Report compute(LabelMatrix matrix, int[] rows, byte[] gold) {
        int m = matrix.m();
        int n = rows.length;
        // Per row: how many A and B votes.
        short[] votesA = new short[n];
        short[] votesB = new short[n];
        for (int j = 0; j < m; j++) {
            byte[] col = matrix.column(j);
            for (int k = 0; k < n; k++) {
                byte v = col[rows[k]];
                if (v == Votes.A) {
                    votesA[k]++;
                } else if (v == Votes.B) {
                    votesB[k]++;
                }
            }
        }
        List<LfSummary> out = new ArrayList<>(m);
        LfSummary[] summaries = new LfSummary[m];
        IntStream.range(0, m).parallel().forEach(j -> summaries[j] = summary(matrix, j, rows, gold, votesA, votesB));
        out.addAll(List.of(summaries));
        int covered = 0;
        int overlapped = 0;
        int conflicted = 0;
        int labeled = 0;
        for (int k = 0; k < n; k++) {
            int total = votesA[k] + votesB[k];
            if (total > 0) {
                covered++;
            }
            if (total > 1) {
                overlapped++;
            }
            if (votesA[k] > 0 && votesB[k] > 0) {
                conflicted++;
            }
            if (gold[rows[k]] >= 0) {
                labeled++;
            }
        }
        double d = Math.max(1, n);
        return new Report(out, new Totals(n, covered / d, overlapped / d, conflicted / d, n - covered, labeled));
    }

    private static LfSummary summary(LabelMatrix matrix, int j, int[] rows, byte[] gold, short[] votesA, short[] votesB) {
        byte[] col = matrix.column(j);
        long voted = 0;
        long overlaps = 0;
        long conflicts = 0;
        long correct = 0;
        long incorrect = 0;
        boolean sawA = false;
        boolean sawB = false;
        for (int k = 0; k < rows.length; k++) {
            int r = rows[k];
            byte v = col[r];
            if (v == Votes.ABSTAIN) {
                continue;
            }
            voted++;
            if (v == Votes.A) {
                sawA = true;
            } else {
                sawB = true;
            }
            if (votesA[k] + votesB[k] > 1) {
                overlaps++;
            }
            if (votesA[k] > 0 && votesB[k] > 0) {
                conflicts++;
            }
            byte g = gold[r];
            if (g >= 0) {
                if (g == v) {
                    correct++;
                } else {
                    incorrect++;
                }
            }
        }
        double d = Math.max(1, rows.length);
        String polarity = sawA && sawB ? "[0, 1]" : sawA ? "[0]" : sawB ? "[1]" : "[]";
        double accuracy = correct + incorrect == 0 ? Double.NaN : (double) correct / (correct + incorrect);
        return new LfSummary(matrix.names().get(j), polarity, voted / d, overlaps / d, conflicts / d, correct, incorrect, accuracy);
    }

    /** The ids of the rows (within {@code rows}) where LF j votes against the visible gold label. */
    public static long[] wrong(LabelMatrix matrix, int j, int[] rows, byte[] gold) {
        byte[] col = matrix.column(j);
        return IntStream.of(rows).filter(r -> col[r] != Votes.ABSTAIN && gold[r] >= 0 && col[r] != gold[r])
                .mapToLong(r -> matrix.ids()[r]).toArray();
    }
}
