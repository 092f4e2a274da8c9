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
import java.util.stream.IntStream;

/**
 * The project's feature values, computed column by column when first read and kept in the project,
 * so reopening a project does not recompute them (docs/decisions/0019). A column computed before
 * pairs were imported is extended with the new pairs when read; a column whose feature's
 * implementation version changed is recomputed for all pairs.
 */
public final class FeatureCache {

    /** Pairs read from the project and computed in parallel at a time. */
    private static final int CHUNK = 2048;
    /** Features computed by one scan of the text (scanners, no words): cheaper to compute again than to look up. */
    private static final java.util.Set<String> SCANS = java.util.Set.of("length", "numbers", "list_items", "code_blocks",
            "question_marks", "urls");
    /** Answers whose feature values are kept for when the same text comes again (at most 8192 texts held). */
    private static final int RECENT_ANSWERS = 8192;

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
        /** Values of recently seen answers: bounded, so memory stays flat on any number of pairs. */
        private final RecentTexts<float[]> recent = new RecentTexts<>(RECENT_ANSWERS);
        private final boolean worthKeeping;

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
            boolean expensive = false;
            for (int f = 0; f < features.length; f++) {
                expensive |= valid[f] < n && !SCANS.contains(names.get(f));
            }
            worthKeeping = expensive;
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
            // Rows from `every` on compute every feature of this filling that has rows to compute: only their values are whole
            // and kept. Features that are one scan of the text cost less than finding the text again: then nothing is looked up.
            int every = worthKeeping ? Arrays.stream(valid).filter(v -> v < ids.length).max().orElse(0) : Integer.MAX_VALUE;
            float[][] known = new float[2 * count][];
            String[] texts = new String[2 * count];
            for (int i = 0; i < count; i++) {
                texts[2 * i] = answerA.apply(i);
                texts[2 * i + 1] = answerB.apply(i);
                if (firstRow + i >= every) {
                    known[2 * i] = recent.get(texts[2 * i], null);
                    known[2 * i + 1] = recent.get(texts[2 * i + 1], null);
                }
            }
            float[][] made = new float[2 * count][];
            IntStream.range(0, (count + RANGE - 1) / RANGE).parallel().forEach(range -> {
                int end = Math.min(count, (range + 1) * RANGE);
                for (int i = range * RANGE; i < end; i++) {
                    int row = firstRow + i;
                    for (int side = 0; side < 2; side++) {
                        float[][] out = side == 0 ? a : b;
                        float[] values = known[2 * i + side];
                        if (values != null) {
                            for (int f = 0; f < features.length; f++) {
                                if (row >= valid[f]) {
                                    out[f][row] = values[f];
                                }
                            }
                            continue;
                        }
                        Text t = new Text(texts[2 * i + side]);
                        float[] kept = row >= every ? new float[features.length] : null;
                        for (int f = 0; f < features.length; f++) {
                            if (row >= valid[f]) {
                                float v = (float) features[f].compute(t);
                                out[f][row] = v;
                                if (kept != null) {
                                    kept[f] = v;
                                }
                            }
                        }
                        made[2 * i + side] = kept;
                    }
                }
            });
            for (int k = 0; k < 2 * count; k++) {
                if (made[k] != null) {
                    recent.put(texts[k], null, made[k]);
                }
            }
        }

        /** Answers whose values came from {@link RecentTexts} rather than being computed, and answers looked up. */
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

    /** Rows handed to one worker at a time: large enough to amortize the fork, small enough to balance 2–64 cores. */
    private static final int RANGE = 64;

    /**
     * Features of rows [0, n), written to rows [firstRow, firstRow + n) of the columns, on the common
     * ForkJoinPool in ranges of {@value #RANGE} rows; feature f only where the row is at least
     * {@code validRows[f]} (the rows before are already known). Each row is computed by one thread
     * from its own texts and written to its own cells, so the values do not depend on the number of threads.
     */
    private static void computeRows(int n, IntFunction<String> answerA, IntFunction<String> answerB,
                                    int firstRow, Feature[] features, int[] validRows, float[][] a, float[][] b) {
        IntStream.range(0, (n + RANGE - 1) / RANGE).parallel().forEach(range -> {
            int end = Math.min(n, (range + 1) * RANGE);
            for (int i = range * RANGE; i < end; i++) {
                int row = firstRow + i;
                Text ta = new Text(answerA.apply(i));
                Text tb = new Text(answerB.apply(i));
                for (int f = 0; f < features.length; f++) {
                    if (row >= validRows[f]) {
                        a[f][row] = (float) features[f].compute(ta);
                        b[f][row] = (float) features[f].compute(tb);
                    }
                }
            }
        });
    }

    /** Features computed without a project (tests, benchmarks, the Spark job). */
    public static FeatureTable compute(long[] ids, List<String> answersA, List<String> answersB) {
        return compute(ids, answersA, answersB, Features.all());
    }

    /**
     * A lazy table over texts in memory (the Spark job's chunks): it names every feature and computes
     * a column when it is first read, so LFs that read two features cost two features.
     */
    public static FeatureTable inMemory(long[] ids, List<String> answersA, List<String> answersB) {
        List<Feature> all = Features.all();
        return new FeatureTable(ids, all.stream().map(Feature::name).toList(), new float[all.size()][], new float[all.size()][],
                (todo, progress, cancel) -> {
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
        computeRows(n, answersA::get, answersB::get, 0, features.toArray(Feature[]::new), new int[features.size()], a, b);
        return new FeatureTable(ids, features.stream().map(Feature::name).toList(), a, b);
    }
}
