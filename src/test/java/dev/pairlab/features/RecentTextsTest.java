package dev.pairlab.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecentTextsTest {

    @Test
    void aTextWithTheSameHashIsNotTakenForAnother() {
        // "Aa" and "BB" have the same hash, so they share a bucket.
        assertEquals(RecentTexts.sample("Aa"), RecentTexts.sample("BB"));
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
        assertEquals(RecentTexts.sample("AaAa"), RecentTexts.sample("BBBB"));
        assertEquals(RecentTexts.sample("AaAa"), RecentTexts.sample("AaBB"));
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

    @Test
    void longTextsThatDifferOnlyWhereTheHashDoesNotLookKeepTheirOwnValues() {
        String base = "x".repeat(10_000);
        String other = base.substring(0, 5_001) + "y" + base.substring(5_002);
        assertEquals(base.length(), other.length());
        assertEquals(RecentTexts.sample(base), RecentTexts.sample(other), "position 5,001 is not sampled");
        RecentTexts<Integer> r = new RecentTexts<>(64);
        r.put(base, null, 1);
        assertNull(r.get(other, null), "same sample, different text: not taken for it");
        r.put(other, null, 2);
        assertEquals(1, r.get(new String(base), null));
        assertEquals(2, r.get(new String(other), null));
        // A difference at either end or in the length changes the sample.
        String end = base.substring(0, 9_999) + "y";
        org.junit.jupiter.api.Assertions.assertNotEquals(RecentTexts.sample(base), RecentTexts.sample(end));
        org.junit.jupiter.api.Assertions.assertNotEquals(RecentTexts.sample(base), RecentTexts.sample(base + "x"));
    }
}
