package dev.pairlab.features;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The installed features, in the order of {@code META-INF/services/dev.pairlab.features.Feature}. */
public final class Features {

    private static final List<Feature> ALL = ServiceLoader.load(Feature.class, Features.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    private Features() {
    }

    public static List<Feature> all() {
        return ALL;
    }

    /** The features stored embeddings give ({@link EmbeddingFeatures}); not computed from one answer's text. */
    public static final List<Feature> EMBEDDING = List.of(
            descriptor(EmbeddingFeatures.RELEVANCE, "cosine similarity of the answer to the prompt's last user turn (sentence embeddings)", "cosine"),
            descriptor(EmbeddingFeatures.SIMILARITY, "cosine similarity between the two answers (the same for A and B)", "cosine"));

    /** Text features and, when the table has them, embedding features: what analysis and feature rules can use. */
    public static List<Feature> in(FeatureTable table) {
        List<Feature> out = new java.util.ArrayList<>(ALL);
        for (Feature f : EMBEDDING) {
            if (table.names().contains(f.name())) {
                out.add(f);
            }
        }
        return out;
    }

    private static Feature descriptor(String name, String description, String unit) {
        return new Feature() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public String unit() {
                return unit;
            }

            @Override
            public double compute(Text text) {
                throw new UnsupportedOperationException(name + " comes from stored embeddings, not from one answer's text");
            }
        };
    }

    public static Feature byName(String name) {
        for (Feature f : EMBEDDING) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        for (Feature f : ALL) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + name + "' (known: " + names() + ")");
    }

    public static String names() {
        return ALL.stream().map(Feature::name).collect(Collectors.joining(", "));
    }
}
