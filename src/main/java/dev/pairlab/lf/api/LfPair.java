package dev.pairlab.lf.api;

/**
 * What a code labeling function sees of one pair. Texts are as imported; features are the cached
 * values of the project's features (see {@code pairlab analyze features} for their names).
 */
public interface LfPair {

    /** The prompt or whole prior conversation. */
    String context();

    /** Answer A's text. */
    String a();

    /** Answer B's text. */
    String b();

    /** A feature's value for answer A, e.g. {@code featureA("length")}. */
    double featureA(String feature);

    /** A feature's value for answer B. */
    double featureB(String feature);

    /** featureB − featureA, the Δ the paper's rules vote on. */
    default double delta(String feature) {
        return featureB(feature) - featureA(feature);
    }

    /** The pair's id in the project (for messages and debugging). */
    long id();
}
