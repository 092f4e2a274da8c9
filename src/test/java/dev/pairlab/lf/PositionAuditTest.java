package dev.pairlab.lf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.pairs.Pair;
import dev.pairlab.task.Cancellation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionAuditTest {

    @Test
    void flipConsistencyPerLfAndThePositionDependentOneIsFlagged() throws Exception {
        List<Pair> pairs = CodeLfTest.pairs(40);
        FeatureTable features = FeatureCache.compute(pairs.stream().mapToLong(Pair::id).toArray(),
                pairs.stream().map(Pair::answerA).toList(), pairs.stream().map(Pair::answerB).toList());
        List<NamedLf> lfs = List.of(
                NamedLf.unsaved("longer", new FeatureRule("length", FeatureRule.Prefer.HIGHER, 0, null)),
                NamedLf.unsaved("symmetric_code", new CodeRule("return p.a().length() > p.b().length() ? A : p.b().length() > p.a().length() ? B : ABSTAIN;")),
                NamedLf.unsaved("always_a", new CodeRule("return A;")),
                // Looks only at answer B: votes A when B says sorry. After the swap it reads the other answer.
                NamedLf.unsaved("sorry_in_b", new CodeRule("return p.b().contains(\"sorry\") ? A : ABSTAIN;")));
        List<PositionAudit.Row> rows = PositionAudit.audit(features, pairs, lfs, Cancellation.none());
        assertEquals(1.0, rows.get(0).share(), 1e-12);
        assertFalse(rows.get(0).positionDependent());
        assertFalse(rows.get(1).positionDependent());
        PositionAudit.Row always = rows.get(2);
        assertTrue(always.positionDependent());
        assertEquals(0, always.consistent()); // it votes A before and after: never the mirror
        assertEquals(pairs.get(0).id(), always.firstInconsistent());
        PositionAudit.Row sorry = rows.get(3);
        assertTrue(sorry.positionDependent());
        long sorryPairs = pairs.stream().filter(p -> p.answerB().contains("sorry")).count(); // ids 1, 12, 23, 34
        assertEquals(4, sorryPairs);
        assertEquals(40 - sorryPairs, sorry.consistent()); // abstains both ways elsewhere
        assertEquals(1 - sorryPairs / 40.0, sorry.share(), 1e-12);
    }
}
