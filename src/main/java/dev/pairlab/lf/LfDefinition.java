package dev.pairlab.lf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;

/**
 * What a labeling function is, independent of its name and version. Stored as JSON in the project;
 * {@link #kind()} tells which record reads it.
 */
public sealed interface LfDefinition permits FeatureRule, PatternRule, CodeRule, JudgeRule, ExemplarRule {

    String kind();

    ObjectNode toJson();

    /** A one-line summary for lists. */
    String describe();

    /** Whether evaluating it needs the pair texts (otherwise cached features suffice). */
    boolean needsText();

    static LfDefinition parse(String kind, String json) throws LfException {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new LfException("stored LF definition is not JSON: " + e.getMessage(), e);
        }
        return switch (kind) {
            case FeatureRule.KIND -> FeatureRule.fromJson(n);
            case PatternRule.KIND -> PatternRule.fromJson(n);
            case CodeRule.KIND -> CodeRule.fromJson(n);
            case JudgeRule.KIND -> JudgeRule.fromJson(n);
            case ExemplarRule.KIND -> ExemplarRule.fromJson(n);
            default -> throw new LfException("unknown LF kind '" + kind + "' (feature, pattern, code, llm, exemplar)");
        };
    }
}
