package dev.pairlab.pairs;

import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to read one input file. One record drives the CLI flags, the GUI's import wizard and the
 * import's entry in the project, so the three cannot disagree. Its defaults ({@code DEFAULT_X}), descriptions
 * ({@code DESC_X}) and the settings' names in messages ({@code NAME_X}) are the ones both front ends show.
 *
 * @param format      the format, or null to detect it
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
public record ImportOptions(ImportFormat format, long seed, boolean skipInvalid, Split split, Map<String, String> columns,
                            boolean dedupe, boolean skipEmpty, int maxLineMb, Map<String, String> labelMap) implements Parameters {

    public static final String DEFAULT_SEED = "123";
    public static final String DEFAULT_MAX_LINE_MB = "64";
    /** A line is held in one Java array, so it can never reach 2 GB. */
    public static final int MAX_LINE_MB_LIMIT = 2047;

    /** The settings as messages name them (in the user's words; the CLI adds its flag where it shows one). */
    public static final String NAME_FORMAT = "the format";
    public static final String NAME_COLUMNS = "the column map";
    public static final String NAME_LABEL_MAP = "the label map";
    public static final String NAME_SKIP_INVALID = "skip invalid records";
    public static final String NAME_DEDUPE = "skip duplicate pairs";
    public static final String NAME_SKIP_EMPTY = "skip pairs with an empty answer";
    public static final String NAME_MAX_LINE_MB = "the largest record size";

    public static final String DESC_FORMAT = "Format id (see 'pairlab formats'); detected when absent.";
    public static final String DESC_SPLIT = "Put every pair in this split (train, dev, test, pool); 'pairlab split' then leaves them there.";
    public static final String DESC_SEED = "Seed of the A/B swap for chosen/rejected formats";
    public static final String DESC_SKIP_INVALID = "Import the good records and write the bad ones to a report.";
    public static final String DESC_COLUMNS = "The CSV column or JSON field for a role (context, a, b, label, or context, chosen, rejected)";
    public static final String DESC_LABEL_MAP = "CSV and JSON: what each label value means";
    public static final String DESC_DEDUPE = "Skip a pair whose prompt and two answers (in either order) an earlier"
            + " pair of the file has; without it they are imported and counted in a warning.";
    public static final String DESC_SKIP_EMPTY = "Skip pairs with an empty or whitespace-only answer; without it they"
            + " are imported and counted in a warning.";
    public static final String DESC_MAX_LINE_MB = "The largest line (JSON lines), array element (JSON array) or row (CSV) to read, in MB";

    public ImportOptions {
        columns = columns == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        labelMap = labelMap == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labelMap));
    }

    /** With a format id ({@code null} to detect); an unknown id is a programming error here. */
    public ImportOptions(String format, long seed, boolean skipInvalid, Split split, Map<String, String> columns) {
        this(formatOf(format), seed, skipInvalid, split, columns, false, false, Integer.parseInt(DEFAULT_MAX_LINE_MB), Map.of());
    }

    public static ImportOptions defaults() {
        return new ImportOptions((String) null, Long.parseLong(DEFAULT_SEED), false, null, Map.of());
    }

    @Override
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>();
        for (String role : columns.keySet()) {
            if (!CsvFormat.ROLES.containsKey(role)) {
                problems.add(Problem.of("columns", CsvFormat.unknownRole(role)));
            }
        }
        for (Map.Entry<String, String> e : labelMap.entrySet()) {
            if (LabelMap.target(e.getValue()) == null) {
                problems.add(Problem.of("labelMap", "the label map entry " + e.getKey() + "=" + e.getValue() + ": the value must be a, b or none"));
            }
        }
        if (maxLineMb < 1 || maxLineMb > MAX_LINE_MB_LIMIT) {
            problems.add(Problem.of("maxLineMb", "the largest record must be between 1 and " + MAX_LINE_MB_LIMIT + " MB, not " + maxLineMb));
        }
        return problems;
    }

    /** The line cap in bytes. */
    public long maxLineBytes() {
        return (long) maxLineMb << 20;
    }

    /** The format's id, or null when it is detected. */
    public String formatId() {
        return format == null ? null : format.id();
    }

    private static ImportFormat formatOf(String id) {
        try {
            return ImportFormat.parse(id);
        } catch (BadInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public ImportOptions withFormat(ImportFormat f) {
        return new ImportOptions(f, seed, skipInvalid, split, columns, dedupe, skipEmpty, maxLineMb, labelMap);
    }

    public ImportOptions withFormat(String f) {
        return withFormat(formatOf(f));
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
