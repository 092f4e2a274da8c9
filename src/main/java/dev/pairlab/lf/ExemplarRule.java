package dev.pairlab.lf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * An embedding LF: "prefer the answer closer to these example good answers and farther from these bad
 * ones". An answer's score is its highest cosine similarity to a good exemplar minus its highest to a
 * bad one (a missing side counts 0); the LF votes for the answer whose score is higher by at least
 * {@code margin}, and abstains otherwise or where the pair has no embeddings. The exemplars' vectors
 * are computed once, when the LF is saved, and kept in its definition with the texts, so applying it
 * needs only the project's stored embeddings ({@code pairlab embed}) and no model.
 */
public record ExemplarRule(String model, List<String> good, List<String> bad, List<float[]> goodVectors, List<float[]> badVectors,
                           double margin) implements LfDefinition {

    public static final String KIND = "exemplar";

    public ExemplarRule {
        good = good == null ? List.of() : List.copyOf(good);
        bad = bad == null ? List.of() : List.copyOf(bad);
        // Vectors may be null until embedded (see texts()); List.copyOf refuses nulls.
        goodVectors = goodVectors == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(goodVectors));
        badVectors = badVectors == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(badVectors));
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("an exemplar LF needs the embedding model its vectors come from");
        }
        if (good.isEmpty() && bad.isEmpty()) {
            throw new IllegalArgumentException("an exemplar LF needs at least one good or bad example text");
        }
        if (good.size() != goodVectors.size() || bad.size() != badVectors.size()) {
            throw new IllegalArgumentException("an exemplar LF needs one vector per example text (" + good.size() + " good texts, "
                    + goodVectors.size() + " vectors; " + bad.size() + " bad, " + badVectors.size() + ")");
        }
        if (!(margin >= 0 && margin < 2)) {
            throw new IllegalArgumentException("the margin must be in [0, 2), got " + margin);
        }
    }

    /** The definition without vectors yet: the caller embeds the texts with {@link #withVectors}. */
    public static ExemplarRule texts(String model, List<String> good, List<String> bad, double margin) {
        List<float[]> g = new ArrayList<>();
        for (int i = 0; i < (good == null ? 0 : good.size()); i++) {
            g.add(null);
        }
        List<float[]> b = new ArrayList<>();
        for (int i = 0; i < (bad == null ? 0 : bad.size()); i++) {
            b.add(null);
        }
        return new ExemplarRule(model, good, bad, g, b, margin);
    }

    public ExemplarRule withVectors(List<float[]> goodVectors, List<float[]> badVectors) {
        return new ExemplarRule(model, good, bad, goodVectors, badVectors, margin);
    }

    /** Whether the exemplars' vectors are known (a definition read from a project always has them). */
    public boolean embedded() {
        return goodVectors.stream().allMatch(v -> v != null) && badVectors.stream().allMatch(v -> v != null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** An answer's score from its quantized embedding (int8, as the project stores them). */
    public double score(byte[] answer) {
        double best = good.isEmpty() ? 0 : -1;
        for (float[] g : goodVectors) {
            best = Math.max(best, dev.pairlab.store.Embeddings.cosine(answer, g));
        }
        double worst = bad.isEmpty() ? 0 : -1;
        for (float[] b : badVectors) {
            worst = Math.max(worst, dev.pairlab.store.Embeddings.cosine(answer, b));
        }
        return best - worst;
    }

    /** The vote for a pair from its answers' embeddings (null: none stored, abstain). */
    public byte vote(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return Votes.ABSTAIN;
        }
        double d = score(b) - score(a);
        if (Double.isNaN(d) || Math.abs(d) < margin || d == 0) {
            return Votes.ABSTAIN;
        }
        return d > 0 ? Votes.B : Votes.A;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "prefer the answer closer to %d good and farther from %d bad examples (%s), abstain if the"
                + " score differs by < %s", good.size(), bad.size(), model, FeatureRule.fmt(margin));
    }

    @Override
    public boolean needsText() {
        return false;
    }

    @Override
    public ObjectNode toJson() {
        if (!embedded()) {
            throw new IllegalStateException("exemplar LF: embed the example texts before saving it");
        }
        ObjectNode o = Json.MAPPER.createObjectNode().put("model", model).put("margin", margin);
        ArrayNode g = o.putArray("good");
        good.forEach(g::add);
        ArrayNode b = o.putArray("bad");
        bad.forEach(b::add);
        ArrayNode gv = o.putArray("good_vectors");
        goodVectors.forEach(v -> gv.add(encode(v)));
        ArrayNode bv = o.putArray("bad_vectors");
        badVectors.forEach(v -> bv.add(encode(v)));
        return o;
    }

    static ExemplarRule fromJson(JsonNode n) throws LfException {
        try {
            List<String> good = new ArrayList<>();
            n.path("good").forEach(x -> good.add(x.asText()));
            List<String> bad = new ArrayList<>();
            n.path("bad").forEach(x -> bad.add(x.asText()));
            List<float[]> gv = new ArrayList<>();
            n.path("good_vectors").forEach(x -> gv.add(decode(x.asText())));
            List<float[]> bv = new ArrayList<>();
            n.path("bad_vectors").forEach(x -> bv.add(decode(x.asText())));
            return new ExemplarRule(n.path("model").asText(null), good, bad, gv, bv, n.path("margin").asDouble(0.02));
        } catch (IllegalArgumentException e) {
            throw new LfException("exemplar LF: " + e.getMessage(), e);
        }
    }

    /** A vector as base64 of little-endian float32s. */
    private static String encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static float[] decode(String s) {
        byte[] bytes = Base64.getDecoder().decode(s);
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
