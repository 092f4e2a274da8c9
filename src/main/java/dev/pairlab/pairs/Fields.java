package dev.pairlab.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
     * label. {@code zeroMeans} is the gold for label 0.
     */
    static Gold label(JsonNode record, String field) throws InvalidRecordException {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            return Gold.NONE;
        }
        if (value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
            return switch (value.asInt()) {
                case 0 -> Gold.A;
                case 1 -> Gold.B;
                default -> throw new InvalidRecordException(field, "expected 0 or 1, got " + value);
            };
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
