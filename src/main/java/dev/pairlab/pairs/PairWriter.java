package dev.pairlab.pairs;

import java.io.Closeable;
import java.io.IOException;

/** Writes pairs in one format. */
public interface PairWriter extends Closeable {

    /**
     * Writes one pair; returns false, writing nothing, when the format cannot represent it (for
     * example a chosen/rejected format and a pair without a gold label).
     */
    boolean write(Pair pair) throws IOException;
}
