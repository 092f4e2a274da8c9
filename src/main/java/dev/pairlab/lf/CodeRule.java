package dev.pairlab.lf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;

/** A labeling function written in Java: the body of {@code Vote vote(LfPair p)}; see {@link CodeCompiler}. */
public record CodeRule(String source) implements LfDefinition {

    public static final String KIND = "code";

    public CodeRule {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a code LF needs source code");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean needsText() {
        return true;
    }

    @Override
    public String describe() {
        String first = source.strip().lines().findFirst().orElse("");
        return "code: " + (first.length() > 60 ? first.substring(0, 57) + "..." : first);
    }

    @Override
    public ObjectNode toJson() {
        return Json.MAPPER.createObjectNode().put("source", source);
    }

    static CodeRule fromJson(JsonNode n) throws LfException {
        try {
            return new CodeRule(n.path("source").asText(null));
        } catch (IllegalArgumentException e) {
            throw new LfException("code LF: " + e.getMessage(), e);
        }
    }
}
