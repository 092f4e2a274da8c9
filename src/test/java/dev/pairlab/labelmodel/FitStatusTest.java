package dev.pairlab.labelmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.store.LfRecord;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.Pairs;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitStatusTest {

    private static final ModelRecord RUN = new ModelRecord(3, "snorkel", "{}", "labeled",
            "[{\"name\":\"length\",\"id\":1,\"version\":2},{\"name\":\"regex\",\"id\":2,\"version\":1}]", "{}", "{}", "2026-01-02T03:04:05Z");

    private static LfRecord lf(String name, int version, boolean enabled) {
        return new LfRecord(1, name, "feature", "{}", version, enabled, "", "");
    }

    @Test
    void aRunIsCurrentWhileItsLfsAndGoldAreAsFitted() {
        FitStatus s = FitStatus.of(RUN, List.of(lf("length", 2, true), lf("regex", 1, true), lf("off", 4, false)), "g", "g");
        assertFalse(s.stale());
        assertEquals("Label model run 3: snorkel, fitted on labeled at 2026-01-02T03:04:05Z, on 2 LFs (length v2, regex v1); current.", s.summary());
    }

    @Test
    void everyChangeSinceTheFitIsNamed() {
        FitStatus s = FitStatus.of(RUN, List.of(lf("length", 3, true), lf("regex", 1, false), lf("new", 1, true)), "g", "h");
        assertTrue(s.stale());
        assertEquals(List.of("LF length was edited (v2 → v3)", "LF regex was deleted or disabled", "LF new was added or enabled",
                "gold labels were added or changed"), s.changes());
        assertTrue(s.summary().endsWith("Stale: LF length was edited (v2 → v3); LF regex was deleted or disabled; LF new was added or enabled;"
                + " gold labels were added or changed since this fit; fit again."), s.summary());
    }

    @Test
    void aRunWithoutRecordedGoldSaysGoldChangesAreUnknown() {
        FitStatus s = FitStatus.of(RUN, List.of(lf("length", 2, true), lf("regex", 1, true)), null, "h");
        assertFalse(s.stale());
        assertTrue(s.summary().endsWith("(gold changes since are not known for a run this old)."), s.summary());
    }

    @Test
    void theGoldFingerprintChangesWithLabeledPairsOnly() {
        Pairs.Labels before = new Pairs.Labels(new long[] {1, 2, 3}, new byte[] {0, 1, -1}, new byte[] {0, 2, 3});
        Pairs.Labels newPool = new Pairs.Labels(new long[] {1, 2, 3, 4}, new byte[] {0, 1, -1, -1}, new byte[] {0, 2, 3, 3});
        Pairs.Labels relabeled = new Pairs.Labels(new long[] {1, 2, 3}, new byte[] {1, 1, -1}, new byte[] {0, 2, 3});
        Pairs.Labels keyed = new Pairs.Labels(new long[] {1, 2, 3}, new byte[] {0, 1, 0}, new byte[] {0, 2, 0});
        String g = FitStatus.goldFingerprint(before);
        assertEquals(g, FitStatus.goldFingerprint(newPool), "pool pairs added: the gold is as it was");
        assertNotEquals(g, FitStatus.goldFingerprint(relabeled));
        assertNotEquals(g, FitStatus.goldFingerprint(keyed));
    }
}
