package dev.pairlab.labelmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.Split;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark job's chunk labeler reuses what a task saw in its earlier chunks (feature values of
 * answers, pattern votes of pairs) and labels exactly as computing everything does.
 */
class ChunkLabelerTest {

    static List<Pair> hh;
    static ChunkLabeler labeler;

    /** HH 1 % as the job parses it (pair n is the n-th valid record), the paper's HH LFs (5 feature, 4 pattern) and majority vote. */
    @BeforeAll
    static void setUp() throws Exception {
        List<String> lines = Files.readAllLines(TestData.hh1());
        PairFormat f = Formats.all().stream().filter(x -> {
            try {
                return x.accepts(Json.MAPPER.readTree(lines.get(0)));
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        hh = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                JsonNode n = Json.MAPPER.readTree(lines.get(i));
                Pair p = f.parseChecked(n, i + 1, ImportOptions.defaults());
                if (p != null) {
                    hh.add(p.withId(hh.size() + 1));
                }
            }
        }
        List<NamedLf> lfs = new ArrayList<>();
        for (Map.Entry<String, LfDefinition> e : Presets.get("hh").entrySet()) {
            lfs.add(new NamedLf(e.getKey(), 0, 1, e.getValue()));
        }
        labeler = new ChunkLabeler(new WeakExport.Labeler(lfs, new MajorityVote(), Json.MAPPER.createObjectNode()),
                new WeakExport.Params(WeakExport.Format.TRL, 0, 7, Set.of(Split.TRAIN), TiePolicy.RANDOM));
    }

    /** The same pairs with new ids (a pool repeating its pairs, as the benchmark input does). */
    private static List<Pair> renumbered(List<Pair> pairs, long firstId) {
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            out.add(pairs.get(i).withId(firstId + i));
        }
        return out;
    }

    private static void assertSame(ChunkLabeler.Result expected, ChunkLabeler.Result actual) {
        assertEquals(expected.lines().size(), actual.lines().size());
        for (int k = 0; k < expected.lines().size(); k++) {
            // Not the whole records in the message: they are long.
            assertTrue(expected.lines().get(k).equals(actual.lines().get(k)), "line " + k + " differs");
        }
        assertArrayEquals(expected.ids(), actual.ids());
        assertArrayEquals(expected.labels(), actual.labels());
        assertArrayEquals(expected.confidence(), actual.confidence());
        assertEquals(expected.belowThreshold(), actual.belowThreshold());
        assertEquals(expected.problems(), actual.problems());
    }

    @Test
    void aChunkWhosePairsCameBeforeTakesTheirValuesAndLabelsAsComputingThemDoes() throws Exception {
        // A chunk small enough that no answer of it is pushed out of the memory by another (two slots per hash bucket).
        List<Pair> first = hh.subList(0, 100);
        List<Pair> again = renumbered(first, 10_001);
        ChunkLabeler.Recent recent = labeler.recent();
        ChunkLabeler.Result r1 = labeler.label(first, recent);
        // The first chunk has nothing before it: every answer is looked up (VADER and reading ease are worth it), none found.
        assertEquals(200, recent.answerLookups());
        assertEquals(0, recent.answerHits());
        assertEquals(100, recent.pairLookups());
        assertEquals(0, recent.pairHits());
        assertSame(labeler.label(first), r1);

        ChunkLabeler.Result r2 = labeler.label(again, recent);
        assertEquals(400, recent.answerLookups());
        assertEquals(200, recent.answerHits(), "every answer of the second chunk was seen in the first");
        assertEquals(200, recent.pairLookups());
        assertEquals(100, recent.pairHits(), "every pair of the second chunk was seen in the first");
        // What a labeler that saw nothing before gives for the same chunk: computed, not reused.
        ChunkLabeler.Result fresh = labeler.label(again);
        assertSame(fresh, r2);
        assertEquals(100, r2.lines().size());
        // Ties are broken by a coin seeded by the pair id: renumbered pairs are labelled on their own ids.
        assertArrayEquals(again.stream().mapToLong(Pair::id).toArray(), r2.ids());
    }

    /**
     * The positions of a text longer than 128 characters that the memory's slot hash reads
     * ({@code RecentTexts.sample}: its length, 32 characters at each end and 64 spread between).
     */
    private static boolean sampled(int at, int length) {
        int step = (length - 64) / 64;
        return at < 32 || at >= length - 32 || (at >= 32 && (at - 32) % step == 0 && (at - 32) / step < 64);
    }

    /** The text with " hell " written over six characters the slot hash does not read (same length), or null. */
    private static String offensiveWhereTheHashDoesNotLook(String s) {
        for (int at = s.length() / 2; at + 6 < s.length() - 32; at++) {
            boolean free = true;
            for (int k = at; k < at + 6; k++) {
                free &= !sampled(k, s.length());
            }
            if (free) {
                return s.substring(0, at) + " hell " + s.substring(at + 6);
            }
        }
        return null;
    }

    @Test
    void anAnswerChangedWhereTheHashDoesNotLookIsNotTakenForTheOldOne() throws Exception {
        List<Pair> first = hh.subList(400, 500);
        ChunkLabeler.Recent recent = labeler.recent();
        labeler.label(first, recent);
        // Long answers changed where the slot hash does not look (same length, same hash, same slot): an offensive word
        // (moves keyword_offensive) that VADER scores too. Only equals tells them from the answers seen before.
        List<Pair> changed = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            Pair p = first.get(i);
            String b = p.answerB();
            String c = b.length() > 600 && rows.size() < 10 ? offensiveWhereTheHashDoesNotLook(b) : null;
            if (c != null) {
                assertEquals(b.length(), c.length());
                assertNotEquals(b, c);
                b = c;
                rows.add(i);
            }
            changed.add(new Pair(20_001 + i, p.context(), p.answerA(), b, p.gold(), p.split(), p.source(), p.sourceRow(), p.extras()));
        }
        assertEquals(10, rows.size());
        ChunkLabeler.Result reused = labeler.label(changed, recent);
        ChunkLabeler.Result fresh = labeler.label(changed);
        assertSame(fresh, reused);
        // Every unchanged answer was found (100 A's, 90 B's), no changed one; only the unchanged pairs' votes were taken.
        assertEquals(190, recent.answerHits());
        assertEquals(90, recent.pairHits());
        // And the change matters: labelled as the old pairs (their ids), the changed ones get other labels or confidences.
        ChunkLabeler.Result old = labeler.label(renumbered(first, 20_001));
        int differ = 0;
        for (int i : rows) {
            if (old.labels()[i] != fresh.labels()[i] || old.confidence()[i] != fresh.confidence()[i]) {
                differ++;
            }
        }
        assertEquals(10, differ, "changed pairs labelled differently");
    }

    @Test
    void twoTasksLabellingAtOnceWithOneLabelerGiveWhatOneGives() throws Exception {
        // Two tasks, each with its own memory, labelling chunks that repeat earlier ones (as the job's tasks do at once).
        List<List<Pair>> task1 = List.of(hh.subList(0, 300), renumbered(hh.subList(0, 300), 30_001), hh.subList(300, 600),
                renumbered(hh.subList(150, 450), 40_001));
        List<List<Pair>> task2 = List.of(hh.subList(600, 900), renumbered(hh.subList(600, 900), 50_001), hh.subList(900, 1200),
                renumbered(hh.subList(0, 300), 60_001));
        List<ChunkLabeler.Result> alone = new ArrayList<>();
        for (List<Pair> c : task1) {
            alone.add(labeler.label(c));
        }
        for (List<Pair> c : task2) {
            alone.add(labeler.label(c));
        }
        ForkJoinPool p1 = new ForkJoinPool(1);
        ForkJoinPool p2 = new ForkJoinPool(1);
        try {
            ChunkLabeler.Recent m1 = labeler.recent();
            ChunkLabeler.Recent m2 = labeler.recent();
            for (int round = 0; round < 3; round++) {
                Future<List<ChunkLabeler.Result>> f1 = p1.submit(() -> labelAll(task1, m1));
                Future<List<ChunkLabeler.Result>> f2 = p2.submit(() -> labelAll(task2, m2));
                List<ChunkLabeler.Result> both = new ArrayList<>(f1.get());
                both.addAll(f2.get());
                for (int k = 0; k < alone.size(); k++) {
                    assertSame(alone.get(k), both.get(k));
                }
            }
            assertTrue(m1.pairHits() > 0 && m2.pairHits() > 0 && m1.answerHits() > 0 && m2.answerHits() > 0);
        } finally {
            p1.shutdown();
            p2.shutdown();
        }
    }

    private static List<ChunkLabeler.Result> labelAll(List<List<Pair>> chunks, ChunkLabeler.Recent recent) throws Exception {
        List<ChunkLabeler.Result> out = new ArrayList<>();
        for (List<Pair> c : chunks) {
            out.add(labeler.label(c, recent));
        }
        return out;
    }

    @Test
    void whatOneLabelerSawIsNotGivenToAnother() throws Exception {
        ChunkLabeler other = new ChunkLabeler(new WeakExport.Labeler(List.of(), new MajorityVote(), Json.MAPPER.createObjectNode()),
                new WeakExport.Params(WeakExport.Format.TRL, 0, 7, Set.of(Split.TRAIN), TiePolicy.RANDOM));
        assertThrows(IllegalArgumentException.class, () -> other.label(hh.subList(0, 10), labeler.recent()));
        assertNotEquals(0, labeler.label(hh.subList(0, 10)).lines().size());
    }
}
