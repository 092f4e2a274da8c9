package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCliTest {

    @TempDir
    Path dir;

    @Test
    void fitEvalSweepExportAndReproduce() throws Exception {
        String p = dir.resolve("ub.pairlab").toString();
        CliTest.run("new", p);
        CliTest.run("import", p, TestData.ub2().toString(), "-q");
        CliTest.run("split", p, "--eval", "0.1", "--labeled", "0.1", "-q");
        CliTest.run("lf", "preset", p, "ub");
        CliTest.Run exportBefore = CliTest.run("export", "weak", p, "--out", dir.resolve("x.jsonl").toString(), "-q");
        assertEquals(1, exportBefore.code());
        assertTrue(exportBefore.err().contains("no label model fitted yet"), exportBefore.err());

        CliTest.Run fit = CliTest.run("model", "fit", p, "--type", "snorkel", "--json", "-q");
        assertEquals(0, fit.code(), fit.err());
        JsonNode f = fit.json();
        assertEquals(87, f.get("fit_rows").asInt());
        assertEquals(97, f.get("model").get("rows").asInt());
        assertEquals(6, f.get("lfs").size());
        assertTrue(f.get("fit_ms").asLong() >= 0);
        for (String k : new String[] {"accuracy", "coverage", "ece"}) {
            assertTrue(f.has(k), k);
        }
        assertEquals(10, f.get("model").get("reliability").size());

        CliTest.Run eval = CliTest.run("model", "eval", p, "--split", "test", "--json");
        assertEquals(0, eval.code(), eval.err());
        assertEquals(f.get("model").get("accuracy").asDouble(), eval.json().get("accuracy").asDouble(), 1e-12);

        CliTest.Run sweep = CliTest.run("model", "sweep-threshold", p, "--json");
        JsonNode pts = sweep.json().get("points");
        assertEquals(10, pts.size());
        assertEquals(784, pts.get(0).get("kept").asInt());
        assertTrue(pts.get(9).get("kept").asInt() < pts.get(0).get("kept").asInt());

        Path out = dir.resolve("train.jsonl");
        CliTest.Run export = CliTest.run("export", "weak", p, "--out", out.toString(), "--json", "-q");
        assertEquals(0, export.code(), export.err());
        assertEquals(871, export.json().get("total").asInt());
        Path again = dir.resolve("again.jsonl");
        CliTest.Run rerun = CliTest.run("export", "weak", p, "--out", again.toString(), "--manifest", out + ".manifest.json", "--json", "-q");
        assertEquals(0, rerun.code(), rerun.err());
        assertTrue(rerun.json().get("identical_to_manifest").asBoolean());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
        JsonNode unbalanced = export.json().get("length_balance");
        assertEquals("none", unbalanced.get("method").asText());

        // Length-balanced: to the gold pairs' share by subsampling, to 0.5 by weights; both reproduce.
        Path sub = dir.resolve("sub.jsonl");
        CliTest.Run balanced = CliTest.run("export", "weak", p, "--out", sub.toString(), "--length-balance", "labeled", "--json", "-q");
        assertEquals(0, balanced.code(), balanced.err());
        JsonNode lb = balanced.json().get("length_balance");
        assertEquals("subsample", lb.get("method").asText());
        assertEquals(lb.get("labeled_share").asDouble(), lb.get("target_share").asDouble(), 1e-12);
        assertEquals(unbalanced.get("weak_share_before").asDouble(), lb.get("weak_share_before").asDouble(), 1e-12);
        assertEquals(784 - lb.get("dropped").asInt(), balanced.json().get("weak").asInt());
        assertEquals(lb.get("dropped").asInt(), balanced.json().get("dropped_for_length_balance").asInt());
        CliTest.Run weighted = CliTest.run("export", "weak", p, "--out", dir.resolve("w.jsonl").toString(), "--length-balance", "0.5",
                "--length-method", "weights", "--json", "-q");
        assertEquals(0, weighted.code(), weighted.err());
        assertEquals(0.5, weighted.json().get("length_balance").get("weak_share_after").asDouble(), 1e-12);
        CliTest.Run subAgain = CliTest.run("export", "weak", p, "--out", dir.resolve("sub-again.jsonl").toString(), "--manifest",
                sub + ".manifest.json", "--json", "-q");
        assertTrue(subAgain.json().get("identical_to_manifest").asBoolean(), subAgain.err());
        CliTest.Run bad = CliTest.run("export", "weak", p, "--out", dir.resolve("bad.jsonl").toString(), "--length-balance", "2", "-q");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--length-balance: the length balance target must be 'labeled' (the gold pairs' share)"
                + " or a share between 0 and 1"), bad.err());

        CliTest.Run list = CliTest.run("model", "list", p, "--json");
        assertEquals(1, list.json().get("runs").size());

        // The files the Spark job reads: LFs and model, checked against each other when read back.
        Path lfs = dir.resolve("lfs.json");
        Path model = dir.resolve("model.json");
        assertEquals(0, CliTest.run("lf", "export", p, "--out", lfs.toString()).code());
        CliTest.Run me = CliTest.run("model", "export", p, "--out", model.toString());
        assertEquals(0, me.code(), me.err());
        assertTrue(me.out().contains("6 LFs"), me.out());
        JsonNode lfsJson = dev.pairlab.pairs.Json.MAPPER.readTree(lfs.toFile());
        JsonNode modelJson = dev.pairlab.pairs.Json.MAPPER.readTree(model.toFile());
        assertEquals("pairlab-lfs", lfsJson.get("format").asText());
        assertEquals(6, lfsJson.get("lfs").size());
        dev.pairlab.labelmodel.WeakExport.Labeler back = dev.pairlab.labelmodel.Portable.labeler(lfsJson, modelJson);
        assertEquals(6, back.lfs().size());
        // After an LF changes, the project's model no longer matches: model export refuses.
        CliTest.run("lf", "disable", p, "regex");
        CliTest.Run stale = CliTest.run("model", "export", p, "--out", dir.resolve("m2.json").toString());
        assertEquals(1, stale.code());
        assertTrue(stale.err().contains("changed since label model run"), stale.err());
        assertTrue(!Files.exists(dir.resolve("m2.json")));
    }

    /**
     * Issue 21: 'model eval --ties prior' broke ties at class balance 0.5 while fit and export used the run's. Majority
     * vote's P(B) is 0.5 wherever the LFs tie or all abstain, so the prior decides those pairs: B at 0.7, A at 0.3.
     */
    @Test
    void evalWithPriorTiesUsesTheRunsClassBalance() throws Exception {
        String p = dir.resolve("ub.pairlab").toString();
        CliTest.run("new", p);
        CliTest.run("import", p, TestData.ub2().toString(), "-q");
        CliTest.run("split", p, "--eval", "0.1", "--labeled", "0.1", "-q");
        CliTest.run("lf", "preset", p, "ub");
        CliTest.Run fitB = CliTest.run("model", "fit", p, "--type", "majority", "--class-balance", "0.7", "--ties", "prior", "--json", "-q");
        assertEquals(0, fitB.code(), fitB.err());
        CliTest.Run fitA = CliTest.run("model", "fit", p, "--type", "majority", "--class-balance", "0.3", "--ties", "prior", "--json", "-q");
        assertEquals(0, fitA.code(), fitA.err());
        CliTest.Run abstain = CliTest.run("model", "eval", p, "--run", "1", "--ties", "abstain", "--json");
        CliTest.Run evalB = CliTest.run("model", "eval", p, "--run", "1", "--ties", "prior", "--json");
        CliTest.Run evalA = CliTest.run("model", "eval", p, "--run", "2", "--ties", "prior", "--json");
        assertEquals(0, evalB.code(), evalB.err());
        JsonNode b = evalB.json();
        JsonNode a = evalA.json();
        int ties = (int) Math.round(b.get("rows").asInt() * (1 - abstain.json().get("coverage").asDouble()));
        assertTrue(ties > 0, "the test split has pairs at P = 0.5");
        // Eval agrees with the fit that made the run, and the tied pairs go to B at 0.7 and to A at 0.3.
        assertEquals(fitB.json().get("accuracy").asDouble(), b.get("accuracy").asDouble(), 1e-12);
        assertEquals(fitA.json().get("accuracy").asDouble(), a.get("accuracy").asDouble(), 1e-12);
        assertTrue(Math.abs(b.get("accuracy").asDouble() - a.get("accuracy").asDouble()) > 1e-9, "the prior decides the ties");
        // Decided by the prior: every tied pair labeled B is right exactly when its gold is B, so the two accuracies
        // differ by (tied with gold B − tied with gold A) / pairs, a whole number of pairs.
        double diff = (b.get("accuracy").asDouble() - a.get("accuracy").asDouble()) * b.get("rows").asInt();
        assertEquals(Math.rint(diff), diff, 1e-6);
        assertTrue(Math.abs(diff) <= ties);
    }

    @Test
    void aLabelMatrixCsvCanBeFittedWithoutAProject() throws Exception {
        String p = dir.resolve("mt.pairlab").toString();
        CliTest.run("new", p);
        CliTest.run("import", p, TestData.mtBenchTrain().toString(), "-q");
        CliTest.run("lf", "preset", p, "mt-bench");
        Path csv = dir.resolve("L.csv");
        CliTest.run("lf", "matrix", p, "--out", csv.toString(), "-q");
        CliTest.Run fromMatrix = CliTest.run("model", "fit", "--matrix", csv.toString(), "--type", "snorkel", "--json", "-q");
        assertEquals(0, fromMatrix.code(), fromMatrix.err());
        assertEquals(898, fromMatrix.json().get("fit_rows").asInt());
        CliTest.Run onProject = CliTest.run("model", "fit", p, "--type", "snorkel", "--eval-split", "train", "--json", "-q");
        assertEquals(fromMatrix.json().get("model").get("accuracy").asDouble(), onProject.json().get("model").get("accuracy").asDouble(), 1e-12,
                "the same votes give the same model");
        Files.writeString(csv, "id,a,gold\n1,7,0\n");
        CliTest.Run bad = CliTest.run("model", "fit", "--matrix", csv.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("L.csv:2:"), bad.err());
    }
}
