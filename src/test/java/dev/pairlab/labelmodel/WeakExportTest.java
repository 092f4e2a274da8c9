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
            ModelFitting.fit(p, FitParams.paper(SnorkelStyleModel.TYPE), ProgressListener.NONE, Cancellation.none());
            WeakExport.Params params = new WeakExport.Params("trl", 0, 7, EnumSet.of(Split.TRAIN), TiePolicy.RANDOM);
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
            ModelFitting.fit(p, FitParams.paper(SnorkelStyleModel.TYPE), ProgressListener.NONE, Cancellation.none());
            WeakExport.Labeler labeler = WeakExport.fromProject(p, 0);
            WeakExport.Report all = WeakExport.run(p, labeler, new WeakExport.Params("answer-label", 0, 1, EnumSet.of(Split.TRAIN),
                    TiePolicy.RANDOM), dev.pairlab.pairs.OutputFile.of(dir.resolve("a.jsonl"), false), ProgressListener.NONE, Cancellation.none());
            WeakExport.Report confident = WeakExport.run(p, labeler, new WeakExport.Params("csv", 0.9, 1, EnumSet.of(Split.TRAIN),
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
}
