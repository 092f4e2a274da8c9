package dev.pairlab.pairs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The installed formats (found through {@link ServiceLoader}) and detection of a file's format. */
public final class Formats {

    private static final List<PairFormat> ALL = ServiceLoader.load(PairFormat.class, Formats.class.getClassLoader())
            .stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(PairFormat::detectionOrder))
            .toList();

    /** How many records detection looks at for one it can read, when the first ones are broken. */
    private static final int DETECTION_RECORDS = 50;

    private Formats() {
    }

    public static List<PairFormat> all() {
        return ALL;
    }

    public static String ids() {
        return ALL.stream().map(PairFormat::id).collect(Collectors.joining(", "));
    }

    public static PairFormat byId(String id) throws BadInputException {
        for (PairFormat f : ALL) {
            if (f.id().equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new BadInputException("unknown format '" + id + "' (known: " + ids() + ")");
    }

    /**
     * The format named in the options; else, with a field mapping ({@code --col}), csv or json by the
     * file's look (nothing to detect: the mapping says which field is which); else the one detected
     * from the file. A field or label mapping that the format would not use is refused, not ignored.
     */
    public static PairFormat resolve(Path file, ImportOptions options) throws IOException, BadInputException {
        PairFormat f;
        if (options.format() != null) {
            f = byId(options.formatId());
        } else if (!options.columns().isEmpty()) {
            if (Containers.firstChar(file) < 0) {
                throw new BadInputException(file + ": file is empty");
            }
            f = byId(looksLikeCsv(file) ? "csv" : JsonMappedFormat.ID);
        } else {
            f = detect(file, options.maxLineBytes());
        }
        if (!f.takesFieldMapping() && !(options.columns().isEmpty() && options.labelMap().isEmpty())) {
            throw new BadInputException(file + ": " + ImportOptions.NAME_COLUMNS + " and " + ImportOptions.NAME_LABEL_MAP
                    + " apply to the csv and json formats, not to " + f.id() + (options.format() == null ? " (detected)" : "")
                    + "; for a JSON file, map its fields in " + ImportOptions.NAME_COLUMNS + ": context=…, a=…, b=… [, label=…]");
        }
        return f;
    }

    /** CSV by extension, or by not starting like JSON. */
    private static boolean looksLikeCsv(Path file) throws IOException, BadInputException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int first = Containers.firstChar(file);
        boolean csvName = name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".csv.gz") || name.endsWith(".tsv.gz");
        return csvName || (first != '{' && first != '[');
    }

    /**
     * Detects a file's format: CSV by extension or by not starting like JSON; otherwise the first
     * format (in detection order) that accepts the first readable record.
     */
    public static PairFormat detect(Path file) throws IOException, BadInputException {
        return detect(file, ImportOptions.defaults().maxLineBytes());
    }

    /** As {@link #detect(Path)}, reading records of up to {@code maxLineBytes} (the import's cap). */
    public static PairFormat detect(Path file, long maxLineBytes) throws IOException, BadInputException {
        if (Containers.firstChar(file) < 0) {
            throw new BadInputException(file + ": file is empty");
        }
        if (looksLikeCsv(file)) {
            return byId("csv");
        }
        try (RecordSource source = JsonPairReader.openJson(file, maxLineBytes)) {
            RecordError firstError = null;
            for (int i = 0; i < DETECTION_RECORDS; i++) {
                RawRecord r = source.next();
                if (r == null) {
                    break;
                }
                if (r.error() != null) {
                    firstError = firstError == null ? r.error() : firstError;
                    continue;
                }
                for (PairFormat f : ALL) {
                    if (f.accepts(r.node())) {
                        return f;
                    }
                }
                throw new BadInputException(file + ":" + r.line() + ": cannot tell the format from the fields "
                        + fieldNames(r) + "; choose " + ImportOptions.NAME_FORMAT + " (one of " + ids() + "), or map the fields in "
                        + ImportOptions.NAME_COLUMNS + ": context=FIELD, a=FIELD, b=FIELD [, label=FIELD with "
                        + ImportOptions.NAME_LABEL_MAP + " VALUE=a,VALUE=b]");
            }
            if (firstError != null) {
                throw new BadInputException(firstError.describe(file.toString()));
            }
            throw new BadInputException(file + ": file is empty (no records)");
        }
    }

    private static String fieldNames(RawRecord r) {
        StringBuilder sb = new StringBuilder("[");
        r.node().fieldNames().forEachRemaining(n -> sb.append(sb.length() > 1 ? ", " : "").append(n));
        return sb.append(']').toString();
    }
}
