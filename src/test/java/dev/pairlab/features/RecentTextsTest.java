package dev.pairlab.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecentTextsTest {

    @Test
    void aTextWithTheSameHashIsNotTakenForAnother() {
        // "Aa" and "BB" have the same String.hashCode, so they share a bucket.
        assertEquals("Aa".hashCode(), "BB".hashCode());
        RecentTexts<String> r = new RecentTexts<>(4);
        r.put("Aa", null, "value of Aa");
        assertNull(r.get("BB", null));
        assertEquals("value of Aa", r.get(new String("Aa"), null));
        assertNull(r.get("Aa", "BB"), "a pair is not its first text alone");
        r.put("Aa", "BB", "pair");
        assertEquals("pair", r.get("Aa", "BB"));
        assertNull(r.get("BB", "Aa"), "order matters");
    }

    @Test
    void memoryIsBoundedTheOlderOfABucketGoes() {
        // Three texts with one hash: one bucket, two slots.
        assertEquals("AaAa".hashCode(), "BBBB".hashCode());
        assertEquals("AaAa".hashCode(), "AaBB".hashCode());
        RecentTexts<Integer> r = new RecentTexts<>(64);
        r.put("AaAa", null, 1);
        r.put("BBBB", null, 2);
        assertEquals(1, r.get("AaAa", null));
        r.put("AaBB", null, 3); // "BBBB" was used less recently than "AaAa"
        assertEquals(1, r.get("AaAa", null));
        assertNull(r.get("BBBB", null));
        assertEquals(3, r.get("AaBB", null));
        assertEquals(3, r.hits());
        assertEquals(4, r.lookups());
    }
}
