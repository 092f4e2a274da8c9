package dev.pairlab.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {

    @TempDir
    Path dir;

    @Test
    void aSmallExperimentWritesTableAndPlotAndResumes() throws Exception {
        Experiment.Params params = new Experiment.Params(TestData.mtBenchTrain(), TestData.mtBenchEval(), 0.1, List.of(0.05, 0.2), 1,
                "mt-bench", List.of("gold", "gold+weak"), 0.7, RewardConfig.features().withEpochs(2));
        Path out = dir.resolve("exp");
        List<Experiment.Row> rows = Experiment.run(params, out, ProgressListener.NONE, Cancellation.none());
        assertEquals(4, rows.size());
        for (Experiment.Row r : rows) {
            assertEquals(386, r.testPairs());
            assertTrue(r.rmAccuracy() > 0.4 && r.rmAccuracy() <= 1.0, r.toString());
            // 263 of the 385 test pairs of unequal length prefer the longer answer.
            assertEquals((263 * r.rmLongerPreferred() + 122 * r.rmShorterPreferred()) / 385, r.rmAccuracy(), 2.0 / 386, r.toString());
            if (r.variant().equals("gold")) {
                assertEquals(0, r.weakPairs());
            } else {
                assertEquals(898 - r.goldPairs(), r.weakPairs(), "all pool pairs get a weak label (ties broken at random)");
            }
        }
        assertEquals(45, rows.get(0).goldPairs(), "5% of 898");
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(5, csv.size());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| 0.05 |") && md.contains("| 0.2 |") && md.contains("gold+weak"), md);
        assertTrue(md.contains("Length-controlled") && md.contains("gold+weak balanced"), md);
        BufferedImage png = ImageIO.read(out.resolve("plot.png").toFile());
        assertEquals(900, png.getWidth());
        long[] before = {Files.getLastModifiedTime(out.resolve("results.csv")).toMillis()};
        long t0 = System.nanoTime();
        List<Experiment.Row> again = Experiment.run(params, out, ProgressListener.NONE, Cancellation.none());
        assertEquals(rows.size(), again.size());
        assertEquals(csv, Files.readAllLines(out.resolve("results.csv")), "nothing retrained on resume");
        assertTrue(before[0] > 0 && (System.nanoTime() - t0) / 1e9 < 30);
        // A folder written before reward models had a length term resumes as the same experiment.
        com.fasterxml.jackson.databind.node.ObjectNode saved = (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.pairlab.pairs.Json.MAPPER.readTree(out.resolve("experiment.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) saved.get("reward")).remove(List.of("lengthTerm", "lengthDecorrelation"));
        Files.writeString(out.resolve("experiment.json"), saved.toPrettyString());
        assertEquals(rows.size(), Experiment.run(params, out, ProgressListener.NONE, Cancellation.none()).size());
        Experiment.Params controlled = new Experiment.Params(params.dataset(), params.evalFile(), params.evalFraction(), params.labeled(),
                params.seeds(), params.preset(), params.variants(), params.threshold(),
                params.reward().withLengthTerm(RewardConfig.LENGTH_LEARNED, -1));
        assertThrows(BadInputException.class, () -> Experiment.run(controlled, out, ProgressListener.NONE, Cancellation.none()),
                "a length-controlled experiment is another experiment");
        Experiment.Params other = new Experiment.Params(TestData.mtBenchTrain(), TestData.mtBenchEval(), 0.1, List.of(0.5), 1,
                "mt-bench", List.of("gold"), 0.7, RewardConfig.features().withEpochs(2));
        assertThrows(BadInputException.class, () -> Experiment.run(other, out, ProgressListener.NONE, Cancellation.none()));
    }

    @Test
    void splitsPartitionTheDataBySeed() {
        int[][] s = Experiment.split(1000, 0, 0.1, 0.02, 123);
        assertEquals(100, s[0].length);
        assertEquals(18, s[1].length);
        assertEquals(882, s[2].length);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s[0]), Arrays.stream(s[1])), Arrays.stream(s[2])).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 1000).toArray(), all);
        assertArrayEquals(s[1], Experiment.split(1000, 0, 0.1, 0.02, 123)[1]);
        int[][] fixed = Experiment.split(898, 386, 0.1, 0.1, 1);
        assertEquals(386, fixed[0].length);
        assertEquals(898, fixed[0][0]);
        assertEquals(90, fixed[1].length);
    }

    @Test
    void meanAndSampleStandardDeviation() {
        ExperimentReport.Stat s = ExperimentReport.Stat.of(List.of(0.6, 0.7, 0.8));
        assertEquals(0.7, s.mean(), 1e-12);
        assertEquals(0.1, s.std(), 1e-12);
        assertEquals("0.700 ± 0.100", s.text());
    }
}
