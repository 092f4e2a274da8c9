package dev.pairlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.features.FeatureTable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureAnalysisTest {

    @Test
    void aFeatureWhereTheLowerValueWinsWithLargeGapsIsFound() {
        // 10 pairs; feature "f" for A and B; gold 0 = A preferred.
        // Pairs 0-5: big gap (10), lower value preferred. Pairs 6-9: small gap (1), higher preferred.
        float[] a = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        float[] b = {10, 10, 10, -10, -10, -10, 1, 1, -1, -1};
        byte[] gold = {0, 0, 0, 1, 1, 1, 1, 1, 0, 0};
        FeatureTable t = new FeatureTable(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, List.of("f"), new float[][] {a}, new float[][] {b});
        FeatureAnalysis.Report r = FeatureAnalysis.analyse(t, "f", Subsets.all(10), gold);
        assertEquals(10, r.pairs());
        // Preferred higher on 4 of 10 pairs (6..9).
        assertEquals(0.4, r.preferredHigher(), 1e-12);
        FeatureAnalysis.Point all = r.curve().get(0);
        assertEquals(0.0, all.threshold());
        assertEquals(1.0, all.coverage(), 1e-12);
        assertEquals(0.4, all.accuracy(), 1e-12);
        assertEquals("lower", r.suggestedPrefer());
        // At t = 10 the rule covers the 6 big-gap pairs, all right for "lower": score 0.6 × 1 beats 1.0 × 0.2.
        assertEquals(10.0, r.suggestedThreshold(), 1e-12);
        assertEquals(0.6, r.suggestedCoverage(), 1e-12);
        assertEquals(1.0, r.suggestedAccuracy(), 1e-12);
        assertEquals(10, Arrays.stream(r.deltaHistogram()).sum());
    }

    @Test
    void theSuggestedRuleIsScoredByLengthWithIntervals() {
        // The same 10 pairs, now with lengths: the six big-gap pairs differ a lot in length (the longer
        // one always loses), the four small-gap pairs are length-matched.
        float[] f = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        float[] g = {10, 10, 10, -10, -10, -10, 1, 1, -1, -1};
        float[] la = {100, 100, 100, 500, 500, 500, 300, 300, 300, 300};
        float[] lb = {500, 500, 500, 100, 100, 100, 310, 310, 310, 310};
        byte[] gold = {0, 0, 0, 1, 1, 1, 1, 1, 0, 0};
        FeatureTable t = new FeatureTable(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, List.of("f", "length"), new float[][] {f, la},
                new float[][] {g, lb});
        FeatureAnalysis.Report r = FeatureAnalysis.analyse(t, "f", Subsets.all(10), gold);
        LengthSplit.Breakdown b = FeatureAnalysis.suggestedByLength(t, r, Subsets.all(10), gold);
        // "Prefer lower, abstain if |Δ| < 10" votes on the six big-gap pairs and is right on all.
        assertEquals(r.suggestedAccuracy(), b.all().votes().accuracy(), 1e-12);
        assertEquals(6, b.all().votes().voted());
        assertEquals(6, b.longerLoses().votes().voted());
        assertEquals(0, b.lengthMatched().votes().voted());
        assertEquals(4, b.lengthMatched().pairs());
        // 6 of 6: Wilson's lower bound (z = 1.96) is 0.610, so it is better than chance; but it never votes on matched pairs.
        assertEquals(0.610, b.all().votes().interval().low(), 1e-3);
        assertEquals("better than chance; on length-matched pairs no votes", b.verdict());
        // "Prefer higher with no threshold" is right on 4 of 10: not distinguishable from chance.
        LengthSplit.Breakdown loose = FeatureAnalysis.byLength(t, "f", Subsets.all(10), gold, true, 0);
        assertEquals(0.4, loose.all().votes().accuracy(), 1e-12);
        assertTrue(loose.all().votes().indistinguishableFromChance());
        assertTrue(loose.verdict().startsWith("not distinguishable from chance"), loose.verdict());
        assertEquals(1.0, loose.lengthMatched().votes().accuracy(), 1e-12); // the four small-gap pairs: higher preferred
    }
}
