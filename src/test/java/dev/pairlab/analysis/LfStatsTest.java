package dev.pairlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.lf.LabelMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snorkel's LFAnalysis numbers on a matrix small enough to count by hand. */
class LfStatsTest {

    // Rows (pairs) 0..5, LFs x, y, z; -1 abstain, 0 = A, 1 = B.
    //        x   y   z   gold
    // r0:    0   0  -1    0     x,y agree (overlap, no conflict)
    // r1:    1   0  -1    1     conflict
    // r2:   -1  -1  -1    1     abstain-all
    // r3:    1  -1   1    0     overlap, no conflict, both wrong
    // r4:   -1   1   0   -1     conflict, gold unknown
    // r5:    0  -1  -1    0     x alone
    static final byte[] X = {0, 1, -1, 1, -1, 0};
    static final byte[] Y = {0, 0, -1, -1, 1, -1};
    static final byte[] Z = {-1, -1, -1, 1, 0, -1};
    static final byte[] GOLD = {0, 1, 1, 0, -1, 0};

    static LabelMatrix matrix() {
        return new LabelMatrix(new long[] {10, 11, 12, 13, 14, 15}, List.of("x", "y", "z"), new byte[][] {X, Y, Z});
    }

    @Test
    void perLfColumnsAsSnorkelComputesThem() {
        LfStats.Report r = LfStats.compute(matrix(), Subsets.all(6), GOLD);
        LfStats.LfSummary x = r.lfs().get(0);
        // x votes on r0, r1, r3, r5 → coverage 4/6; overlaps on r0, r1, r3 → 3/6; conflicts r1 → 1/6.
        assertEquals(4 / 6.0, x.coverage(), 1e-12);
        assertEquals(3 / 6.0, x.overlaps(), 1e-12);
        assertEquals(1 / 6.0, x.conflicts(), 1e-12);
        // correct r0, r1, r5; incorrect r3.
        assertEquals(3, x.correct());
        assertEquals(1, x.incorrect());
        assertEquals(0.75, x.accuracy(), 1e-12);
        assertEquals("[0, 1]", x.polarity());
        LfStats.LfSummary y = r.lfs().get(1);
        // y votes r0, r1, r4 → 3/6; overlaps all three; conflicts r1, r4 → 2/6; correct r0; incorrect r1; r4 has no gold.
        assertEquals(0.5, y.coverage(), 1e-12);
        assertEquals(0.5, y.overlaps(), 1e-12);
        assertEquals(2 / 6.0, y.conflicts(), 1e-12);
        assertEquals(1, y.correct());
        assertEquals(1, y.incorrect());
        LfStats.LfSummary z = r.lfs().get(2);
        assertEquals(2 / 6.0, z.coverage(), 1e-12);
        assertEquals(1 / 6.0, z.conflicts(), 1e-12);
        assertEquals(0, z.correct());
        assertEquals(1, z.incorrect());
        assertEquals(0.0, z.accuracy(), 1e-12);
        LfStats.Totals t = r.totals();
        assertEquals(5 / 6.0, t.coverage(), 1e-12);
        assertEquals(4 / 6.0, t.overlap(), 1e-12);
        assertEquals(2 / 6.0, t.conflict(), 1e-12);
        assertEquals(1, t.abstainAll());
        assertEquals(5, t.labeled());
    }

    @Test
    void aSubsetCountsOnlyItsRows() {
        LfStats.Report r = LfStats.compute(matrix(), new int[] {1, 3}, GOLD);
        LfStats.LfSummary x = r.lfs().get(0);
        assertEquals(1.0, x.coverage(), 1e-12);
        assertEquals(1, x.correct());
        assertEquals(1, x.incorrect());
        assertEquals(0.5, r.lfs().get(1).coverage(), 1e-12);
        assertEquals("[1]", x.polarity());
        assertTrue(Double.isNaN(LfStats.compute(matrix(), new int[] {2}, GOLD).lfs().get(0).accuracy()));
    }

    @Test
    void wrongPairsAreListedById() {
        assertArrayEquals(new long[] {13}, LfStats.wrong(matrix(), 0, Subsets.all(6), GOLD));
        assertArrayEquals(new long[] {11}, LfStats.wrong(matrix(), 1, Subsets.all(6), GOLD));
    }

    @Test
    void lengthMatchedMeansWithinTenPercentOfTheLongerOrFiftyCharacters() {
        assertTrue(LengthSplit.lengthMatched(100, 150));
        assertTrue(!LengthSplit.lengthMatched(100, 151));
        assertTrue(LengthSplit.lengthMatched(1000, 1100));
        assertTrue(!LengthSplit.lengthMatched(1112, 1000));
        assertTrue(LengthSplit.lengthMatched(7, 7));
        assertEquals(0, LengthSplit.ratioBin(100, 124));
        assertEquals(1, LengthSplit.ratioBin(125, 100));
        assertEquals(2, LengthSplit.ratioBin(100, 150));
        assertEquals(3, LengthSplit.ratioBin(100, 200));
        assertEquals(3, LengthSplit.ratioBin(0, 5));
        assertEquals(0, LengthSplit.ratioBin(0, 0));
    }

    @Test
    void lengthBreakdownCountsByHand() {
        //        lengths A, B   gold  vote   groups
        // r0:    100,  105      B     B ok   matched, longer preferred, bin 1-1.25
        // r1:   1000, 1080      A     B no   matched (Δ 80 ≤ 10 % of 1080), longer loses, bin 1-1.25
        // r2:    100,  300      A     A ok   longer loses, bin ≥2
        // r3:    400,  560      B     -      longer preferred, bin 1.25-1.5
        // r4:    200,  200      A     A ok   matched, equal length (neither preferred), bin 1-1.25
        // r5:    300,  500      ?     B      no gold: left out
        // r6:    600, 1000      B     A no   longer preferred, bin 1.5-2
        float[] la = {100, 1000, 100, 400, 200, 300, 600};
        float[] lb = {105, 1080, 300, 560, 200, 500, 1000};
        byte[] gold = {1, 0, 0, 1, 0, -1, 1};
        byte[] votes = {1, 1, 0, -1, 0, 1, 0};
        LengthSplit.Breakdown b = LengthSplit.breakdown(votes, gold, la, lb, Subsets.all(7));
        assertGroup(b.all(), 6, 3, 5, 3, 5);
        assertGroup(b.lengthMatched(), 3, 2, 3, 1, 2);
        assertGroup(b.longerPreferred(), 3, 1, 2, 3, 3);
        assertGroup(b.longerLoses(), 2, 1, 2, 0, 2);
        assertEquals(4, b.ratioBins().size());
        assertGroup(b.ratioBins().get(0), 3, 2, 3, 1, 2);
        assertGroup(b.ratioBins().get(1), 1, 0, 0, 1, 1);
        assertGroup(b.ratioBins().get(2), 1, 0, 1, 1, 1);
        assertGroup(b.ratioBins().get(3), 1, 1, 1, 0, 1);
        assertEquals("ratio_1_1.25", b.ratioBins().get(0).key());
        assertEquals("ratio_ge_2", b.ratioBins().get(3).key());
        assertEquals(0.5, b.balancedAccuracy(), 1e-12);
        // Wilson 95 % for 2 of 3, computed by hand: centre (p + z²/2n)/(1 + z²/n), z = 1.96.
        Intervals.Interval i = b.lengthMatched().votes().interval();
        assertEquals(0.2077, i.low(), 5e-4);
        assertEquals(0.9385, i.high(), 5e-4);
        assertTrue(b.lengthMatched().votes().indistinguishableFromChance());
        assertTrue(!b.ratioBins().get(1).votes().indistinguishableFromChance(), "no votes: nothing to say");
        assertTrue(Double.isNaN(b.ratioBins().get(1).votes().accuracy()));
        // The existing split agrees with the breakdown's two halves.
        LengthSplit s = LengthSplit.ofRows(votes, gold, la, lb, Subsets.all(7));
        assertEquals(b.longerPreferred().votes().accuracy(), s.accuracyLongerPreferred(), 1e-12);
        assertEquals(b.longerLoses().votes().accuracy(), s.accuracyShorterPreferred(), 1e-12);
    }

    private static void assertGroup(LengthSplit.Group g, int pairs, long correct, long voted, long longerWon, long unequal) {
        assertEquals(pairs, g.pairs(), g.key());
        assertEquals(correct, g.votes().correct(), g.key());
        assertEquals(voted, g.votes().voted(), g.key());
        assertEquals(longerWon, g.longerWins().correct(), g.key());
        assertEquals(unequal, g.longerWins().voted(), g.key());
    }
}
