package dev.pairlab.lf;

import java.util.List;

/**
 * The votes of m labeling functions on n pairs: one byte column per LF (−1 abstain, 0 A, 1 B),
 * rows aligned with {@link #ids()}. Columnar so that one LF's column can be replaced alone.
 */
public final class LabelMatrix {

    private final long[] ids;
    private final List<String> names;
    private final byte[][] columns;

    public LabelMatrix(long[] ids, List<String> names, byte[][] columns) {
        if (names.size() != columns.length) {
            throw new IllegalArgumentException(names.size() + " names for " + columns.length + " columns");
        }
        for (byte[] c : columns) {
            if (c.length != ids.length) {
                throw new IllegalArgumentException("a column of " + c.length + " votes for " + ids.length + " pairs");
            }
        }
        this.ids = ids;
        this.names = List.copyOf(names);
        this.columns = columns;
    }

    public int n() {
        return ids.length;
    }

    public int m() {
        return columns.length;
    }

    public long[] ids() {
        return ids;
    }

    public List<String> names() {
        return names;
    }

    public byte[] column(int j) {
        return columns[j];
    }

    public byte get(int row, int lf) {
        return columns[lf][row];
    }

    /** The same matrix with one column replaced: what an edit of one LF recomputes. */
    public LabelMatrix withColumn(int j, byte[] votes) {
        byte[][] copy = columns.clone();
        copy[j] = votes;
        return new LabelMatrix(ids, names, copy);
    }
}
