package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agreement, history/diff/revert, label-next, position audit and length-split evaluation on MT-Bench. */
class InsightCliTest {

    @TempDir
    Path dir;

    private String project() {
        String p = dir.resolve("mt.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        assertEquals(0, CliTest.run("import", p, TestData.mtBenchTrain().toString(), "-q").code());
        assertEquals(0, CliTest.run("import", p, TestData.mtBenchEval().toString(), "--split", "test", "-q").code());
        assertEquals(0, CliTest.run("split", p, "--eval", "0", "--labeled", "0.1", "--seed", "123").code());
        assertEquals(0, CliTest.run("lf", "preset", p, "mt-bench").code());
        return p;
    }

    @Test
    void agreementFlagsACopyOfAnLf() throws Exception {
        String p = project();
        CliTest.Run none = CliTest.run("lf", "agreement", p, "--json", "-q");
        assertEquals(0, none.code(), none.err());
        // Longer answers have lower type/token ratios: on MT-Bench the two preset LFs agree on 95 % of shared pairs.
        assertEquals(1, none.json().get("near_duplicates").size());
        assertEquals("lexical_diversity", none.json().get("near_duplicates").get(0).get("b").asText());
        assertEquals(6, none.json().get("lfs").size());
        // length vs itself on the diagonal: agreement 1 on its own coverage.
        assertEquals(1.0, none.json().get("agreement").get(0).get(0).asDouble(), 1e-12);
        assertEquals(0, CliTest.run("lf", "add", p, "length_again", "--kind", "feature", "--feature", "length", "--prefer", "higher",
                "--min", "30").code());
        Path csv = dir.resolve("agree.csv");
        CliTest.Run dup = CliTest.run("lf", "agreement", p, "--json", "-q", "--csv", csv.toString());
        JsonNode d = null;
        for (JsonNode x : dup.json().get("near_duplicates")) {
            if (x.get("a").asText().equals("length") && x.get("b").asText().equals("length_again")) {
                d = x;
            }
        }
        assertEquals("length", d.get("a").asText());
        assertEquals("length_again", d.get("b").asText());
        assertEquals(1.0, d.get("agreement").asDouble(), 1e-12);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 7 * 7, lines.size());
        assertEquals("lf_a,lf_b,overlap,agreement,conflict,correlation", lines.get(0));
    }

    @Test
    void historyDiffAndRevert() throws Exception {
        String p = project();
        assertEquals(0, CliTest.run("lf", "add", p, "length", "--kind", "feature", "--feature", "length", "--prefer", "higher",
                "--min", "200").code());
        CliTest.Run history = CliTest.run("lf", "history", p, "length", "--json");
        assertEquals(2, history.json().get("versions").size());
        assertEquals(2, history.json().get("current").asInt());
        CliTest.Run diff = CliTest.run("lf", "diff", p, "length", "--json", "-q", "--split", "train,test");
        assertEquals(0, diff.code(), diff.err());
        JsonNode j = diff.json();
        // Raising the threshold only turns votes into abstentions: every change is to "abstain".
        int fixed = j.get("fixed").size();
        int broken = j.get("broken").size();
        assertEquals(j.get("changed").asInt(), fixed + broken + j.get("unknown").size());
        assertEquals(0, j.get("unknown").size()); // train and test have gold
        long correctLost = j.get("stats_from").get("correct").asLong() - j.get("stats_to").get("correct").asLong();
        long incorrectLost = j.get("stats_from").get("incorrect").asLong() - j.get("stats_to").get("incorrect").asLong();
        assertEquals(correctLost, broken); // right → abstain
        assertEquals(incorrectLost, fixed); // wrong → abstain
        assertTrue(fixed > 0 && broken > 0);
        CliTest.Run revert = CliTest.run("lf", "revert", p, "length", "--to", "1", "--json");
        assertEquals(3, revert.json().get("version").asInt());
        CliTest.Run back = CliTest.run("lf", "diff", p, "length", "--from", "1", "--to", "3", "--json", "-q");
        assertEquals(0, back.json().get("changed").asInt());
        CliTest.Run bad = CliTest.run("lf", "revert", p, "length", "--to", "7");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("no version 7"), bad.err());
    }

    @Test
    void labelNextRanksPoolPairsAndPositionAuditPassesThePreset() throws Exception {
        String p = project();
        CliTest.Run conflict = CliTest.run("next", p, "--n", "10", "--by", "conflict", "--json", "-q");
        assertEquals(0, conflict.code(), conflict.err());
        JsonNode pairs = conflict.json().get("pairs");
        assertEquals(10, pairs.size());
        for (int i = 1; i < pairs.size(); i++) {
            assertTrue(pairs.get(i - 1).get("score").asDouble() >= pairs.get(i).get("score").asDouble());
        }
        assertEquals(1.0, pairs.get(0).get("conflict").asDouble(), 1e-12);
        CliTest.Run noModel = CliTest.run("next", p, "--by", "model", "-q");
        assertEquals(1, noModel.code());
        assertEquals(0, CliTest.run("model", "fit", p, "--type", "snorkel", "--on", "labeled", "-q").code());
        CliTest.Run model = CliTest.run("next", p, "--n", "5", "--by", "model", "--json", "-q");
        assertEquals(0, model.code(), model.err());
        double first = model.json().get("pairs").get(0).get("model_uncertainty").asDouble();
        assertTrue(first > 0.9, "the most uncertain pool pair has p(B) near ½: " + first);

        CliTest.Run audit = CliTest.run("audit", "position", p, "--json", "-q");
        assertEquals(0, audit.code(), audit.err());
        for (JsonNode lf : audit.json().get("lfs")) {
            assertEquals(1.0, lf.get("share").asDouble(), 1e-12, lf.toString());
        }
        Path code = dir.resolve("first.java");
        Files.writeString(code, "return p.a().length() > 500 ? A : ABSTAIN;\n");
        assertEquals(0, CliTest.run("lf", "add", p, "long_a", "--kind", "code", "--file", code.toString()).code());
        CliTest.Run flagged = CliTest.run("audit", "position", p, "--json", "-q");
        assertEquals(3, flagged.code());
        JsonNode last = flagged.json().get("lfs").get(6);
        assertEquals("long_a", last.get("lf").asText());
        assertTrue(last.get("position_dependent").asBoolean());
    }

    @Test
    void lfStatsAndLabelModelEvaluationSplitByLength() throws Exception {
        String p = project();
        CliTest.Run stats = CliTest.run("lf", "stats", p, "--split", "test", "--by-length", "--json", "-q");
        assertEquals(0, stats.code(), stats.err());
        JsonNode length = stats.json().get("by_length").get(0);
        assertEquals("length", length.get("name").asText());
        // "Prefer the longer answer" is right on every pair where the longer one wins and wrong on every other.
        assertEquals(1.0, length.get("accuracy_longer_preferred").asDouble(), 1e-12);
        assertEquals(0.0, length.get("accuracy_shorter_preferred").asDouble(), 1e-12);
        assertEquals(0.5, length.get("length_balanced_accuracy").asDouble(), 1e-12);
        int longer = length.get("longer_preferred_pairs").asInt();
        int shorter = length.get("shorter_preferred_pairs").asInt();
        assertEquals(385, longer + shorter); // one test pair has answers of equal length
        assertEquals(longer / 385.0, length.get("longer_wins_baseline").asDouble(), 1e-12);
        assertEquals("test", stats.json().get("by_length_splits").get(0).asText());
        JsonNode groups = length.get("groups");
        assertEquals("length_matched", groups.get(1).get("group").asText());
        assertEquals("longer_loses", groups.get(3).get("group").asText());
        assertEquals(shorter, groups.get(3).get("pairs").asInt());
        assertEquals(0.0, groups.get(3).get("accuracy").asDouble(), 1e-12);
        assertTrue(groups.get(3).get("ci95_high").asDouble() < 0.5);
        assertEquals(8, groups.size()); // all, matched, longer preferred, longer loses, four ratio bins
        // Unasked, the length analysis is measured on the labeled split, never on the test split.
        CliTest.Run unasked = CliTest.run("lf", "stats", p, "--by-length", "--json", "-q");
        assertEquals("[\"train\"]", unasked.json().get("by_length_splits").toString());
        assertEquals(0, CliTest.run("model", "fit", p, "--type", "snorkel", "--on", "labeled", "-q").code());
        CliTest.Run eval = CliTest.run("model", "eval", p, "--json");
        JsonNode by = eval.json().get("by_length");
        assertEquals(longer, by.get("longer_preferred_pairs").asInt());
        assertTrue(by.get("accuracy_longer_preferred").asDouble() > by.get("accuracy_shorter_preferred").asDouble(), by.toString());
    }

    @Test
    void rewardModelEvaluationIsSplitByLength() throws Exception {
        String p = project();
        CliTest.Run train = CliTest.run("rm", "train", p, "--kind", "features", "--data", "gold", "--epochs", "3", "-q");
        assertEquals(0, train.code(), train.err());
        CliTest.Run eval = CliTest.run("rm", "eval", p, "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode by = eval.json().get("by_length");
        int longer = by.get("longer_preferred_pairs").asInt();
        int shorter = by.get("shorter_preferred_pairs").asInt();
        assertTrue(longer + shorter <= 386 && longer + shorter > 370, longer + " + " + shorter);
        assertEquals((double) longer / (longer + shorter), by.get("longer_wins_baseline").asDouble(), 1e-12);
        assertEquals((by.get("accuracy_longer_preferred").asDouble() + by.get("accuracy_shorter_preferred").asDouble()) / 2,
                by.get("length_balanced_accuracy").asDouble(), 1e-12);
        CliTest.Run plain = CliTest.run("rm", "eval", p, "--json", "--no-by-length");
        assertTrue(!plain.json().has("by_length"));
        // The reward model scores each answer on its own: swapping A and B flips every preference.
        CliTest.Run audit = CliTest.run("audit", "position", p, "--rm", "--json", "-q");
        assertEquals(0, audit.code(), audit.err());
        JsonNode rm = audit.json().get("lfs").get(6);
        assertTrue(rm.get("lf").asText().startsWith("reward model (run "), rm.toString());
        assertEquals(1.0, rm.get("share").asDouble(), 1e-12);
    }
}
