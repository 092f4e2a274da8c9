package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.pairs.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 24's "small truths": numbers and messages that said less than they should, or something untrue. */
class SmallTruthsCliTest {

    @TempDir
    Path dir;

    /** UB 2 %: 87 labeled, 97 test, 784 pool; the ub preset; a Snorkel-style run. */
    private String ubWithModel() {
        String p = dir.resolve("ub.pairlab").toString();
        CliTest.run("new", p);
        CliTest.run("import", p, TestData.ub2().toString(), "-q");
        CliTest.run("split", p, "--eval", "0.1", "--labeled", "0.1", "-q");
        CliTest.run("lf", "preset", p, "ub");
        CliTest.Run fit = CliTest.run("model", "fit", p, "-q");
        assertEquals(0, fit.code(), fit.err());
        return p;
    }

    @Test
    void exportWeakCountsCoinFlipTiesInSummaryAndManifest() throws Exception {
        String p = ubWithModel();
        Path out = dir.resolve("w.jsonl");
        CliTest.Run json = CliTest.run("export", "weak", p, "--out", out.toString(), "--json", "-q");
        assertEquals(0, json.code(), json.err());
        // Independently: the rows the file holds at confidence 0.5 are the weak rows the coin decided.
        long atHalf = 0;
        for (String line : Files.readAllLines(out)) {
            JsonNode row = Json.MAPPER.readTree(line);
            if (row.get("weak").asBoolean() && row.get("confidence").asDouble() == 0.5) {
                atHalf++;
            }
        }
        assertTrue(atHalf > 0, "UB 2 % has pool pairs on which every LF abstains");
        JsonNode j = json.json();
        assertEquals(atHalf, j.get("weak_coin_flips").asLong());
        assertEquals(atHalf, j.get("weak_tied").asLong());
        assertEquals("random", j.get("ties").asText());
        JsonNode counts = Json.MAPPER.readTree(Path.of(out + ".manifest.json").toFile()).get("counts");
        assertEquals(atHalf, counts.get("weak_coin_flips").asLong());

        CliTest.Run text = CliTest.run("export", "weak", p, "--out", dir.resolve("t.jsonl").toString(), "-q");
        assertTrue(text.out().contains(atHalf + " of the 784 weak labels are ties (P = 0.5, confidence 0.5) decided by a coin flip"), text.out());

        CliTest.Run abstain = CliTest.run("export", "weak", p, "--out", dir.resolve("a.jsonl").toString(), "--ties", "abstain", "--json", "-q");
        assertEquals(0, abstain.json().get("weak_coin_flips").asLong());
        assertEquals(atHalf, abstain.json().get("dropped").asLong());
        assertEquals(784 - atHalf, abstain.json().get("weak").asLong());
    }

    @Test
    void modelFitSaysHowMuchOfCoverageIsCoinFlips() throws Exception {
        String p = ubWithModel();
        // Majority vote ties whenever its votes split evenly; 11 of the 97 test pairs here (counted with --ties abstain).
        CliTest.Run abstain = CliTest.run("model", "fit", p, "--type", "majority", "--ties", "abstain", "--json", "-q");
        JsonNode a = abstain.json();
        long tied = Math.round(97 * (1 - a.get("coverage").asDouble()));
        assertEquals(11, tied);
        assertEquals(0, a.get("coin_flips").asInt());

        CliTest.Run random = CliTest.run("model", "fit", p, "--type", "majority", "--json", "-q");
        JsonNode r = random.json();
        assertEquals(1.0, r.get("coverage").asDouble(), 1e-12);
        assertEquals(tied, r.get("coin_flips").asInt());
        assertEquals(tied / 97.0, r.get("coin_flip_share").asDouble(), 1e-12);
        assertEquals(tied, r.get("model").get("ties_broken").asInt());

        CliTest.Run text = CliTest.run("model", "fit", p, "--type", "majority", "-q");
        assertTrue(text.out().contains("coverage 1.000 (0.113 = 11 pairs at P = 0.5 decided by a coin; with --ties abstain 0.887)"), text.out());
        // The LF table names the split of each measured accuracy.
        assertTrue(text.out().contains("on labeled split (train) [95% CI]") && text.out().contains("on test split (look only)"), text.out());
    }

    @Test
    void sweepThresholdAndNextSayWhichRunTheyUsedAndNextExplainsItsColumns() throws Exception {
        String p = ubWithModel();
        CliTest.run("model", "fit", p, "--type", "majority", "-q"); // run 2: the latest
        JsonNode runs = CliTest.run("model", "list", p, "--json").json().get("runs");
        JsonNode first = runs.get(0).get("run").asInt() == 1 ? runs.get(0) : runs.get(1);
        JsonNode latest = runs.get(0).get("run").asInt() == 2 ? runs.get(0) : runs.get(1);

        JsonNode sweep = CliTest.run("model", "sweep-threshold", p, "--run", "1", "--json").json().get("label_model");
        assertEquals(1, sweep.get("run").asInt());
        assertEquals("snorkel", sweep.get("type").asText());
        assertEquals(first.get("created_at").asText(), sweep.get("fitted_at").asText());
        CliTest.Run sweepText = CliTest.run("model", "sweep-threshold", p);
        assertTrue(sweepText.out().startsWith("Confidence of label model run 2 (majority, fitted on labeled at "
                + latest.get("created_at").asText() + ") on the pool split:"), sweepText.out());

        JsonNode next = CliTest.run("next", p, "--n", "3", "--json", "-q").json();
        assertEquals(2, next.get("label_model").get("run").asInt());
        assertEquals("majority", next.get("label_model").get("type").asText());
        for (String column : new String[] {"id", "score", "conflict", "model_uncertainty", "rm_uncertainty", "votes"}) {
            assertTrue(next.get("columns").get(column).asText().length() > 10, column);
            assertTrue(next.get("pairs").get(0).has(column), column);
        }
        CliTest.Run text = CliTest.run("next", p, "--n", "3", "-q");
        assertTrue(text.out().startsWith("Ranked by combined on the pool split, using label model run 2 (majority"), text.out());
        assertTrue(text.out().contains("  conflict  entropy (bits) of the LFs' A/B votes"), text.out());
        assertTrue(text.out().contains("  model     label-model uncertainty 1 - 2|P(B) - 0.5|"), text.out());
    }

    @Test
    void lfAgreementShowsAndTakesItsNearDuplicateCutoff() throws Exception {
        String p = ubWithModel();
        // length and lexical_diversity agree on 0.927 of their 480 shared pairs: under the default 0.95, and the message says so.
        CliTest.Run text = CliTest.run("lf", "agreement", p, "-q");
        assertTrue(text.out().contains("No near-duplicate LFs (agreement >= 0.950 on >= 20 shared pairs; --duplicate-cutoff to change);"
                + " the closest: length and lexical_diversity agree on 0.927 of the 480 pairs both vote on."), text.out());
        JsonNode j = CliTest.run("lf", "agreement", p, "--duplicate-cutoff", "0.9", "--json", "-q").json();
        assertEquals(0.9, j.get("duplicate_cutoff").asDouble(), 1e-12);
        assertEquals(1, j.get("near_duplicates").size());
        assertEquals("lexical_diversity", j.get("near_duplicates").get(0).get("b").asText());
        CliTest.Run bad = CliTest.run("lf", "agreement", p, "--duplicate-cutoff", "1.5", "-q");
        assertEquals(1, bad.code());
    }

    @Test
    void splitHelpAndTheDocsPointAtWhatExists() throws Exception {
        Path root = Path.of(System.getProperty("pairlab.projectDir", "."));
        String help = CliTest.run("split", "--help").out();
        assertTrue(!help.contains("method.md"), help);
        assertTrue(help.contains("docs/guide.md") && Files.isRegularFile(root.resolve("docs/guide.md")), help);
        // The runs folder is NAME.runs beside NAME.pairlab, without the extension; the README says that.
        Path project = dir.resolve("mt.pairlab");
        try (dev.pairlab.store.Project p = dev.pairlab.store.Project.create(project)) {
            assertEquals(dir.resolve("mt.runs").toAbsolutePath(), dev.pairlab.store.TrainingRuns.runsFolder(p));
        }
        String readme = Files.readString(root.resolve("README.md"));
        assertTrue(!readme.contains("PROJECT.runs") && readme.contains("`mt.pairlab`'s\nruns are in `mt.runs/rm-1/`"), "README");
    }

    @Test
    void noLockOrEmptyWalFileStaysBehindAfterACommand() throws Exception {
        Path p = dir.resolve("p.pairlab");
        assertEquals(0, CliTest.run("new", p.toString()).code());
        CliTest.run("import", p.toString(), TestData.mtBenchEval().toString(), "-q");
        assertEquals(0, CliTest.run("info", p.toString()).code());
        for (String side : new String[] {".lock", "-wal", "-shm"}) {
            assertTrue(!Files.exists(dir.resolve("p.pairlab" + side)), side + " left behind");
        }
        // While a writer holds the project, its lock file is there and a second writer is told who has it;
        // a reader beside it works and leaves the writer's files alone.
        try (dev.pairlab.store.Project writer = dev.pairlab.store.Project.open(p, dev.pairlab.store.Project.Access.READ_WRITE)) {
            assertTrue(Files.exists(dir.resolve("p.pairlab.lock")));
            CliTest.Run second = CliTest.run("lf", "preset", p.toString(), "mt-bench");
            assertEquals(1, second.code());
            assertTrue(second.err().contains("(pid " + ProcessHandle.current().pid() + ", this process)"), second.err());
            assertEquals(0, CliTest.run("info", p.toString()).code());
            assertTrue(Files.exists(dir.resolve("p.pairlab.lock")));
        }
        assertTrue(!Files.exists(dir.resolve("p.pairlab.lock")));
        assertEquals(0, CliTest.run("lf", "preset", p.toString(), "mt-bench").code(), "the lock is free again");
        assertTrue(!Files.exists(dir.resolve("p.pairlab.lock")) && !Files.exists(dir.resolve("p.pairlab-wal")));
    }
}
