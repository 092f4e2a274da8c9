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
}
