package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Typed access to a record's fields, failing with the field's name and what was found instead. */
final class Fields {

    private Fields() {
    }

    static JsonNode required(JsonNode record, String field) throws InvalidRecordException {
        JsonNode value = record.get(field);
        if (value == null) {
            throw new InvalidRecordException(field, "missing");
        }
        if (value.isNull()) {
            throw new InvalidRecordException(field, "is null");
        }
        return value;
    }

    static String text(JsonNode record, String field) throws InvalidRecordException {
        JsonNode value = required(record, field);
        if (!value.isTextual()) {
            throw new InvalidRecordException(field, "expected a string, got " + JsonLinesSource.describe(value));
        }
        return value.textValue();
    }

    /** The first of the given fields that the record has, or null. */
    static String firstPresent(JsonNode record, String... fields) {
        for (String f : fields) {
            if (record.has(f)) {
                return f;
            }
        }
        return null;
    }

    /**
     * A preference label written as 0/1 (number or string), or A/B; null, missing or "" mean no
     * label. A number must be exactly 0 or 1: 1.0 is 1, but 0.5, 1.7 or 4294967296 (which an int
     * would wrap to 0) are refused.
     */
    static Gold label(JsonNode record, String field) throws InvalidRecordException {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            return Gold.NONE;
        }
        if (value.isNumber()) {
            return integer(value, field, 0, 1, "expected 0 or 1") == 0 ? Gold.A : Gold.B;
        }
        if (value.isTextual()) {
            String t = value.textValue().strip();
            switch (t) {
                case "": return Gold.NONE;
                case "0": case "A": case "a": return Gold.A;
                case "1": case "B": case "b": return Gold.B;
                default: throw new InvalidRecordException(field, "expected 0 or 1, got \"" + abbreviate(t) + "\"");
            }
        }
        throw new InvalidRecordException(field, "expected 0 or 1, got " + JsonLinesSource.describe(value));
    }

    /**
     * A JSON number that is exactly a whole number in [min, max]. Jackson's {@code asInt()} would
     * truncate 1.9 to 1 and wrap 4294967297 to 1, so the value is compared exactly instead.
     *
     * @param expected what the message says was expected, e.g. "expected 0 or 1"
     */
    static long integer(JsonNode value, String field, long min, long max, String expected) throws InvalidRecordException {
        if (!value.isNumber()) {
            throw new InvalidRecordException(field, expected + ", got " + JsonLinesSource.describe(value));
        }
        BigDecimal exact = value.decimalValue();
        boolean whole = exact.signum() == 0 || exact.stripTrailingZeros().scale() <= 0;
        if (!whole) {
            throw new InvalidRecordException(field, expected + ", got " + value + " (not a whole number)");
        }
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidRecordException(field, expected + ", got " + value);
        }
        return exact.longValueExact();
    }

    /**
     * Refuses a record with a NUL character in any of its strings (JSON's {@code \u0000}): no real
     * text holds one, SQLite and most tools downstream cut the text there, and it often means
     * binary data was read as text.
     */
    static void requireNoNul(JsonNode record) throws InvalidRecordException {
        Iterator<Map.Entry<String, JsonNode>> it = record.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            requireNoNul(e.getValue(), e.getKey());
        }
    }

    private static void requireNoNul(JsonNode value, String where) throws InvalidRecordException {
        if (value.isTextual()) {
            int at = value.textValue().indexOf('\0');
            if (at >= 0) {
                throw new InvalidRecordException(where, nulMessage(at));
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                requireNoNul(value.get(i), where + "[" + i + "]");
            }
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                requireNoNul(e.getValue(), where + "." + e.getKey());
            }
        }
    }

    static String nulMessage(int at) {
        return "contains a NUL character (\\u0000) at character " + (at + 1) + "; is this binary data?";
    }

    /** The fields a format did not use, kept as JSON so nothing of the source is lost. */
    static String extras(JsonNode record, Set<String> consumed) {
        ObjectNode rest = Json.MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = record.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!consumed.contains(e.getKey())) {
                rest.set(e.getKey(), e.getValue());
            }
        }
        if (rest.isEmpty()) {
            return "{}";
        }
        try {
            return Json.MAPPER.writeValueAsString(rest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    static ObjectNode parseExtras(String extras) {
        try {
            JsonNode n = Json.MAPPER.readTree(extras);
            return n instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
