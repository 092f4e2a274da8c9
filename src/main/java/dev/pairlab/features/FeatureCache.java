package dev.pairlab.features;

import dev.pairlab.pairs.Pair;
import dev.pairlab.store.Columns;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Computes every feature of every pair once and keeps the values in the project, so reopening a
 * project does not recompute them. Pairs imported since the last computation are computed and
 * appended; a feature whose implementation version changed is recomputed for all pairs.
 */
public final class FeatureCache {

    /** Pairs read from the project and computed in parallel at a time. */
    private static final int CHUNK = 2048;

    private FeatureCache() {
    }

    /** The project's feature table, computing what is missing (writes need a writable project). */
    public static FeatureTable ensure(Project project, ProgressListener progress, Cancellation cancel) throws CancelledException {
        List<Feature> features = Features.all();
        Columns.StoredFeatures stored = Columns.loadFeatures(project);
        long[] current = Pairs.ids(project, Pairs.allSplits());
        long[] cachedIds = stored.ids();
        boolean prefix = cachedIds.length <= current.length
                && Arrays.equals(cachedIds, 0, cachedIds.length, current, 0, cachedIds.length);
        List<Feature> stale = new ArrayList<>();
        for (Feature f : features) {
            Columns.FeatureColumn col = stored.columns().get(f.name());
            if (!prefix || col == null || col.version() != f.version()) {
                stale.add(f);
            }
        }
        if (prefix && stale.isEmpty() && cachedIds.length == current.length) {
            return EmbeddingFeatures.append(project, table(current, features, stored.columns()));
        }
        int n = current.length;
        Map<String, Columns.FeatureColumn> columns = new LinkedHashMap<>();
        for (Feature f : features) {
            Columns.FeatureColumn old = stored.columns().get(f.name());
            boolean keep = prefix && !stale.contains(f);
            float[] a = keep ? Arrays.copyOf(old.a(), n) : new float[n];
            float[] b = keep ? Arrays.copyOf(old.b(), n) : new float[n];
            columns.put(f.name(), new Columns.FeatureColumn(f.version(), a, b));
        }
        // Rows to compute: everything for stale features, the new rows for the others.
        int firstNew = prefix ? cachedIds.length : 0;
        List<Feature> allForNew = features;
        computeRows(project, current, firstNew, allForNew, columns, progress, cancel);
        if (firstNew > 0 && !stale.isEmpty()) {
            computeRowsBefore(project, current, firstNew, stale, columns, progress, cancel);
        }
        if (project.writable()) {
            Columns.saveFeatures(project, current, columns);
        }
        return EmbeddingFeatures.append(project, table(current, features, columns));
    }

    private static void computeRows(Project project, long[] ids, int from, List<Feature> features,
                                    Map<String, Columns.FeatureColumn> columns, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        if (from >= ids.length) {
            return;
        }
        long after = from == 0 ? Long.MIN_VALUE : ids[from - 1];
        stream(project, after, ids, from, ids.length, features, columns, progress, cancel);
    }

    private static void computeRowsBefore(Project project, long[] ids, int to, List<Feature> features,
                                          Map<String, Columns.FeatureColumn> columns, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        stream(project, Long.MIN_VALUE, ids, 0, to, features, columns, progress, cancel);
    }

    /** Reads pairs with rows [from, to) in chunks and computes their features in parallel. */
    private static void stream(Project project, long afterId, long[] ids, int from, int to, List<Feature> features,
                               Map<String, Columns.FeatureColumn> columns, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        float[][] a = new float[features.size()][];
        float[][] b = new float[features.size()][];
        for (int f = 0; f < features.size(); f++) {
            a[f] = columns.get(features.get(f).name()).a();
            b[f] = columns.get(features.get(f).name()).b();
        }
        List<Pair> chunk = new ArrayList<>(CHUNK);
        int[] row = {from};
        int total = to - from;
        Pairs.<CancelledException, RuntimeException>forEachAfter(project, afterId, p -> {
            if (row[0] + chunk.size() >= to) {
                return;
            }
            chunk.add(p);
            if (chunk.size() == CHUNK) {
                compute(chunk, row[0], features, a, b);
                row[0] += chunk.size();
                chunk.clear();
                cancel.throwIfCancelled();
                progress.progress(row[0] - from, total, "computing features");
            }
        });
        compute(chunk, row[0], features, a, b);
        row[0] += chunk.size();
        progress.progress(total, total, "computed features");
    }

    private static void compute(List<Pair> chunk, int firstRow, List<Feature> features, float[][] a, float[][] b) {
        computeRows(chunk.size(), i -> chunk.get(i).answerA(), i -> chunk.get(i).answerB(), firstRow, features.toArray(Feature[]::new), a, b);
    }

    /** Rows handed to one worker at a time: large enough to amortize the fork, small enough to balance 2–64 cores. */
    private static final int RANGE = 64;

    /**
     * Every feature of rows [0, n), written to rows [firstRow, firstRow + n) of the columns, on the common
     * ForkJoinPool in ranges of {@value #RANGE} rows. Each row is computed by one thread from its own
     * texts and written to its own cells, so the values do not depend on the number of threads.
     */
    private static void computeRows(int n, java.util.function.IntFunction<String> answerA, java.util.function.IntFunction<String> answerB,
                                    int firstRow, Feature[] features, float[][] a, float[][] b) {
        IntStream.range(0, (n + RANGE - 1) / RANGE).parallel().forEach(range -> {
            int end = Math.min(n, (range + 1) * RANGE);
            for (int i = range * RANGE; i < end; i++) {
                Text ta = new Text(answerA.apply(i));
                Text tb = new Text(answerB.apply(i));
                for (int f = 0; f < features.length; f++) {
                    a[f][firstRow + i] = (float) features[f].compute(ta);
                    b[f][firstRow + i] = (float) features[f].compute(tb);
                }
            }
        });
    }

    /** Features computed without a project (tests, benchmarks, the Spark job). */
    public static FeatureTable compute(long[] ids, List<String> answersA, List<String> answersB) {
        List<Feature> features = Features.all();
        int n = ids.length;
        float[][] a = new float[features.size()][n];
        float[][] b = new float[features.size()][n];
        computeRows(n, answersA::get, answersB::get, 0, features.toArray(Feature[]::new), a, b);
        return new FeatureTable(ids, features.stream().map(Feature::name).toList(), a, b);
    }

    private static FeatureTable table(long[] ids, List<Feature> features, Map<String, Columns.FeatureColumn> columns) {
        float[][] a = new float[features.size()][];
        float[][] b = new float[features.size()][];
        List<String> names = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            Columns.FeatureColumn c = columns.get(features.get(f).name());
            a[f] = c.a();
            b[f] = c.b();
            names.add(features.get(f).name());
        }
        return new FeatureTable(ids, names, a, b);
    }
}
