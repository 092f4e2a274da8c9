package dev.pairlab.features;

import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Feature values of every pair, columnar: for each feature a float column for answer A and one for
 * answer B, aligned with {@link #ids()} (ascending). A table made from a project is lazy: it names
 * every feature, but a column is computed (or read from the project's cache) the first time it is
 * read, so statistics over length-like LFs never run VADER (docs/decisions/0019). Screens compute
 * a column ahead with {@link #load} in a background job, with progress; reading a missing column with
 * {@link #a(String)} computes it on the caller's thread without progress. Safe to share between
 * threads: a column, once there, never changes.
 */
public final class FeatureTable {

    /** Computes columns of a lazy table: for each name, {a, b} aligned with the table's ids. */
    interface Source {
        float[][][] compute(List<String> names, ProgressListener progress, Cancellation cancel) throws CancelledException;
    }

    private final long[] ids;
    private final List<String> names;
    private final Source source;
    /** Replaced whole (copy on write) when columns are added, so a reader sees a column's values once it sees the column. */
    private volatile float[][] a;
    private volatile float[][] b;

    public FeatureTable(long[] ids, List<String> names, float[][] a, float[][] b) {
        this(ids, names, a, b, null);
    }

    FeatureTable(long[] ids, List<String> names, float[][] a, float[][] b, Source source) {
        this.ids = ids;
        this.names = List.copyOf(names);
        this.a = a;
        this.b = b;
        this.source = source;
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

    /** Whether the column's values are here (reading it costs nothing). */
    public boolean computed(String feature) {
        int c = names.indexOf(feature);
        return c >= 0 && a[c] != null;
    }

    /** The named features (unknown names ignored) whose columns are not here yet, in table order. */
    public List<String> missing(Collection<String> features) {
        List<String> out = new ArrayList<>();
        float[][] cols = a;
        for (int c = 0; c < names.size(); c++) {
            if (cols[c] == null && features.contains(names.get(c))) {
                out.add(names.get(c));
            }
        }
        return out;
    }

    /**
     * Makes the named columns present, computing the missing ones in one pass over the texts (and
     * storing them in the project the table came from). Returns this table.
     */
    public FeatureTable load(Collection<String> features, ProgressListener progress, Cancellation cancel) throws CancelledException {
        for (String f : features) {
            column(f);
        }
        if (missing(features).isEmpty()) {
            return this;
        }
        synchronized (this) {
            List<String> todo = missing(features);
            if (todo.isEmpty()) {
                return this;
            }
            if (source == null) {
                throw new IllegalStateException("no values for " + todo + " in a table without a source");
            }
            float[][][] computed = source.compute(todo, progress, cancel);
            put(todo, computed);
        }
        return this;
    }

    /** Every column present (what a reward model or a code LF may read). */
    public FeatureTable loadAll(ProgressListener progress, Cancellation cancel) throws CancelledException {
        return load(names, progress, cancel);
    }

    synchronized void put(List<String> features, float[][][] columns) {
        float[][] na = a.clone();
        float[][] nb = b.clone();
        for (int k = 0; k < features.size(); k++) {
            int c = names.indexOf(features.get(k));
            if (na[c] == null) {
                na[c] = columns[k][0];
                nb[c] = columns[k][1];
            }
        }
        b = nb;
        a = na;
    }

    private int present(int column) {
        if (a[column] == null) {
            try {
                load(List.of(names.get(column)), ProgressListener.NONE, Cancellation.none());
            } catch (CancelledException e) {
                throw new IllegalStateException("cannot happen: nothing cancels", e);
            }
        }
        return column;
    }

    public float[] a(String feature) {
        int c = present(column(feature)); // before reading the field: present() may replace it
        return a[c];
    }

    public float[] b(String feature) {
        int c = present(column(feature)); // before reading the field: present() may replace it
        return b[c];
    }

    public float[] a(int column) {
        int c = present(column);
        return a[c];
    }

    public float[] b(int column) {
        int c = present(column);
        return b[c];
    }

    /** The table restricted to the given rows, in their order (lazy as this one: a column is computed here first). */
    public FeatureTable rows(int[] rows) {
        long[] subIds = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            subIds[k] = ids[rows[k]];
        }
        float[][] ca = a;
        float[][] cb = b;
        float[][] sa = new float[ca.length][];
        float[][] sb = new float[cb.length][];
        for (int c = 0; c < ca.length; c++) {
            if (ca[c] != null) {
                sa[c] = pick(ca[c], rows);
                sb[c] = pick(cb[c], rows);
            }
        }
        return new FeatureTable(subIds, names, sa, sb, (todo, progress, cancel) -> {
            load(todo, progress, cancel);
            float[][][] out = new float[todo.size()][][];
            for (int k = 0; k < todo.size(); k++) {
                out[k] = new float[][] {pick(a(todo.get(k)), rows), pick(b(todo.get(k)), rows)};
            }
            return out;
        });
    }

    /** The table with answers A and B swapped (lazy as this one). */
    public FeatureTable swapped() {
        return new FeatureTable(ids, names, b.clone(), a.clone(), (todo, progress, cancel) -> {
            load(todo, progress, cancel);
            float[][][] out = new float[todo.size()][][];
            for (int k = 0; k < todo.size(); k++) {
                out[k] = new float[][] {b(todo.get(k)), a(todo.get(k))};
            }
            return out;
        });
    }

    private static float[] pick(float[] column, int[] rows) {
        float[] out = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = column[rows[k]];
        }
        return out;
    }

    /** This table with more columns, already computed (same rows); the others stay as lazy as they were. */
    public FeatureTable with(List<String> moreNames, float[][] moreA, float[][] moreB) {
        List<String> n = new ArrayList<>(names);
        n.addAll(moreNames);
        float[][] ca = a;
        float[][] cb = b;
        float[][] na = Arrays.copyOf(ca, ca.length + moreA.length);
        float[][] nb = Arrays.copyOf(cb, cb.length + moreB.length);
        System.arraycopy(moreA, 0, na, ca.length, moreA.length);
        System.arraycopy(moreB, 0, nb, cb.length, moreB.length);
        FeatureTable parent = this;
        return new FeatureTable(ids, n, na, nb, source == null ? null : (todo, progress, cancel) -> {
            parent.load(todo, progress, cancel);
            float[][][] out = new float[todo.size()][][];
            for (int k = 0; k < todo.size(); k++) {
                out[k] = new float[][] {parent.a(todo.get(k)), parent.b(todo.get(k))};
            }
            return out;
        });
    }

    /** The names of the features whose columns are here (tests, benchmarks). */
    public List<String> computedNames() {
        return new ArrayList<>(new LinkedHashSet<>(names.stream().filter(this::computed).toList()));
    }
}
