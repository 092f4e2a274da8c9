package dev.pairlab.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveCurveTest {

    @TempDir
    Path dir;

    @Test
    void picksAreNestedPoolRowsInTheStrategysOrder() {
        // Rows 0..5; pool = rows 1..5. Row 1 splits 1–1; row 2 has two agreeing votes; rows 3–5 one vote each.
        LabelMatrix m = new LabelMatrix(new long[] {1, 2, 3, 4, 5, 6}, List.of("x", "y"),
                new byte[][] {{0, 0, 1, 1, -1, 0}, {0, 1, 1, -1, 0, -1}});
        int[] pool = {1, 2, 3, 4, 5};
        double[] p = {0.5, 0.9, 0.6, 0.55, 0.95, 0.7};
        assertArrayEquals(new int[] {1, 2}, ActiveCurve.pick("conflict", m, pool, p, null, 2, 1));
        assertArrayEquals(new int[] {3, 2, 5}, ActiveCurve.pick("model", m, pool, p, null, 3, 1));
        int[] random = ActiveCurve.pick("random", m, pool, p, null, 5, 1);
        int[] sorted = random.clone();
        Arrays.sort(sorted);
        assertArrayEquals(pool, sorted, "random picks are a permutation of the pool");
        assertArrayEquals(Arrays.copyOf(random, 2), ActiveCurve.pick("random", m, pool, p, null, 2, 1), "nested");
        assertNotEquals(Arrays.toString(random), Arrays.toString(ActiveCurve.pick("random", m, pool, p, null, 5, 2)));
    }

    @Test
    void aSmallCurveWritesCsvTableAndPlots() throws Exception {
        ActiveCurve.Params params = new ActiveCurve.Params(TestData.mtBenchTrain(), TestData.mtBenchEval(), 0.1, List.of(0, 20), 1,
                "mt-bench", RewardConfig.features().withEpochs(2));
        List<ActiveCurve.Row> rows = ActiveCurve.run(params, dir, ProgressListener.NONE, Cancellation.none());
        assertEquals(2 * ActiveCurve.STRATEGIES.size(), rows.size());
        List<ActiveCurve.Row> zero = rows.stream().filter(r -> r.budget() == 0).toList();
        assertEquals(ActiveCurve.STRATEGIES.size(), zero.size());
        assertTrue(zero.stream().allMatch(r -> r.rmAccuracy() == zero.get(0).rmAccuracy()), "one zero-label state for all strategies");
        for (ActiveCurve.Row r : rows) {
            assertEquals(386, r.testPairs());
            assertTrue(r.labelModelAccuracy() > 0.5 && r.rmAccuracy() > 0.5, r.toString());
        }
        assertEquals(1 + rows.size(), Files.readAllLines(dir.resolve("active.csv")).size());
        String md = Files.readString(dir.resolve("active.md"));
        assertTrue(md.contains("| 20 |") && md.contains("RM combined"), md);
        assertEquals(900, ImageIO.read(dir.resolve("active-rm.png").toFile()).getWidth());
        assertEquals(900, ImageIO.read(dir.resolve("active-lm.png").toFile()).getWidth());
    }
}
