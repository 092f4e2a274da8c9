package dev.pairlab.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON records of any schema, read through the user's field mapping ({@code --col role=FIELD}, the
 * roles of {@link CsvFormat}: context, a, b and optionally label, or context, chosen and rejected)
 * and an optional label value map ({@code --label-map 1=a,2=b}). Chosen when {@code --col} is given
 * for a JSON file, so nothing is detected. A field may be a dot path into nested objects and lists
 * ({@code responses.0}); a field whose own name has a dot is found first. Never detected: without a
 * mapping it cannot know which field is which.
 */
public final class JsonMappedFormat implements PairFormat {

    public static final String ID = "json";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "JSON with any fields, mapped by --col role=FIELD (and --label-map VALUE=a|b)";
    }

    @Override
    public int detectionOrder() {
        return 900;
    }

    @Override
    public boolean accepts(JsonNode first) {
        return false;
    }

    @Override
    public boolean takesFieldMapping() {
        return true;
    }

    @Override
    public PairReader open(Path file, ImportOptions options) throws IOException, BadInputException {
        String problem = mappingProblem(options.columns());
        if (problem != null) {
            throw new BadInputException(file + ": " + problem);
        }
        return PairFormat.super.open(file, options);
    }

    /** What is wrong with a field mapping as a whole, or null when it names a full set of roles. */
    static String mappingProblem(Map<String, String> columns) {
        for (String role : columns.keySet()) {
            if (!CsvFormat.ROLES.containsKey(role)) {
                return CsvFormat.unknownRole(role);
            }
        }
        boolean ab = columns.containsKey("a") && columns.containsKey("b");
        boolean pairwise = columns.containsKey("chosen") && columns.containsKey("rejected");
        if (!columns.containsKey("context") || ab == pairwise) {
            return "the JSON format needs " + ImportOptions.NAME_COLUMNS + ": context=FIELD, a=FIELD, b=FIELD"
                    + " [, label=FIELD with " + ImportOptions.NAME_LABEL_MAP + " VALUE=a,VALUE=b], or context=FIELD, chosen=FIELD,"
                    + " rejected=FIELD (got " + (columns.isEmpty() ? "none" : columns) + ")";
        }
        if (pairwise && columns.containsKey("label")) {
            return ImportOptions.NAME_COLUMNS + ": label=… does not go with chosen=… and rejected=… (chosen is the preferred answer)";
        }
        return null;
    }

    @Override
    public Pair parse(JsonNode record, long line, ImportOptions options) throws InvalidRecordException {
        Map<String, String> cols = options.columns();
        String problem = mappingProblem(cols);
        if (problem != null) {
            throw new InvalidRecordException(null, problem);
        }
        String context = text(record, cols.get("context"));
        Set<String> consumed = new HashSet<>();
        for (String path : cols.values()) {
            consumed.add(record.has(path) ? path : path.split("\\.", -1)[0]);
        }
        String extras = Fields.extras(record, consumed);
        if (cols.containsKey("chosen")) {
            return Swap.place(context, text(record, cols.get("chosen")), text(record, cols.get("rejected")),
                    options.seed(), line, extras);
        }
        String a = text(record, cols.get("a"));
        String b = text(record, cols.get("b"));
        Gold gold = Gold.NONE;
        String labelPath = cols.get("label");
        if (labelPath != null) {
            JsonNode value = find(record, labelPath);
            gold = options.labelMap().isEmpty() ? Fields.label(wrap(labelPath, value), labelPath)
                    : LabelMap.read(record, value, labelPath, options.labelMap());
        }
        return Pair.parsed(context, a, b, gold, line, extras);
    }

    /** A one-field object so that {@link Fields#label} reads a value found at a path. */
    private static JsonNode wrap(String path, JsonNode value) {
        return Json.MAPPER.createObjectNode().set(path, value);
    }

    private static String text(JsonNode record, String path) throws InvalidRecordException {
        JsonNode value = find(record, path);
        if (value.isNull()) {
            throw new InvalidRecordException(path, "is null");
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException(path, "expected a string, got " + JsonLinesSource.describe(value));
        }
        return value.textValue();
    }

    /**
     * The value at a field name or dot path; a value that is not there is an error naming the
     * fields (or the number of elements) that are.
     */
    static JsonNode find(JsonNode record, String path) throws InvalidRecordException {
        if (record.has(path)) {
            return record.get(path);
        }
        String[] steps = path.split("\\.", -1);
        JsonNode at = record;
        StringBuilder walked = new StringBuilder();
        for (String step : steps) {
            JsonNode next = null;
            if (at.isObject()) {
                next = at.get(step);
            } else if (at.isArray() && step.matches("\\d{1,9}")) {
                next = at.get(Integer.parseInt(step));
            }
            if (next == null) {
                throw new InvalidRecordException(path, "missing; " + where(walked) + " " + has(at));
            }
            walked.append(walked.length() == 0 ? "" : ".").append(step);
            at = next;
        }
        return at;
    }

    private static String where(StringBuilder walked) {
        return walked.length() == 0 ? "the record" : "'" + walked + "'";
    }

    private static String has(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return "has the fields " + names;
        }
        if (node.isArray()) {
            return "is a list of " + node.size() + " element" + (node.size() == 1 ? "" : "s");
        }
        return "is " + JsonLinesSource.describe(node) + ", not an object or a list";
    }

    @Override
    public PairWriter writer(OutputStream out) throws IOException {
        // A mapping says how to read a schema, not how to write one: exports take the reference format.
        return new AnswerLabelFormat().writer(out);
    }
}
