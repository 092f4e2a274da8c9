package dev.pairlab.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Tables over texts in memory take the values of answers their caller saw in earlier chunks, and only those. */
class RecentAnswersTest {

    private static final List<String> ANSWERS = List.of(
            "I'm sorry, but I can't help with that request.",
            "Sure! Here is a simple recipe: mix 2 cups of flour with 1 cup of water, knead for 10 minutes and bake at 200 degrees.",
            "That is a wonderful idea, and I am happy you asked. Gardening is relaxing and healthy.",
            "No.",
            "Honestly this is a terrible, awful plan and it will fail. Why would anyone do that?",
            "1. Preheat the oven.\n2. Butter the pan.\n3. Pour the batter.\n\nSee https://example.org for more.");

    private static long[] ids(int from, int n) {
        return LongStream.range(from, from + n).toArray();
    }

    @Test
    void aChunkRepeatingAnswersOfAnEarlierOneTakesTheirValuesAndGetsWhatComputingGives() {
        // Chunk 1: every pair of distinct answers; chunk 2: the same answers in other pairs, and two new ones.
        List<String> a1 = new ArrayList<>();
        List<String> b1 = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            a1.add(ANSWERS.get(i));
            b1.add(ANSWERS.get(i + 1));
        }
        List<String> a2 = List.of(ANSWERS.get(4), ANSWERS.get(0), "A new answer, never seen.", ANSWERS.get(2));
        List<String> b2 = List.of(ANSWERS.get(1), ANSWERS.get(3), ANSWERS.get(2), "Another answer nobody gave before!");
        RecentAnswers recent = RecentAnswers.of(List.of("vader_compound", "reading_ease", "length"));
        FeatureTable t1 = FeatureCache.inMemory(ids(1, 4), a1, b1, recent);
        assertEquals(8, recent.lookups());
        assertEquals(0, recent.hits());
        FeatureTable t2 = FeatureCache.inMemory(ids(5, 4), a2, b2, recent);
        assertEquals(16, recent.lookups());
        assertEquals(6, recent.hits(), "all but the two new answers were seen in chunk 1");

        FeatureTable ref1 = FeatureCache.compute(ids(1, 4), a1, b1);
        FeatureTable ref2 = FeatureCache.compute(ids(5, 4), a2, b2);
        for (String f : List.of("vader_compound", "reading_ease", "length")) {
            assertTrue(t2.computed(f), f + " is computed with the chunk");
            assertArrayEquals(ref1.a(f), t1.a(f), f);
            assertArrayEquals(ref1.b(f), t1.b(f), f);
            assertArrayEquals(ref2.a(f), t2.a(f), f);
            assertArrayEquals(ref2.b(f), t2.b(f), f);
        }
        // Real values: the angry answer is negative.
        assertTrue(t2.a("vader_compound")[0] < -0.5, "terrible, awful: " + t2.a("vader_compound")[0]);
        // A column nobody asked for stays lazy and is computed when read, without the memory.
        assertFalse(t2.computed("lexical_diversity"));
        assertArrayEquals(ref2.a("lexical_diversity"), t2.a("lexical_diversity"));
        assertEquals(16, recent.lookups());
    }

    @Test
    void aTextDifferingWhereTheHashDoesNotLookGetsItsOwnValues() {
        String base = "This is fine. ".repeat(100);
        // 1,400 characters: the sample reads 32 at each end and every 20th from 32 on (692, 712, ...), not 708-711.
        String other = base.substring(0, 708) + "evil" + base.substring(712);
        assertEquals("This is evil. ", other.substring(700, 714));
        assertEquals(RecentTexts.sample(base), RecentTexts.sample(other));
        RecentAnswers recent = RecentAnswers.of(List.of("vader_compound"));
        FeatureTable t1 = FeatureCache.inMemory(ids(1, 1), List.of(base), List.of("No."), recent);
        FeatureTable t2 = FeatureCache.inMemory(ids(2, 1), List.of(other), List.of("No."), recent);
        assertEquals(1, recent.hits(), "only \"No.\" was taken");
        assertNotEquals(t1.a("vader_compound")[0], t2.a("vader_compound")[0]);
        assertArrayEquals(FeatureCache.compute(ids(2, 1), List.of(other), List.of("No.")).a("vader_compound"), t2.a("vader_compound"));
    }

    @Test
    void featuresThatAreOneScanOfTheTextAreNotLookedUp() {
        // As a project's filling decides (one rule): counting characters again costs less than finding the text.
        RecentAnswers scans = RecentAnswers.of(List.of("length", "numbers", "urls"));
        FeatureCache.inMemory(ids(1, 2), ANSWERS.subList(0, 2), ANSWERS.subList(2, 4), scans);
        FeatureTable t = FeatureCache.inMemory(ids(3, 2), ANSWERS.subList(0, 2), ANSWERS.subList(2, 4), scans);
        assertEquals(0, scans.lookups());
        assertArrayEquals(FeatureCache.compute(ids(3, 2), ANSWERS.subList(0, 2), ANSWERS.subList(2, 4)).b("numbers"), t.b("numbers"));
        // One feature that is not a scan, and every answer is looked up.
        RecentAnswers mixed = RecentAnswers.of(List.of("length", "lexical_diversity"));
        FeatureCache.inMemory(ids(1, 2), ANSWERS.subList(0, 2), ANSWERS.subList(2, 4), mixed);
        FeatureCache.inMemory(ids(3, 2), ANSWERS.subList(0, 2), ANSWERS.subList(2, 4), mixed);
        assertEquals(8, mixed.lookups());
        assertEquals(4, mixed.hits());
    }
}
