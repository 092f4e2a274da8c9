package dev.pairlab.labelmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.Presets;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.store.Splitter;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeakExportTest {

    @TempDir
    Path dir;

    private Project project() throws Exception {
        Project p = Project.create(dir.resolve("ub.pairlab"));
        ProjectFixture.importFile(p, TestData.ub2(), ImportOptions.defaults());
        Splitter.split(p, new SplitParams(0.1, 0.1, 0, 123, false), ProgressListener.NONE, Cancellation.none());
        for (Map.Entry<String, LfDefinition> e : Presets.get("ub").entrySet()) {
            Lfs.save(p, e.getKey(), e.getValue().kind(), e.getValue().toJson().toString());
        }
        return p;
    }

    @Test
    void trlExportHasGoldPlusWeakPoolAndTheManifestReproducesItByteForByte() throws Exception {
        Path out = dir.resolve("train.jsonl");
        Path again = dir.resolve("again.jsonl");
        try (Project p = project()) {
            assertThrows(LfException.class, () -> WeakExport.fromProject(p, 0), "no model yet");
            ModelFitting.fit(p, FitParams.paper(dev.pairlab.labelmodel.LabelModelType.SNORKEL), ProgressListener.NONE, Cancellation.none());
            WeakExport.Params params = new WeakExport.Params(WeakExport.Format.TRL, 0, 7, EnumSet.of(Split.TRAIN), TiePolicy.RANDOM);
            WeakExport.Report r = WeakExport.run(p, WeakExport.fromProject(p, 0), params, dev.pairlab.pairs.OutputFile.of(out, false), ProgressListener.NONE, Cancellation.none());
            // 968 pairs: 97 test; of 871, 87 train; 784 pool, all kept at threshold 0.
            assertEquals(87, r.gold());
            assertEquals(784, r.weak());
            assertEquals(784, r.pool());
            assertTrue(r.weakAccuracy() > 0.5 && r.weakAccuracy() < 0.8, "weak accuracy " + r.weakAccuracy());
            List<String> lines = Files.readAllLines(out);
            assertEquals(871, lines.size());
            Set<String> prompts = new HashSet<>();
            int weak = 0;
            for (String line : lines) {
                JsonNode n = Json.MAPPER.readTree(line);
                assertTrue(n.get("prompt").isTextual() && n.get("chosen").isTextual() && n.get("rejected").isTextual(), line);
                assertTrue(n.get("weak").isBoolean());
                double c = n.get("confidence").asDouble();
                assertTrue(c >= 0.5 && c <= 1.0);
                if (n.get("weak").asBoolean()) {
                    weak++;
                } else {
                    assertEquals(1.0, c);
                }
                prompts.add(n.get("prompt").asText());
            }
            assertEquals(784, weak);
            long goldInFirst87 = lines.subList(0, 87).stream().filter(l -> l.contains("\"weak\":false")).count();
            assertTrue(goldInFirst87 > 0 && goldInFirst87 < 40, "gold rows are shuffled in, not first: " + goldInFirst87);
            JsonNode manifest = Json.MAPPER.readTree(Files.readString(r.manifest()));
            assertEquals(6, manifest.get("lfs").size());
            assertEquals(r.sha256(), manifest.get("output").get("sha256").asText());
            assertEquals(871, manifest.get("counts").get("total").asInt());
            WeakExport.Report rerun = WeakExport.run(p, WeakExport.fromManifest(manifest), WeakExport.paramsOf(manifest), dev.pairlab.pairs.OutputFile.of(again, false),
                    ProgressListener.NONE, Cancellation.none());
            assertEquals(r.sha256(), rerun.sha256());
            assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
        }
    }

    @Test
    void aThresholdKeepsOnlyConfidentPoolPairsAndOtherFormatsWork() throws Exception {
        try (Project p = project()) {
            ModelFitting.fit(p, FitParams.paper(dev.pairlab.labelmodel.LabelModelType.SNORKEL), ProgressListener.NONE, Cancellation.none());
            WeakExport.Labeler labeler = WeakExport.fromProject(p, 0);
            WeakExport.Report all = WeakExport.run(p, labeler, new WeakExport.Params(WeakExport.Format.ANSWER_LABEL, 0, 1, EnumSet.of(Split.TRAIN),
                    TiePolicy.RANDOM), dev.pairlab.pairs.OutputFile.of(dir.resolve("a.jsonl"), false), ProgressListener.NONE, Cancellation.none());
            WeakExport.Report confident = WeakExport.run(p, labeler, new WeakExport.Params(WeakExport.Format.CSV, 0.9, 1, EnumSet.of(Split.TRAIN),
                    TiePolicy.RANDOM), dev.pairlab.pairs.OutputFile.of(dir.resolve("c.csv"), false), ProgressListener.NONE, Cancellation.none());
            assertTrue(confident.weak() < all.weak(), confident.weak() + " vs " + all.weak());
            assertEquals(all.pool(), confident.weak() + confident.belowThreshold());
            List<String> csv = Files.readAllLines(dir.resolve("c.csv"));
            assertEquals("id,split,context,answer_a,answer_b,label,source,source_row,\"weak\",\"confidence\"", csv.get(0));
            JsonNode first = Json.MAPPER.readTree(Files.readAllLines(dir.resolve("a.jsonl")).get(0));
            assertTrue(first.get("label").isInt() && first.has("answer_0") && first.has("weak"));
            // Changing an LF invalidates the fitted model for export.
            Lfs.setEnabled(p, "regex", false);
            assertThrows(LfException.class, () -> WeakExport.fromProject(p, 0));
        }
    }

    /** {weight of weak (or gold) pairs choosing the longer answer, of those choosing the shorter}, from the written TRL file. */
    private static double[] longerShorter(Path trl, boolean weak) throws Exception {
        double[] ls = new double[2];
        for (String line : Files.readAllLines(trl)) {
            JsonNode n = Json.MAPPER.readTree(line);
            if (n.get("weak").asBoolean() != weak) {
                continue;
            }
            String c = n.get("chosen").asText();
            String r = n.get("rejected").asText();
            int lc = c.codePointCount(0, c.length());
            int lr = r.codePointCount(0, r.length());
            double w = n.has("weight") ? n.get("weight").asDouble() : 1.0;
            if (lc != lr) {
                ls[lc > lr ? 0 : 1] += w;
            }
        }
        return ls;
    }

    @Test
    void lengthBalancedExportsReachTheirTargetSayItInTheManifestAndReproduceByteForByte() throws Exception {
        try (Project p = project()) {
            ModelFitting.fit(p, FitParams.paper(dev.pairlab.labelmodel.LabelModelType.SNORKEL), ProgressListener.NONE, Cancellation.none());
            WeakExport.Labeler labeler = WeakExport.fromProject(p, 0);

            // Subsampling to the gold pairs' share: within one pair of it.
            Path sub = dir.resolve("sub.jsonl");
            WeakExport.Report r = WeakExport.run(p, labeler, new WeakExport.Params(WeakExport.Format.TRL, 0, 7, EnumSet.of(Split.TRAIN), TiePolicy.RANDOM,
                    new LengthBalance(LengthBalance.Method.SUBSAMPLE, Double.NaN)), dev.pairlab.pairs.OutputFile.of(sub, false),
                    ProgressListener.NONE, Cancellation.none());
            double[] gold = longerShorter(sub, false);
            double target = gold[0] / (gold[0] + gold[1]);
            double[] weak = longerShorter(sub, true);
            assertTrue(Math.abs(weak[0] - target * (weak[0] + weak[1])) <= 1, weak[0] + " longer of " + (weak[0] + weak[1]) + ", target " + target);
            // The label model picked the longer answer far more often than people did: balancing had work to do.
            assertTrue(r.length().shareBefore() > target + 0.2, r.length().shareBefore() + " vs " + target);
            assertEquals(784, r.pool());
            assertEquals(r.pool() - r.length().dropped(), r.weak());
            assertTrue(r.length().dropped() > 0);
            JsonNode m = Json.MAPPER.readTree(Files.readString(r.manifest()));
            JsonNode lb = m.get("length_balance");
            assertEquals("subsample", lb.get("method").asText());
            assertEquals("labeled", lb.get("target").asText());
            assertEquals(target, lb.get("target_share").asDouble(), 1e-12);
            assertEquals(weak[0] / (weak[0] + weak[1]), lb.get("weak_share_after").asDouble(), 1e-12);
            assertEquals(r.length().shareBefore(), lb.get("weak_share_before").asDouble(), 1e-12);
            assertEquals(r.length().dropped(), lb.get("dropped").asLong());
            assertTrue(!lb.get("weights_present").asBoolean());
            assertEquals("labeled", m.get("export").get("length_balance").get("target").asText());
            Path subAgain = dir.resolve("sub-again.jsonl");
            WeakExport.run(p, WeakExport.fromManifest(m), WeakExport.paramsOf(m), dev.pairlab.pairs.OutputFile.of(subAgain, false),
                    ProgressListener.NONE, Cancellation.none());
            assertArrayEquals(Files.readAllBytes(sub), Files.readAllBytes(subAgain));

            // Weights to 0.5: every weak pair kept, the weighted share exactly 0.5; gold rows weigh 1.
            Path weighted = dir.resolve("weighted.jsonl");
            WeakExport.Report w = WeakExport.run(p, labeler, new WeakExport.Params(WeakExport.Format.TRL, 0, 7, EnumSet.of(Split.TRAIN), TiePolicy.RANDOM,
                    LengthBalance.parse("0.5", "weights")), dev.pairlab.pairs.OutputFile.of(weighted, false), ProgressListener.NONE,
                    Cancellation.none());
            assertEquals(784, w.weak());
            assertEquals(0, w.length().dropped());
            double[] ww = longerShorter(weighted, true);
            assertEquals(0.5, ww[0] / (ww[0] + ww[1]), 1e-12);
            assertEquals(w.length().shareBefore(), r.length().shareBefore(), 1e-12);
            for (String line : Files.readAllLines(weighted)) {
                JsonNode n = Json.MAPPER.readTree(line);
                assertTrue(n.get("weight").isNumber(), line);
                if (!n.get("weak").asBoolean()) {
                    assertEquals(1.0, n.get("weight").asDouble());
                }
            }
            JsonNode mw = Json.MAPPER.readTree(Files.readString(w.manifest()));
            assertTrue(mw.get("length_balance").get("weights_present").asBoolean());
            assertEquals("weight", mw.get("length_balance").get("weights").get("field").asText());
            assertEquals(0.5, mw.get("length_balance").get("weak_share_after").asDouble(), 1e-12);
            Path wAgain = dir.resolve("weighted-again.jsonl");
            WeakExport.run(p, WeakExport.fromManifest(mw), WeakExport.paramsOf(mw), dev.pairlab.pairs.OutputFile.of(wAgain, false),
                    ProgressListener.NONE, Cancellation.none());
            assertArrayEquals(Files.readAllBytes(weighted), Files.readAllBytes(wAgain));
        }
    }

    @Test
    void lengthBalanceDropsTheFewestPairsAtRandomAndRefusesTheImpossible() throws Exception {
        byte l = LengthBalance.LONGER;
        byte s = LengthBalance.SHORTER;
        byte[] sides = {l, l, l, l, s, l, l, l, LengthBalance.EQUAL, l, s};  // 8 longer, 2 shorter, 1 equal
        LengthBalance.Plan half = LengthBalance.parse("0.5", "subsample").plan(sides, Double.NaN, 1);
        assertEquals(6, half.outcome().dropped()); // keep 2 longer beside the 2 shorter
        assertEquals(0.5, half.outcome().shareAfter(), 1e-12);
        assertEquals(0.8, half.outcome().shareBefore(), 1e-12);
        assertTrue(half.keep()[4] && half.keep()[8] && half.keep()[10], "the shorter side and the equal-length pair stay");
        assertArrayEquals(half.keep(), LengthBalance.parse("0.5", "subsample").plan(sides, Double.NaN, 1).keep(), "same seed, same pairs");
        // 0.25: keep round(0.25·2/0.75) = 1 longer: share 1/3, within one pair of 0.25·3.
        assertEquals(1, LengthBalance.parse("0.25", "subsample").plan(sides, Double.NaN, 1).outcome().longerAfter());
        // 0.9 is above 0.8: drop shorter ones, keep round(0.1·8/0.9) = 1.
        assertEquals(1, LengthBalance.parse("0.9", "subsample").plan(sides, Double.NaN, 1).outcome().shorterAfter());
        // "labeled" takes the gold share.
        assertEquals(0.6, LengthBalance.parse("labeled", "subsample").plan(sides, 0.6, 1).outcome().targetShare(), 1e-12);
        LengthBalance.Plan w = LengthBalance.parse("0.5", "weights").plan(sides, Double.NaN, 1);
        assertEquals(0.625, w.weight()[0], 1e-12); // 0.5·10/8
        assertEquals(2.5, w.weight()[4], 1e-12);   // 0.5·10/2
        assertEquals(1.0, w.weight()[8], 1e-12);
        assertThrows(dev.pairlab.pairs.BadInputException.class,
                () -> LengthBalance.parse("0.5", "weights").plan(new byte[] {l, l, LengthBalance.EQUAL}, Double.NaN, 1));
        assertThrows(dev.pairlab.pairs.BadInputException.class,
                () -> LengthBalance.parse("labeled", "subsample").plan(sides, Double.NaN, 1), "no gold share to take");
        assertThrows(IllegalArgumentException.class, () -> LengthBalance.parse("1.5", "subsample"));
        assertThrows(IllegalArgumentException.class, () -> LengthBalance.parse("0.5", "reweight"));
    }
}
