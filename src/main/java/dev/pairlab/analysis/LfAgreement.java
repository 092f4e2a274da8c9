package dev.pairlab.analysis;

import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.Votes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How LFs relate, pair by pair: for every two LFs their overlap (rows both vote on), agreement rate
 * on that overlap, conflict rate (share of all rows where they vote differently) and the Pearson
 * correlation of their votes (A = −1, abstain = 0, B = +1). Near-duplicates (agreement ≥ 0.95 on an
 * overlap of at least 20 pairs) are flagged: the conditionally independent label model would count
 * their evidence twice.
 */
public final class LfAgreement {

    public static final double DUPLICATE_AGREEMENT = 0.95;
    public static final int DUPLICATE_MIN_OVERLAP = 20;

    public record Cell(int overlap, double agreement, double conflict, double correlation) {
    }

    /** @param duplicateCutoff the agreement from which a pair of LFs is flagged as near-duplicates */
    public record Report(List<String> names, Cell[][] cells, List<int[]> nearDuplicates, double duplicateCutoff) {

        /** The two LFs that agree most on an overlap of at least {@link #DUPLICATE_MIN_OVERLAP} pairs, or null. */
        public int[] closest() {
            int[] best = null;
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    Cell c = cells[i][j];
                    if (c.overlap() >= DUPLICATE_MIN_OVERLAP && !Double.isNaN(c.agreement())
                            && (best == null || c.agreement() > cells[best[0]][best[1]].agreement())) {
                        best = new int[] {i, j};
                    }
                }
            }
            return best;
        }
    }

    private LfAgreement() {
    }

    public static Report compute(LabelMatrix m, int[] rows) {
        return compute(m, rows, DUPLICATE_AGREEMENT);
    }

    /** @param duplicateCutoff flag pairs of LFs agreeing at least this much (on at least {@link #DUPLICATE_MIN_OVERLAP} shared pairs) */
    public static Report compute(LabelMatrix m, int[] rows, double duplicateCutoff) {
        if (!(duplicateCutoff >= 0 && duplicateCutoff <= 1)) {
            throw new IllegalArgumentException("the near-duplicate cut-off must be an agreement between 0 and 1, got " + duplicateCutoff);
        }
        int k = m.m();
        Cell[][] cells = new Cell[k][k];
        IntStream.range(0, k).parallel().forEach(i -> {
            for (int j = 0; j < k; j++) {
                cells[i][j] = cell(m.column(i), m.column(j), rows);
            }
        });
        List<int[]> dup = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (cells[i][j].overlap() >= DUPLICATE_MIN_OVERLAP && cells[i][j].agreement() >= duplicateCutoff) {
                    dup.add(new int[] {i, j});
                }
            }
        }
        return new Report(m.names(), cells, dup, duplicateCutoff);
    }

    static Cell cell(byte[] a, byte[] b, int[] rows) {
        int overlap = 0;
        int agree = 0;
        int differ = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int r : rows) {
            int x = code(a[r]);
            int y = code(b[r]);
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
            if (x != 0 && y != 0) {
                overlap++;
                if (x == y) {
                    agree++;
                } else {
                    differ++;
                }
            }
        }
        int n = rows.length;
        double cov = sxy / Math.max(1, n) - (sx / Math.max(1, n)) * (sy / Math.max(1, n));
        double vx = sxx / Math.max(1, n) - Math.pow(sx / Math.max(1, n), 2);
        double vy = syy / Math.max(1, n) - Math.pow(sy / Math.max(1, n), 2);
        double corr = vx <= 0 || vy <= 0 ? Double.NaN : cov / Math.sqrt(vx * vy);
        return new Cell(overlap, overlap == 0 ? Double.NaN : (double) agree / overlap, (double) differ / Math.max(1, n), corr);
    }

    private static int code(byte v) {
        return v == Votes.A ? -1 : v == Votes.B ? 1 : 0;
    }

    /** Ids of the rows where LFs i and j vote differently. */
    public static long[] conflicting(LabelMatrix m, int i, int j, int[] rows) {
        byte[] a = m.column(i);
        byte[] b = m.column(j);
        return IntStream.of(rows).filter(r -> a[r] != Votes.ABSTAIN && b[r] != Votes.ABSTAIN && a[r] != b[r]).mapToLong(r -> m.ids()[r]).toArray();
    }

    /**
     * A warning naming the near-duplicate LF pairs among the given (fitted) rows, or null if there are
     * none: the conditionally independent label model counts their evidence twice.
     */
    public static String duplicateWarning(LabelMatrix m, int[] rows) {
        Report r = compute(m, rows);
        if (r.nearDuplicates().isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("Near-duplicate LFs in the fitted set (agreement >= 0.95 on >= 20 shared pairs): ");
        for (int k = 0; k < r.nearDuplicates().size(); k++) {
            int[] d = r.nearDuplicates().get(k);
            b.append(k == 0 ? "" : ", ").append(r.names().get(d[0])).append(" ~ ").append(r.names().get(d[1]))
                    .append(String.format(java.util.Locale.ROOT, " (%.1f%%)", 100 * r.cells()[d[0]][d[1]].agreement()));
        }
        return b.append(". The label model treats LFs as independent and counts their evidence twice; consider disabling one of each.")
                .toString();
    }
}
