package dev.pairlab.store;

import dev.pairlab.pairs.Pair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Recognises a pair seen before in the same import: the same context and the same two answers, in
 * either order (a chosen/rejected file swapped by the seed is still the same comparison). Each pair
 * is kept as 128 bits of its SHA-256 in a flat open-addressing table, 16 bytes a pair, so that a file
 * of millions of pairs needs neither its texts held nor a boxed set; a collision of 128 bits of
 * SHA-256 is not something data meets, even data built to cause one.
 */
final class RepeatedPairs {

    private final MessageDigest sha256;
    /** Slot i holds keys[2i], keys[2i+1]; (0, 0) is an empty slot. */
    private long[] keys = new long[2 * 1024];
    private int size;

    RepeatedPairs() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Remembers the pair; false when an earlier pair had the same context and answers. */
    boolean addIfNew(Pair p) {
        boolean inOrder = p.answerA().compareTo(p.answerB()) <= 0;
        update(p.context());
        update(inOrder ? p.answerA() : p.answerB());
        update(inOrder ? p.answerB() : p.answerA());
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        long hi = digest.getLong();
        long lo = digest.getLong();
        if (hi == 0 && lo == 0) {
            lo = 1;
        }
        if (2 * (size + 1) > keys.length / 2) { // keep the table at most half full
            grow();
        }
        return insert(keys, hi, lo);
    }

    private void update(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // The length first, so that ("ab", "c") and ("a", "bc") differ.
        sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha256.update(bytes);
    }

    private boolean insert(long[] table, long hi, long lo) {
        int slots = table.length / 2;
        int i = (int) ((hi ^ (hi >>> 32)) & (slots - 1));
        while (table[2 * i] != 0 || table[2 * i + 1] != 0) {
            if (table[2 * i] == hi && table[2 * i + 1] == lo) {
                return false;
            }
            i = (i + 1) & (slots - 1);
        }
        table[2 * i] = hi;
        table[2 * i + 1] = lo;
        if (table == keys) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = keys;
        long[] bigger = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                insert(bigger, old[i], old[i + 1]);
            }
        }
        keys = bigger;
    }
}
