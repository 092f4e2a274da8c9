package dev.pairlab.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A label read through the user's value map ({@code --label-map 1=a,2=b}): the file's value, as
 * written, decides a, b or none. Matching is exact: a JSON number matches a key that is the same
 * number (so 1.0 matches 1, 1.5 matches nothing), a string matches a key with the same text. A value
 * the map does not name is an error, never a guess; null, a missing value or an empty
 * string (CSV's empty cell) mean unlabeled unless the map names them.
 */
final class LabelMap {

    private LabelMap() {
    }

    /** "a", "b" or "none" as a gold label; null for any other word. */
    static Gold target(String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "a" -> Gold.A;
            case "b" -> Gold.B;
            case "none" -> Gold.NONE;
            default -> null;
        };
    }

    /**
     * The label of {@code value} (the record's field {@code field}); with an empty map, the usual
     * 0/1 or A/B reading of {@link Fields#label}. Null or a missing value means unlabeled.
     */
    static Gold read(JsonNode record, JsonNode value, String field, Map<String, String> map) throws InvalidRecordException {
        if (map.isEmpty()) {
            return Fields.label(record, field);
        }
        if (value == null || value.isNull()) {
            return Gold.NONE;
        }
        if (value.isNumber()) {
            BigDecimal v = value.decimalValue();
            for (Map.Entry<String, String> e : map.entrySet()) {
                BigDecimal key = number(e.getKey());
                if (key != null && key.compareTo(v) == 0) {
                    return target(e.getValue());
                }
            }
            throw notInMap(field, value.toString(), map);
        }
        if (value.isTextual()) {
            String t = value.textValue();
            String target = map.get(t);
            if (target != null) {
                return target(target);
            }
            if (t.isBlank()) {
                return Gold.NONE;
            }
            throw notInMap(field, "\"" + Fields.abbreviate(t) + "\"", map);
        }
        if (value.isBoolean()) {
            String target = map.get(value.toString());
            if (target != null) {
                return target(target);
            }
            throw notInMap(field, value.toString(), map);
        }
        throw new InvalidRecordException(field, "expected a label value, got " + JsonLinesSource.describe(value));
    }

    private static BigDecimal number(String key) {
        try {
            return new BigDecimal(key.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static InvalidRecordException notInMap(String field, String shown, Map<String, String> map) {
        return new InvalidRecordException(field, "value " + shown + " is not in " + ImportOptions.NAME_LABEL_MAP + " ("
                + map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")) + ")");
    }
}
