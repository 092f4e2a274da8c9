package dev.pairlab.features.reference;

/**
 * A number computed from one answer's text. Features are plug-ins: one class each, listed in
 * {@code META-INF/services/dev.pairlab.features.Feature}. Implementations must be stateless and
 * thread-safe: extraction calls them from several threads.
 */
public interface Feature {

    /** The name LFs and the CLI use, e.g. "length". */
    String name();

    String description();

    String unit();

    /**
     * Bumped when the computation changes, so cached values computed by an older version are
     * recomputed.
     */
    default int version() {
        return 1;
    }

    double compute(Text text);
}
