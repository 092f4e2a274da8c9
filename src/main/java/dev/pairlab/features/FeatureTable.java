package dev.pairlab.features;

import java.util.Arrays;
import java.util.List;

/**
 * Feature values of every pair, columnar: for each feature a float column for answer A and one for
 * answer B, aligned with {@link #ids()} (ascending). Read-only once built.
 */
public final class FeatureTable {

    private final long[] ids;
    private final List<String> names;
    private final float[][] a;
    private final float[][] b;

    public FeatureTable(long[] ids, List<String> names, float[][] a, float[][] b) {
        this.ids = ids;
        this.names = List.copyOf(names);
        this.a = a;
        this.b = b;
    }

    public long[] ids() {
        return ids;
    }

    public int size() {
        return ids.length;
    }

    public List<String> names() {
        return names;
    }

    /** The row of a pair id, or a negative number if the table does not have it. */
    public int row(long id) {
        return Arrays.binarySearch(ids, id);
    }

    public int column(String feature) {
        int c = names.indexOf(feature);
        if (c < 0 && EmbeddingFeatures.NAMES.contains(feature)) {
            throw new IllegalArgumentException("feature '" + feature + "' needs sentence embeddings: run 'pairlab embed PROJECT'"
                    + " (or Compute embeddings in the feature explorer)");
        }
        if (c < 0) {
            throw new IllegalArgumentException("unknown feature '" + feature + "' (known: " + String.join(", ", names) + ")");
        }
        return c;
    }

    public float[] a(String feature) {
        return a[column(feature)];
    }

    public float[] b(String feature) {
        return b[column(feature)];
    }

    public float[] a(int column) {
        return a[column];
    }

    public float[] b(int column) {
        return b[column];
    }

    /** The table restricted to the given rows, in their order. */
    public FeatureTable rows(int[] rows) {
        long[] subIds = new long[rows.length];
        float[][] sa = new float[a.length][rows.length];
        float[][] sb = new float[b.length][rows.length];
        for (int k = 0; k < rows.length; k++) {
            subIds[k] = ids[rows[k]];
            for (int c = 0; c < a.length; c++) {
                sa[c][k] = a[c][rows[k]];
                sb[c][k] = b[c][rows[k]];
            }
        }
        return new FeatureTable(subIds, names, sa, sb);
    }

    /** This table with more columns (same rows). */
    public FeatureTable with(List<String> moreNames, float[][] moreA, float[][] moreB) {
        List<String> n = new java.util.ArrayList<>(names);
        n.addAll(moreNames);
        float[][] na = Arrays.copyOf(a, a.length + moreA.length);
        float[][] nb = Arrays.copyOf(b, b.length + moreB.length);
        System.arraycopy(moreA, 0, na, a.length, moreA.length);
        System.arraycopy(moreB, 0, nb, b.length, moreB.length);
        return new FeatureTable(ids, n, na, nb);
    }
}
