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
                "mt-bench", List.of("gold", "gold+weak", "gold+weak:semi:balanced:lenctl"), 0.7, RewardConfig.features().withEpochs(2));
        Path out = dir.resolve("exp");
        List<Experiment.Row> rows = Experiment.run(params, out, ProgressListener.NONE, Cancellation.none());
        assertEquals(6, rows.size());
        for (Experiment.Row r : rows) {
            assertEquals(386, r.testPairs());
            assertTrue(r.rmAccuracy() > 0.4 && r.rmAccuracy() <= 1.0, r.toString());
            // 263 of the 385 test pairs of unequal length prefer the longer answer.
            assertEquals((263 * r.rmLongerPreferred() + 122 * r.rmShorterPreferred()) / 385, r.rmAccuracy(), 2.0 / 386, r.toString());
            if (r.variant().equals("gold")) {
                assertEquals(0, r.weakPairs());
            } else if (r.variant().equals("gold+weak")) {
                assertEquals(898 - r.goldPairs(), r.weakPairs(), "all pool pairs get a weak label (ties broken at random)");
            } else {
                assertTrue(r.weakPairs() < 898 - r.goldPairs(), "balancing drops weak pairs: " + r);
            }
        }
        assertEquals(45, rows.get(0).goldPairs(), "5% of 898");
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(7, csv.size());
        // Per-pair outcomes: one length row per seed and one outcome row per cell, one character per test pair.
        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals(1 + 2 + 6, predictions.size());
        String lengths = predictions.get(1).split(",")[3];
        assertEquals(386, lengths.length());
        assertEquals(263, lengths.chars().filter(c -> c == 'L').count(), "263 test pairs prefer the longer answer");
        for (String line : predictions.subList(1, predictions.size())) {
            String[] f = line.split(",");
            if (!f[2].equals(Experiment.LENGTH_ROW)) {
                Experiment.Row row = rows.stream().filter(r -> Experiment.trim(r.labeled()).equals(f[0]) && r.variant().equals(f[2])).findFirst().orElseThrow();
                assertEquals(row.rmAccuracy(), f[3].chars().filter(c -> c == '1').count() / 386.0, 1e-9, "outcomes agree with the row");
            }
        }
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| 0.05 | 'longer wins' | 0.683 [") && md.contains("| 0.2 | gold+weak:semi:balanced:lenctl |"), md);
        assertTrue(md.contains("length-balanced") && md.contains("Δ accuracy vs gold"), md);
        BufferedImage png = ImageIO.read(out.resolve("plot.png").toFile());
        assertEquals(1720, png.getWidth(), "two panels: plain and length-balanced accuracy");
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
                params.reward().withLengthTerm(RewardConfig.Length.LEARNED, -1));
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
    void thePairedBootstrapMatchesHandComputedValuesAndPairsTheDifference() {
        // One seed, four test pairs: L L S S. "gold" right on pairs 0,1 (both longer-preferred), "weak" right on 0,1,2.
        byte[] longer = {1, 1, 0, 0};
        PairedBootstrap.Seed seed = new PairedBootstrap.Seed(longer, java.util.Map.of("gold", new boolean[] {true, true, false, false},
                "weak", new boolean[] {true, true, true, false}));
        PairedBootstrap.Result r = PairedBootstrap.estimate(List.of(seed), List.of("gold", "weak"), "gold", 1);
        assertEquals(0.5, r.variants().get("gold").accuracy().value(), 1e-12);
        assertEquals(0.5, r.variants().get("gold").balanced().value(), 1e-12, "(1 + 0) / 2: a length-only ranking");
        assertEquals(0.75, r.variants().get("weak").balanced().value(), 1e-12, "(1 + 0.5) / 2");
        assertEquals(0.25, r.variants().get("weak").accuracyGain().value(), 1e-12);
        assertEquals(0.5, r.longerWins().value(), 1e-12);
        // weak is never worse than gold on any pair, so no resample can show a loss.
        assertTrue(r.variants().get("weak").accuracyGain().low() >= 0, r.toString());
        PairedBootstrap.Estimate acc = r.variants().get("weak").accuracy();
        assertTrue(acc.low() < 0.75 && acc.high() > 0.75 && acc.low() >= 0 && acc.high() <= 1, acc.toString());
    }

    @Test
    void variantsAreParsedWithTheirModifiersAndNonsenseIsRefused() {
        ExperimentVariant v = ExperimentVariant.parse("gold+weak:semi:balanced");
        assertEquals("gold+weak", v.base());
        assertEquals("dawid-skene-semi", v.labelModel());
        assertTrue(v.balanced() && !v.lengthControl());
        assertEquals("snorkel", ExperimentVariant.parse("gold+weak").labelModel());
        assertThrows(IllegalArgumentException.class, () -> ExperimentVariant.parse("gold:balanced"));
        assertThrows(IllegalArgumentException.class, () -> ExperimentVariant.parse("gold+weak:semi:gold-prior"));
        assertThrows(IllegalArgumentException.class, () -> ExperimentVariant.parse("gold+weak:fast"));
        assertThrows(IllegalArgumentException.class, () -> ExperimentVariant.parse("weak"));
    }

    @Test
    void theBalancedVariantsWeakPartIsAsOftenLongerChosenAsTheLabeledPairs() throws Exception {
        // 20 labeled pairs, 10 of them (of unequal length) longer-chosen; 100 weak pairs, 80 longer-chosen and 20 shorter.
        int n = 120;
        float[] la = new float[n];
        float[] lb = new float[n];
        byte[] gold = new byte[n];
        int[] train = IntStream.range(0, 20).toArray();
        int[] pool = IntStream.range(20, n).toArray();
        byte[] hard = new byte[pool.length];
        for (int i = 0; i < n; i++) {
            la[i] = 10;
            lb[i] = 20; // B is always the longer answer
            gold[i] = (byte) (i < 20 ? i % 2 : 0);
        }
        for (int k = 0; k < pool.length; k++) {
            hard[k] = (byte) (k < 80 ? 1 : 0);
        }
        boolean[] keep = new boolean[pool.length];
        java.util.Arrays.fill(keep, true);
        keep[0] = false; // already filtered out: stays out
        boolean[] kept = Experiment.balanceLongerShare(keep, pool, hard, train, gold, la, lb, 123);
        long longer = IntStream.range(0, pool.length).filter(k -> kept[k] && hard[k] == 1).count();
        long shorter = IntStream.range(0, pool.length).filter(k -> kept[k] && hard[k] == 0).count();
        assertEquals(20, shorter, "the under-represented side is kept whole");
        assertEquals(20, longer, "0.5 like the labeled pairs");
        assertTrue(!kept[0]);
    }

    @Test
    void meanAndSampleStandardDeviation() {
        ExperimentReport.Stat s = ExperimentReport.Stat.of(List.of(0.6, 0.7, 0.8));
        assertEquals(0.7, s.mean(), 1e-12);
        assertEquals(0.1, s.std(), 1e-12);
        assertEquals("0.700 ± 0.100", s.text());
    }
}
