package dev.pairlab.ui.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Split dialog's form, without a window. */
class SplitViewModelTest {

    @Test
    void startsAtTheRecordsDefaultsAndDescriptions() {
        SplitViewModel m = new SplitViewModel();
        assertEquals(SplitParams.defaults(), m.params().get());
        assertEquals("0.1", m.eval().text().get());
        assertEquals(SplitParams.DESC_LABELED, m.labeled().description());
        assertTrue(m.form().valid().get());
    }

    @Test
    void problemsAreShownBesideTheirFieldsAndTheFormCannotRunMeanwhile() {
        SplitViewModel m = new SplitViewModel();
        m.eval().text().set("2");
        assertFalse(m.form().valid().get());
        assertNull(m.params().get());
        assertEquals("the test share must be a fraction between 0 and 1 (got 2.0)", m.eval().problem().get());
        assertEquals("", m.labeled().problem().get());
        m.seed().text().set("x");
        assertEquals("the seed must be a whole number (got 'x')", m.seed().problem().get());
        m.eval().text().set("0.2");
        m.seed().text().set("7");
        assertTrue(m.form().valid().get());
        assertEquals("", m.eval().problem().get());
        assertEquals(new SplitParams(0.2, 0.02, 0, 7, false), m.params().get());
    }

    @Test
    void aProblemOfSeveralFieldsIsTheFormsOwn() {
        SplitViewModel m = new SplitViewModel();
        m.labeled().text().set("0.7");
        m.dev().text().set("0.5");
        assertFalse(m.form().valid().get());
        assertEquals("the labeled share plus the dev share must not exceed 1 (got 1.2)", m.form().general().get());
        m.byContext().set(true);
        m.dev().text().set("0.1");
        assertEquals(new SplitParams(0.1, 0.7, 0.1, 123, true), m.params().get());
    }

    @Test
    void theCountsAreSaidAsTheCliSaysThem() {
        SplitViewModel m = new SplitViewModel();
        Map<Split, Long> counts = new EnumMap<>(Split.class);
        counts.put(Split.TRAIN, 5L);
        counts.put(Split.POOL, 10L);
        m.done(counts);
        assertEquals("Reassigned: train 5, pool 10 (seed 123); pinned pairs unchanged", m.result().get());
    }
}
