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

    /** Something that writes text, for {@link #writeAtomically}. */
    @FunctionalInterface
    interface TextWriter {
        void write(java.io.BufferedWriter w) throws java.io.IOException;
    }

    /** Writes a file whole or not at all: into a temporary file beside it, then moved over it. */
    static void writeAtomically(java.nio.file.Path file, TextWriter body) throws java.io.IOException {
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".part");
        try (java.io.BufferedWriter w = java.nio.file.Files.newBufferedWriter(tmp, java.nio.charset.StandardCharsets.UTF_8)) {
            body.write(w);
        } catch (java.io.IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(tmp);
            throw e;
        }
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

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
