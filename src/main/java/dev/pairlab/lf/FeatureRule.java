package dev.pairlab.lf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import java.util.Locale;

/**
 * Votes on Δ = feature(B) − feature(A) (method.md): for the answer with the higher (or lower) value,
 * abstaining when |Δ| is below {@code minDelta}, above {@code maxDelta} (if set), or zero.
 */
public record FeatureRule(String feature, Prefer prefer, double minDelta, Double maxDelta) implements LfDefinition {

    public static final String KIND = "feature";

    public enum Prefer {
        HIGHER, LOWER;

        public static Prefer parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    public FeatureRule {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("a feature rule needs a feature");
        }
        if (prefer == null) {
            throw new IllegalArgumentException("a feature rule needs a direction (higher or lower)");
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("the minimum |Δ| must be 0 or more, got " + minDelta);
        }
        if (maxDelta != null && !(maxDelta >= minDelta)) {
            throw new IllegalArgumentException("the maximum |Δ| must be at least the minimum, got " + maxDelta);
        }
    }

    /** The vote for a pair whose feature values are {@code a} and {@code b}. */
    public byte vote(double a, double b) {
        double delta = b - a;
        double abs = Math.abs(delta);
        if (delta == 0 || abs < minDelta || (maxDelta != null && abs > maxDelta) || Double.isNaN(delta)) {
            return Votes.ABSTAIN;
        }
        return (delta > 0) == (prefer == Prefer.HIGHER) ? Votes.B : Votes.A;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean needsText() {
        return false;
    }

    @Override
    public String describe() {
        return "prefer " + prefer.name().toLowerCase(Locale.ROOT) + " " + feature + ", abstain if |Δ| < " + fmt(minDelta)
                + (maxDelta == null ? "" : " or > " + fmt(maxDelta));
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("feature", feature);
        o.put("prefer", prefer.name().toLowerCase(Locale.ROOT));
        o.put("min_delta", minDelta);
        if (maxDelta != null) {
            o.put("max_delta", maxDelta);
        }
        return o;
    }

    static FeatureRule fromJson(JsonNode n) throws LfException {
        try {
            return new FeatureRule(n.path("feature").asText(null), Prefer.parse(n.path("prefer").asText("")),
                    n.path("min_delta").asDouble(0), n.hasNonNull("max_delta") ? n.get("max_delta").asDouble() : null);
        } catch (IllegalArgumentException e) {
            throw new LfException("feature rule: " + e.getMessage(), e);
        }
    }
}
