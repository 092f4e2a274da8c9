package dev.pairlab.features;

import dev.pairlab.store.Embeddings;
import dev.pairlab.store.Project;
import java.util.Arrays;
import java.util.List;

/**
 * Features from stored sentence embeddings ({@code pairlab embed}): {@value #RELEVANCE}, each answer's
 * cosine similarity to the prompt (the context's last user turn), and {@value #SIMILARITY}, the cosine
 * between the two answers (the same value for A and B). They join the feature table only once a
 * project has embeddings; pairs without them have NaN, on which feature rules abstain.
 */
public final class EmbeddingFeatures {

    public static final String RELEVANCE = "relevance";
    public static final String SIMILARITY = "answer_similarity";
    public static final List<String> NAMES = List.of(RELEVANCE, SIMILARITY);

    private EmbeddingFeatures() {
    }

    /** The table with the embedding features of the project's first (most used) model, or the table as it is. */
    public static FeatureTable append(Project project, FeatureTable table) {
        List<String> models = Embeddings.models(project);
        if (models.isEmpty() || table.names().contains(RELEVANCE)) {
            return table;
        }
        long[] ids = table.ids();
        int n = ids.length;
        float[] relA = new float[n];
        float[] relB = new float[n];
        float[] sim = new float[n];
        Arrays.fill(relA, Float.NaN);
        Arrays.fill(relB, Float.NaN);
        Arrays.fill(sim, Float.NaN);
        Embeddings.forEach(project, models.get(0), r -> {
            int row = Arrays.binarySearch(ids, r.pairId());
            if (row >= 0) {
                relA[row] = (float) Embeddings.cosine(r.a(), r.prompt());
                relB[row] = (float) Embeddings.cosine(r.b(), r.prompt());
                sim[row] = (float) Embeddings.cosine(r.a(), r.b());
            }
        });
        return table.with(NAMES, new float[][] {relA, sim}, new float[][] {relB, sim});
    }
}
