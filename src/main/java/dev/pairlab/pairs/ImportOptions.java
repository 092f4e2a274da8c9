package dev.pairlab.pairs;

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
 * @param columns     for CSV: column name for each of context, a, b, label, chosen, rejected
 */
public record ImportOptions(String format, long seed, boolean skipInvalid, Split split, Map<String, String> columns) {

    public static final long DEFAULT_SEED = 123;

    public ImportOptions {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, DEFAULT_SEED, false, null, Map.of());
    }

    public ImportOptions withFormat(String f) {
        return new ImportOptions(f, seed, skipInvalid, split, columns);
    }

    public ImportOptions withSplit(Split s) {
        return new ImportOptions(format, seed, skipInvalid, s, columns);
    }

    public ImportOptions withSkipInvalid(boolean skip) {
        return new ImportOptions(format, seed, skip, split, columns);
    }

    public ImportOptions withSeed(long s) {
        return new ImportOptions(format, s, skipInvalid, split, columns);
    }
}
