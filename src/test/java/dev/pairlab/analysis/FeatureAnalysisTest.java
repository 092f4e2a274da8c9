package dev.pairlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
