package dev.pairlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.lf.LabelMatrix;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agreement, label-next ranking, version diff and length split on matrices small enough to count by hand. */
class InsightToolsTest {

    // The LfStatsTest matrix: rows r0..r5 (ids 10..15), LFs x, y, z.
    //        x   y   z   gold
    // r0:    0   0  -1    0
    // r1:    1   0  -1    1
    // r2:   -1  -1  -1    1
    // r3:    1  -1   1    0
    // r4:   -1   1   0   -1
    // r5:    0  -1  -1    0
    private static final LabelMatrix M = LfStatsTest.matrix();

    @Test
    void agreementOverlapConflictAndCorrelation() {
        LfAgreement.Report r = LfAgreement.compute(M, Subsets.all(6));
        LfAgreement.Cell xy = r.cells()[0][1];
        assertEquals(2, xy.overlap()); // r0 agree, r1 differ
        assertEquals(0.5, xy.agreement(), 1e-12);
        assertEquals(1 / 6.0, xy.conflict(), 1e-12);
        assertEquals(0.0, xy.correlation(), 1e-12); // codes x = (-1,1,0,1,0,-1), y = (-1,-1,0,0,1,0)
        LfAgreement.Cell xz = r.cells()[0][2];
        assertEquals(1, xz.overlap()); // r3, both B
        assertEquals(1.0, xz.agreement(), 1e-12);
        assertEquals(0.0, xz.conflict(), 1e-12);
        assertEquals(1 / Math.sqrt(8), xz.correlation(), 1e-12); // cov 1/6, var 4/6 and 2/6
        LfAgreement.Cell yz = r.cells()[1][2];
        assertEquals(1, yz.overlap());
        assertEquals(0.0, yz.agreement(), 1e-12);
        assertEquals(1 / 6.0, yz.conflict(), 1e-12);
        assertEquals(yz.agreement(), r.cells()[2][1].agreement(), 1e-12);
        assertTrue(r.nearDuplicates().isEmpty(), "overlaps of 1–2 pairs are too small to flag");
        assertArrayEquals(new long[] {11}, LfAgreement.conflicting(M, 0, 1, Subsets.all(6)));
    }

    /** Two LFs agreeing on {@code agree} of {@code overlap} shared rows. */
    private static LabelMatrix pairOfLfs(int overlap, int agree) {
        byte[] a = new byte[overlap];
        byte[] b = new byte[overlap];
        for (int i = 0; i < overlap; i++) {
            a[i] = (byte) (i % 2);
            b[i] = i < agree ? a[i] : (byte) (1 - a[i]);
        }
        long[] ids = new long[overlap];
        Arrays.setAll(ids, i -> i + 1);
        return new LabelMatrix(ids, List.of("a", "b"), new byte[][] {a, b});
    }

    @Test
    void nearDuplicatesNeedAgreementOf95PercentOnTwentySharedPairs() {
        assertEquals(1, LfAgreement.compute(pairOfLfs(20, 19), Subsets.all(20)).nearDuplicates().size()); // 0.95, 20
        assertEquals(0, LfAgreement.compute(pairOfLfs(20, 18), Subsets.all(20)).nearDuplicates().size()); // 0.90
        assertEquals(0, LfAgreement.compute(pairOfLfs(19, 19), Subsets.all(19)).nearDuplicates().size()); // 19 shared
        int[] dup = LfAgreement.compute(pairOfLfs(40, 39), Subsets.all(40)).nearDuplicates().get(0);
        assertArrayEquals(new int[] {0, 1}, dup);
    }

    @Test
    void voteEntropyRanksEvenSplitsFirstAndMoreVotesBeforeFewer() {
        assertEquals(1.0, LabelNext.conflict(M, 1), 1e-12); // x B, y A
        assertEquals(0.0, LabelNext.conflict(M, 3), 1e-12); // x B, z B
        assertEquals(0.0, LabelNext.conflict(M, 2), 1e-12); // nobody votes
        LabelMatrix three = new LabelMatrix(new long[] {1, 2}, List.of("p", "q", "r"),
                new byte[][] {{0, 0}, {0, 1}, {1, -1}});
        assertEquals(-(2 / 3.0 * Math.log(2 / 3.0) + 1 / 3.0 * Math.log(1 / 3.0)) / Math.log(2), LabelNext.conflict(three, 0), 1e-12);
        // A 2–2 split with four votes outranks a 1–1 split with two.
        LabelMatrix four = new LabelMatrix(new long[] {1, 2}, List.of("p", "q", "r", "s"),
                new byte[][] {{0, 0}, {1, 1}, {0, -1}, {1, -1}});
        LabelNext.Ranked[] top = LabelNext.rank(four, Subsets.all(2), null, null, LabelNext.By.CONFLICT, 2);
        assertEquals(1, top[0].id());
        assertEquals(4, top[0].votes());
        LabelNext.Ranked[] c = LabelNext.rank(M, Subsets.all(6), null, null, LabelNext.By.CONFLICT, 3);
        assertArrayEquals(new long[] {11, 14, 10}, Arrays.stream(c).mapToLong(LabelNext.Ranked::id).toArray());
    }

    @Test
    void modelAndCombinedRankings() {
        double[] p = {0.5, 0.875, 0.625, 0.5625, 0.125, 0.25}; // uncertainty 1, .25, .75, .875, .25, .5
        LabelNext.Ranked[] m = LabelNext.rank(M, Subsets.all(6), p, null, LabelNext.By.MODEL, 6);
        assertArrayEquals(new long[] {10, 13, 12, 15, 11, 14}, Arrays.stream(m).mapToLong(LabelNext.Ranked::id).toArray());
        assertEquals(0.875, m[1].score(), 1e-12);
        // Combined without a reward model: ½ conflict + ½ model → .5, .625, .375, .4375, .625, .25.
        LabelNext.Ranked[] c = LabelNext.rank(M, Subsets.all(6), p, null, LabelNext.By.COMBINED, 6);
        assertArrayEquals(new long[] {11, 14, 10, 13, 12, 15}, Arrays.stream(c).mapToLong(LabelNext.Ranked::id).toArray());
        assertEquals(0.625, c[0].score(), 1e-12);
        // With a reward model that is sure of pair 14 (σ = 1) and unsure of the rest.
        double[] rm = {0.5, 0.5, 0.5, 0.5, 1.0, 0.5};
        LabelNext.Ranked[] r = LabelNext.rank(M, Subsets.all(6), p, rm, LabelNext.By.COMBINED, 2);
        assertEquals(11, r[0].id()); // .4 + .1 + .2 = .7
        assertEquals(0.4 * 1 + 0.4 * 0.25 + 0.2 * 1, r[0].score(), 1e-12);
        assertEquals(10, r[1].id()); // 0 + .4 + .2 = .6; pair 14 drops to .5
        // Only the pool rows are ranked.
        LabelNext.Ranked[] pool = LabelNext.rank(M, new int[] {2, 5}, p, null, LabelNext.By.MODEL, 10);
        assertEquals(2, pool.length);
        assertEquals(12, pool[0].id());
        assertThrows(IllegalArgumentException.class, () -> LabelNext.rank(M, Subsets.all(6), null, null, LabelNext.By.MODEL, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelNext.By.parse("loudest"));
    }

    @Test
    void fixedBrokenAndUnknownBetweenTwoVersions() {
        byte[] before = {0, 1, -1, 1, -1, 0};
        byte[] after = {0, 0, 1, -1, 0, 1};
        byte[] gold = {0, 1, 1, 0, -1, 0};
        VoteDiff d = VoteDiff.of(before, after, gold, new long[] {10, 11, 12, 13, 14, 15}, Subsets.all(6));
        assertEquals(5, d.changed());
        assertArrayEquals(new long[] {12, 13}, d.fixed()); // abstain → right, wrong → abstain
        assertArrayEquals(new long[] {11, 15}, d.broken()); // right → wrong twice
        assertArrayEquals(new long[] {14}, d.unknown());
        assertEquals("2 fixed, 2 broken, 1 without gold", d.summary());
        VoteDiff some = VoteDiff.of(before, after, gold, new long[] {10, 11, 12, 13, 14, 15}, new int[] {0, 1});
        assertEquals(1, some.changed());
        assertEquals("no vote changed", VoteDiff.of(before, before, gold, new long[6], Subsets.all(6)).summary());
    }

    @Test
    void lengthSplitAccuracies() {
        byte[] predicted = {1, 1, 0, 0, 1, 0, -1, 1};
        byte[] gold = {1, 0, 0, 1, 1, 0, 1, -1};
        float[] la = {10, 30, 5, 40, 40, 10, 10, 10};
        float[] lb = {20, 20, 50, 10, 10, 10, 30, 30};
        LengthSplit s = LengthSplit.of(predicted, gold, la, lb);
        assertEquals(3, s.longerPreferred()); // rows 0, 1, 6
        assertEquals(3, s.shorterPreferred()); // rows 2, 3, 4; row 5 equal lengths, row 7 no gold
        assertEquals(0.5, s.accuracyLongerPreferred(), 1e-12); // row 6 abstains
        assertEquals(2 / 3.0, s.accuracyShorterPreferred(), 1e-12);
        assertEquals(7 / 12.0, s.balancedAccuracy(), 1e-12);
        assertEquals(3 / 5.0, s.overallAccuracy(), 1e-12);
        assertEquals(0.5, s.longerWinsBaseline(), 1e-12);
    }
}
