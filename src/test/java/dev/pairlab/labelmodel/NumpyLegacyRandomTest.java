package dev.pairlab.labelmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumpyLegacyRandomTest {

    @Test
    void drawsWhatNumpyDrawsAfterSeeding() {
        // np.random.seed(s); np.random.random() with numpy 2.4.
        assertEquals(0.5488135039273248, new NumpyLegacyRandom(0).nextDouble(), 0);
        assertEquals(0.417022004702574, new NumpyLegacyRandom(1).nextDouble(), 0);
        assertEquals(0.6964691855978616, new NumpyLegacyRandom(123).nextDouble(), 0);
        assertEquals(0.10606490595473272, new NumpyLegacyRandom(124).nextDouble(), 0);
        assertEquals(0.0976320289940138, new NumpyLegacyRandom(4294967295L).nextDouble(), 0);
    }
}
