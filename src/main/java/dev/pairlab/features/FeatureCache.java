package dev.pairlab.features;

import dev.pairlab.store.Columns;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The project's feature values, computed column by column when first read and kept in the project,
 * so reopening a project does not recompute them (docs/decisions/0019). A column computed before
 * pairs were imported is extended with the new pairs when read; a column whose feature's
 * implementation version changed is recomputed for all pairs.
 */
public final class FeatureCache {

    /** Pairs read from the project and computed in parallel at a time. */
    private static final int CHUNK = 2048;

    private FeatureCache() {
    }

    /**
     * The project's feature table, lazy: it names every feature and reads or computes a column when it
     * is first read (columns computed are stored when the project is writable). Costs one read of the
     * pair ids (and of the embeddings, when the project has them).
     */
    public static FeatureTable open(Project project) {
        long[] ids = Pairs.ids(project, Pairs.allSplits());
        List<String> names = new java.util.ArrayList<>(Features.all().stream().map(Feature::name).toList());
        if (dev.pairlab.store.Embeddings.any(project)) {
            names.addAll(EmbeddingFeatures.NAMES);
        }
        int k = names.size();
        return new FeatureTable(ids, names, new float[k][], new float[k][], (todo, progress, cancel) -> {
            List<String> text = todo.stream().filter(f -> !EmbeddingFeatures.NAMES.contains(f)).toList();
            List<String> embedded = todo.stream().filter(EmbeddingFeatures.NAMES::contains).toList();
            Map<String, float[][]> made = new java.util.HashMap<>();
            if (!text.isEmpty()) {
                Filling f = new Filling(project, ids, text);
                f.stream(progress, cancel);
                float[][][] columns = f.finish();
                for (int c = 0; c < text.size(); c++) {
                    made.put(text.get(c), columns[c]);
                }
            }
            if (!embedded.isEmpty()) {
                float[][][] columns = EmbeddingFeatures.columns(project, ids, embedded);
                for (int c = 0; c < embedded.size(); c++) {
                    made.put(embedded.get(c), columns[c]);
                }
            }
            return todo.stream().map(made::get).toArray(float[][][]::new);
        });
    }

    /** The project's feature table with every text feature computed (what ranking all features or a code LF needs). */
    public static FeatureTable ensure(Project project, ProgressListener progress, Cancellation cancel) throws CancelledException {
        return open(project).loadAll(progress, cancel);
    }

    /** The project's feature table with these features computed; the others stay lazy. */
    public static FeatureTable ensure(Project project, Collection<String> features, ProgressListener progress, Cancellation cancel)
            throws CancelledException {
        return open(project).load(features, progress, cancel);
    }

    /**
     * Missing columns of a project's table filled in someone else's pass over the texts (LF
     * application reads each text once for pattern LFs and features together): {@link #rows} for each
     * chunk of rows, then {@link #finish(FeatureTable)}.
     */
    public static Filling filling(Project project, FeatureTable table, Collection<String> features) {
        for (String f : features) {
            table.column(f);
        }
        // Embedding features are not read from the texts: their columns come from the embeddings when first read.
        List<String> text = table.missing(features).stream().filter(f -> !EmbeddingFeatures.NAMES.contains(f)).toList();
        return new Filling(project, table.ids(), text);
    }

    /** Columns being computed: the stored rows that are still valid, then the rest row by row. */
    public static final class Filling {

        private final Project project;
        private final long[] ids;
        private final List<String> names;
        private final Feature[] features;
        private final float[][] a;
        private final float[][] b;
        /** Per feature, the rows [0, valid) taken from the project's cache. */
        private final int[] valid;
        private final int from;
        /** Computes the rows, taking the values of recently seen answers: bounded, so memory stays flat on any number of pairs. */
        private final RecentAnswers recent;

        Filling(Project project, long[] ids, List<String> names) {
            this.project = project;
            this.ids = ids;
            this.names = List.copyOf(names);
            int n = ids.length;
            features = names.stream().map(Features::byName).toArray(Feature[]::new);
            a = new float[features.length][];
            b = new float[features.length][];
            valid = new int[features.length];
            Columns.FeatureIndex index = Columns.loadFeatureIndex(project);
            int common = commonPrefix(index.ids(), ids);
            int first = n;
            for (int f = 0; f < features.length; f++) {
                Columns.StoredColumn stored = index.columns().get(names.get(f));
                int v = stored != null && stored.version() == features[f].version() ? Math.min(stored.rows(), common) : 0;
                Columns.FeatureColumn col = v > 0 ? Columns.loadFeature(project, names.get(f)) : null;
                if (col != null && col.version() == features[f].version() && col.a().length >= v) {
                    // Rows from v on are computed below, whatever the copy holds there.
                    a[f] = Arrays.copyOf(col.a(), n);
                    b[f] = Arrays.copyOf(col.b(), n);
                } else {
                    v = 0;
                    a[f] = new float[n];
                    b[f] = new float[n];
                }
                valid[f] = v;
                first = Math.min(first, v);
            }
            from = first;
            recent = new RecentAnswers(features, valid, n, true);
        }

        /** The features with rows to compute (the others come whole from the project's cache). */
        public List<String> computing() {
            List<String> out = new java.util.ArrayList<>();
            for (int f = 0; f < names.size(); f++) {
                if (valid[f] < ids.length) {
                    out.add(names.get(f));
                }
            }
            return out;
        }

        /** The first row that needs computing (the table's size when none does). */
        public int from() {
            return from;
        }

        /**
         * Computes the rows [firstRow, firstRow + count) of the features that need them, in parallel. An
         * answer seen recently (the same text) takes the values it had: features depend only on the text.
         * Calls must not overlap (one chunk at a time).
         */
        public void rows(int count, IntFunction<String> answerA, IntFunction<String> answerB, int firstRow) {
            if (firstRow + count <= from) {
                return;
            }
            recent.rows(count, answerA, answerB, firstRow, a, b);
        }

        /** Answers whose values were taken from an earlier one ({@link RecentAnswers}) rather than computed, and answers looked up. */
        public long[] reuse() {
            return new long[] {recent.hits(), recent.lookups()};
        }

        /** Reads the texts of the rows that need computing, once, in id order, and computes them. */
        public void stream(ProgressListener progress, Cancellation cancel) throws CancelledException {
            int n = ids.length;
            if (from >= n) {
                return;
            }
            int total = n - from;
            // The common pool has one worker fewer than cores (its callers help); this thread reads instead, so the chunks
            // are computed in a pool of their own with a worker per core.
            ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
            try {
                streamInto(pool, total, progress, cancel);
            } finally {
                pool.shutdown();
            }
        }

        private void streamInto(ForkJoinPool pool, int total, ProgressListener progress, Cancellation cancel) throws CancelledException {
            int n = ids.length;
            String[][] buffers = {new String[CHUNK], new String[CHUNK], new String[CHUNK], new String[CHUNK]};
            int[] state = {from, 0, 0}; // next table row, rows buffered, which buffer pair is being filled
            Future<?>[] running = {null};
            Pairs.<CancelledException>forEachAnswers(project, from == 0 ? Long.MIN_VALUE : ids[from - 1], (id, textA, textB) -> {
                int row = state[0] + state[1];
                if (row >= n || id < ids[row]) {
                    return; // imported after this table was made
                }
                if (id != ids[row]) {
                    throw new IllegalStateException("the project's pairs changed while features were computed; try again");
                }
                int buf = state[2] * 2;
                buffers[buf][state[1]] = textA;
                buffers[buf + 1][state[1]] = textB;
                if (++state[1] == CHUNK) {
                    // The previous chunk computes while this one was read; wait for it before handing over the next.
                    await(running[0]);
                    cancel.throwIfCancelled();
                    progress.progress(state[0] - from, total, "computing features");
                    String[] ca = buffers[buf];
                    String[] cb = buffers[buf + 1];
                    int first = state[0];
                    running[0] = pool.submit(() -> rows(CHUNK, i -> ca[i], i -> cb[i], first));
                    state[0] += CHUNK;
                    state[1] = 0;
                    state[2] ^= 1;
                }
            });
            await(running[0]);
            int buf = state[2] * 2;
            int last = state[1];
            int first = state[0];
            await(pool.submit(() -> rows(last, i -> buffers[buf][i], i -> buffers[buf + 1][i], first)));
            state[0] += state[1];
            if (state[0] != n) {
                throw new IllegalStateException("the project's pairs changed while features were computed; try again");
            }
            progress.progress(total, total, "computed features");
        }

        private static void await(Future<?> f) {
            if (f == null) {
                return;
            }
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing features", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        /** Stores what was computed (one transaction, when the project is writable) and returns {a, b} per feature. */
        float[][][] finish() {
            float[][][] out = new float[names.size()][][];
            Map<String, Columns.FeatureColumn> save = new LinkedHashMap<>();
            for (int f = 0; f < names.size(); f++) {
                out[f] = new float[][] {a[f], b[f]};
                if (valid[f] < ids.length) {
                    save.put(names.get(f), new Columns.FeatureColumn(features[f].version(), a[f], b[f]));
                }
            }
            if (!save.isEmpty() && project.writable()) {
                Columns.saveFeatures(project, ids, save);
            }
            return out;
        }

        /** Stores what was computed and makes the columns present in the table. */
        public void finish(FeatureTable table) {
            table.put(names, finish());
        }
    }

    private static int commonPrefix(long[] x, long[] y) {
        int m = Arrays.mismatch(x, y);
        return m < 0 ? x.length : m;
    }

    /** Features computed without a project (tests, benchmarks, the Spark job). */
    public static FeatureTable compute(long[] ids, List<String> answersA, List<String> answersB) {
        return compute(ids, answersA, answersB, Features.all());
    }

    /**
     * A lazy table over texts in memory: it names every feature and computes a column when it is first
     * read, so LFs that read two features cost two features.
     */
    public static FeatureTable inMemory(long[] ids, List<String> answersA, List<String> answersB) {
        return inMemory(ids, answersA, answersB, RecentAnswers.of(List.of()));
    }

    /**
     * As above, with the columns of {@code recent}'s features computed now, in one pass over the texts, an
     * answer seen recently (in this chunk's predecessors, by the caller that owns {@code recent}) taking the
     * values it had; the other columns stay lazy (the Spark job's chunks).
     */
    public static FeatureTable inMemory(long[] ids, List<String> answersA, List<String> answersB, RecentAnswers recent) {
        List<String> all = Features.all().stream().map(Feature::name).toList();
        int n = ids.length;
        float[][] a = new float[all.size()][];
        float[][] b = new float[all.size()][];
        List<String> now = recent.names();
        if (!all.containsAll(now)) {
            throw new IllegalArgumentException("not text features: " + now);
        }
        float[][] ca = new float[now.size()][n];
        float[][] cb = new float[now.size()][n];
        recent.rows(n, answersA::get, answersB::get, 0, ca, cb);
        for (int k = 0; k < now.size(); k++) {
            int c = all.indexOf(now.get(k));
            a[c] = ca[k];
            b[c] = cb[k];
        }
        return new FeatureTable(ids, all, a, b, (todo, progress, cancel) -> {
            FeatureTable t = compute(ids, answersA, answersB, todo.stream().map(Features::byName).toList());
            float[][][] out = new float[todo.size()][][];
            for (int k = 0; k < todo.size(); k++) {
                out[k] = new float[][] {t.a(k), t.b(k)};
            }
            return out;
        });
    }

    /** These features computed without a project. */
    public static FeatureTable compute(long[] ids, List<String> answersA, List<String> answersB, List<Feature> features) {
        int n = ids.length;
        float[][] a = new float[features.size()][n];
        float[][] b = new float[features.size()][n];
        // Nothing looked up: benchmarks time this, and a caller that has seen texts before keeps its own RecentAnswers.
        new RecentAnswers(features.toArray(Feature[]::new), new int[features.size()], n, false)
                .rows(n, answersA::get, answersB::get, 0, a, b);
        return new FeatureTable(ids, features.stream().map(Feature::name).toList(), a, b);
    }
}
