package dev.pairlab.pairs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read one input file. One record drives the CLI flags, the GUI's import wizard and the
 * import's entry in the project, so the three cannot disagree.
 *
 * @param format      a format id, or null to detect it
 * @param seed        seed of the A/B swap for formats that say which answer is chosen
 * @param skipInvalid import the good records and report the bad ones instead of failing
 * @param split       put every pair in this split, or null for the default (train when the pair has
 *                    a gold label, pool when it has none)
 * @param columns     for CSV: column name for each of context, a, b, label, chosen, rejected; for JSON the
 *                    field (or dot path such as {@code responses.0}) for each, which also selects the
 *                    {@code json} format instead of detecting one
 * @param dedupe      skip a pair whose context and two answers (in either order) an earlier pair of
 *                    the file has
 * @param skipEmpty   skip a pair with an empty or whitespace-only answer
 * @param maxLineMb   the largest line (JSON lines), array element (JSON array) or row (CSV) read,
 *                    in MB; a larger one fails the import instead of filling the memory
 * @param labelMap    for CSV and JSON: a label value as the file writes it → "a", "b" or "none"
 *                    (e.g. 1 → a, 2 → b); empty to read labels as 0/1 or A/B
 */
public record ImportOptions(String format, long seed, boolean skipInvalid, Split split, Map<String, String> columns,
                            boolean dedupe, boolean skipEmpty, int maxLineMb, Map<String, String> labelMap) {

    public static final long DEFAULT_SEED = 123;
    public static final int DEFAULT_MAX_LINE_MB = 64;
    /** A line is held in one Java array, so it can never reach 2 GB. */
    public static final int MAX_LINE_MB_LIMIT = 2047;

    public ImportOptions {
        columns = columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        labelMap = labelMap == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labelMap));
        for (Map.Entry<String, String> e : labelMap.entrySet()) {
            if (LabelMap.target(e.getValue()) == null) {
                throw new IllegalArgumentException("the label map entry " + e.getKey() + "=" + e.getValue()
                        + ": the value must be a, b or none");
            }
        }
        if (maxLineMb < 1 || maxLineMb > MAX_LINE_MB_LIMIT) {
            throw new IllegalArgumentException("the largest record must be between 1 and " + MAX_LINE_MB_LIMIT + " MB, not " + maxLineMb);
        }
    }

    public ImportOptions(String format, long seed, boolean skipInvalid, Split split, Map<String, String> columns,
                         boolean dedupe, boolean skipEmpty, int maxLineMb) {
        this(format, seed, skipInvalid, split, columns, dedupe, skipEmpty, maxLineMb, Map.of());
    }

    public ImportOptions(String format, long seed, boolean skipInvalid, Split split, Map<String, String> columns) {
        this(format, seed, skipInvalid, split, columns, false, false, DEFAULT_MAX_LINE_MB);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, DEFAULT_SEED, false, null, Map.of());
    }

    /** The line cap in bytes. */
    public long maxLineBytes() {
        return (long) maxLineMb << 20;
    }

    public ImportOptions withFormat(String f) {
        return new ImportOptions(f, seed, skipInvalid, split, columns, dedupe, skipEmpty, maxLineMb, labelMap);
    }

    public ImportOptions withSplit(Split s) {
        return new ImportOptions(format, seed, skipInvalid, s, columns, dedupe, skipEmpty, maxLineMb, labelMap);
    }

    public ImportOptions withSkipInvalid(boolean skip) {
        return new ImportOptions(format, seed, skip, split, columns, dedupe, skipEmpty, maxLineMb, labelMap);
    }

    public ImportOptions withSeed(long s) {
        return new ImportOptions(format, s, skipInvalid, split, columns, dedupe, skipEmpty, maxLineMb, labelMap);
    }

    public ImportOptions withDedupe(boolean d) {
        return new ImportOptions(format, seed, skipInvalid, split, columns, d, skipEmpty, maxLineMb, labelMap);
    }

    public ImportOptions withSkipEmpty(boolean s) {
        return new ImportOptions(format, seed, skipInvalid, split, columns, dedupe, s, maxLineMb, labelMap);
    }

    public ImportOptions withColumns(Map<String, String> c) {
        return new ImportOptions(format, seed, skipInvalid, split, c, dedupe, skipEmpty, maxLineMb, labelMap);
    }

    public ImportOptions withLabelMap(Map<String, String> m) {
        return new ImportOptions(format, seed, skipInvalid, split, columns, dedupe, skipEmpty, maxLineMb, m);
    }

    public ImportOptions withMaxLineMb(int mb) {
        return new ImportOptions(format, seed, skipInvalid, split, columns, dedupe, skipEmpty, mb, labelMap);
    }
}
