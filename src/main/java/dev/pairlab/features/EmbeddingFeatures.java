package dev.pairlab.features;

import dev.pairlab.store.Embeddings;
import dev.pairlab.store.Project;
import java.util.Arrays;
import java.util.List;

/**
 * Features from stored sentence embeddings ({@code pairlab embed}): {@value #RELEVANCE}, each answer's
 * cosine similarity to the prompt (the context's last user turn), and {@value #SIMILARITY}, the cosine
 * between the two answers (the same value for A and B). They join the feature table only once a
 * project has embeddings; pairs without them have NaN, on which feature rules abstain. Like the text
 * features, they are lazy columns: the embeddings are read when an LF, a screen or a model first reads
 * one of them, not each time a project's table is opened.
 */
public final class EmbeddingFeatures {

    public static final String RELEVANCE = "relevance";
    public static final String SIMILARITY = "answer_similarity";
    public static final List<String> NAMES = List.of(RELEVANCE, SIMILARITY);

    private EmbeddingFeatures() {
    }

    /**
     * The named embedding features' columns ({a, b} per name, in order) for the pairs {@code ids}, from the
     * project's first (most used) model: one read of its stored embeddings. NaN where a pair has none.
     */
    static float[][][] columns(Project project, long[] ids, List<String> names) {
        int n = ids.length;
        float[] relA = new float[n];
        float[] relB = new float[n];
        float[] sim = new float[n];
        Arrays.fill(relA, Float.NaN);
        Arrays.fill(relB, Float.NaN);
        Arrays.fill(sim, Float.NaN);
        List<String> models = Embeddings.models(project);
        if (!models.isEmpty()) {
            Embeddings.forEach(project, models.get(0), r -> {
                int row = Arrays.binarySearch(ids, r.pairId());
                if (row >= 0) {
                    relA[row] = (float) Embeddings.cosine(r.a(), r.prompt());
                    relB[row] = (float) Embeddings.cosine(r.b(), r.prompt());
                    sim[row] = (float) Embeddings.cosine(r.a(), r.b());
                }
            });
        }
        float[][][] out = new float[names.size()][][];
        for (int k = 0; k < names.size(); k++) {
            out[k] = switch (names.get(k)) {
                case RELEVANCE -> new float[][] {relA, relB};
                case SIMILARITY -> new float[][] {sim, sim};
                default -> throw new IllegalArgumentException("not an embedding feature: " + names.get(k));
            };
        }
        return out;
    }
}
