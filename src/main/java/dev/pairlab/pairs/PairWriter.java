package dev.pairlab.pairs;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Writes pairs in one format. */
public interface PairWriter extends Closeable {

    /**
     * Writes one pair; returns false, writing nothing, when the format cannot represent it (for
     * example a chosen/rejected format and a pair without a gold label).
     */
    boolean write(Pair pair) throws IOException;

    /**
     * Writes one pair with extra fields after the format's own (a weak-label export adds "weak" and
     * "confidence"). Formats that cannot hold extra fields ignore them. Every call of one writer must
     * pass the same keys.
     */
    default boolean write(Pair pair, Map<String, Object> extra) throws IOException {
        return write(pair);
    }
}
