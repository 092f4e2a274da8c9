package dev.pairlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The --json switch every reporting command has, and the writing of its one JSON object. */
final class Output {

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    /** A number, or null for NaN (JSON has no NaN). */
    static ObjectNode putNum(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
        return o;
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    static void print(PrintWriter out, JsonNode node) {
        try {
            out.println(Json.MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        out.flush();
    }
}
