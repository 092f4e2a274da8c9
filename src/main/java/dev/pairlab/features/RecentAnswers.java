package dev.pairlab.features;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Feature values of answers computed row by row into columns, an answer seen recently taking the
 * values it had: features depend only on the text, so what is reused is exactly what computing gives.
 * One rule for both places that compute features chunk by chunk, a project's filling
 * ({@link FeatureCache.Filling}) and the Spark job's chunks ({@link FeatureCache#inMemory(long[], List, List,
 * RecentAnswers)}): values are kept only when some feature computed costs more than finding the text again
 * (features that are one scan of the text, {@link #SCANS}, do not), and only for rows that compute every
 * feature, so a kept value is whole. Memory is bounded ({@value #ANSWERS} answers, {@link RecentTexts}).
 * Not thread-safe: one chunk at a time (a chunk's rows are computed in parallel, its look-ups on the caller's thread).
 */
public final class RecentAnswers {

    /** Features computed by one scan of the text (scanners, no words): cheaper to compute again than to look up. */
    static final Set<String> SCANS = Set.of("length", "numbers", "list_items", "code_blocks", "question_marks", "urls");
    /** Answers whose feature values are kept for when the same text comes again. */
    static final int ANSWERS = 8192;
    /** Rows handed to one worker at a time: large enough to amortize the fork, small enough to balance 2–64 cores. */
    private static final int RANGE = 64;

    private final Feature[] features;
    private final List<String> names;
    /** Per feature, the rows before this one are known already (not computed here). */
    private final int[] valid;
    /** Rows from here on compute every feature: only their values are whole and kept. */
    private final int every;
    /** Null when nothing is worth keeping. */
    private final RecentTexts<float[]> recent;

    /**
     * For columns of {@code rows} rows whose feature f is known before row {@code valid[f]}; {@code keep}
     * false never looks a text up (benchmarks of the computation itself).
     */
    RecentAnswers(Feature[] features, int[] valid, int rows, boolean keep) {
        this.features = features.clone();
        this.names = Arrays.stream(features).map(Feature::name).toList();
        this.valid = valid.clone();
        boolean expensive = false;
        int last = 0;
        for (int f = 0; f < features.length; f++) {
            if (valid[f] < rows) {
                expensive |= !SCANS.contains(features[f].name());
                last = Math.max(last, valid[f]);
            }
        }
        this.every = keep && expensive ? last : Integer.MAX_VALUE;
        this.recent = keep && expensive ? new RecentTexts<>(ANSWERS) : null;
    }

    /**
     * These features (by name) for tables over texts in memory, every row computed: one per caller
     * labelling chunk after chunk, so that an answer of one chunk seen in an earlier one is not computed again.
     */
    public static RecentAnswers of(Collection<String> features) {
        Feature[] fs = features.stream().map(Features::byName).toArray(Feature[]::new);
        return new RecentAnswers(fs, new int[fs.length], Integer.MAX_VALUE, true);
    }

    /** The features computed, in the order of the columns {@link #rows} fills. */
    public List<String> names() {
        return names;
    }

    /**
     * Computes the rows [firstRow, firstRow + count) of every feature into {@code a[f]} and {@code b[f]}
     * (feature f only from row {@code valid[f]} on), in parallel on the caller's pool in ranges of
     * {@value #RANGE} rows. Each row is computed by one thread from its own texts and written to its own
     * cells, so the values do not depend on the number of threads. Calls must not overlap.
     */
    void rows(int count, IntFunction<String> answerA, IntFunction<String> answerB, int firstRow, float[][] a, float[][] b) {
        if (features.length == 0) {
            return;
        }
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

    /** Answers whose values were taken from an earlier one rather than computed. */
    public long hits() {
        return recent == null ? 0 : recent.hits();
    }

    /** Answers looked up (none when only scans are computed). */
    public long lookups() {
        return recent == null ? 0 : recent.lookups();
    }
}
