package dev.pairlab.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.lf.JudgeRule;
import dev.pairlab.lf.JudgeRule.Verdict;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.store.Judgements;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.store.Splitter;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM-judge LF against a local server that plays the judge. */
class JudgeLfTest {

    @TempDir
    Path dir;

    private static final Pattern SHOWN = Pattern.compile("(?s)Response A:\\n(.*)\\n\\nResponse B:\\n(.*)\\n\\nWhich response");

    /** A judge that prefers the longer response, wherever it is shown. */
    static String longerJudge(String model, String prompt) {
        Matcher m = SHOWN.matcher(prompt);
        if (!m.find()) {
            return "no idea";
        }
        return m.group(1).length() >= m.group(2).length() ? "A" : "B.";
    }

    /** A piece of text only this pair's prompts contain. */
    private static String marker(Pair p) {
        return p.answerA().substring(0, Math.min(40, p.answerA().length()));
    }

    private JudgeRule rule(String url, boolean bothOrders) {
        return new JudgeRule(url, "judge-1", JudgeRule.DEFAULT_PROMPT, null, null, bothOrders, 8);
    }

    @Test
    void parsingRenderingAndVotes() {
        JudgeRule r = rule("http://127.0.0.1:9/v1", true);
        assertEquals(Verdict.FIRST, r.parse(" A "));
        assertEquals(Verdict.SECOND, r.parse("b."));
        assertEquals(Verdict.TIE, r.parse("Tie"));
        assertEquals(Verdict.UNPARSED, r.parse("A is better"));
        JudgeRule rx = new JudgeRule("http://x/v1", "m", "{a} {b}", null, "\\[\\[(A|B|tie)\\]\\]", true, 8);
        assertEquals(Verdict.SECOND, rx.parse("Both are fine but [[B]] is clearer"));
        assertEquals(Verdict.UNPARSED, rx.parse("B"));
        // A/B says first (A), B/A says second (which is A again): a vote for A; any disagreement abstains.
        assertEquals(Votes.A, r.vote(Verdict.FIRST, Verdict.SECOND));
        assertEquals(Votes.B, r.vote(Verdict.SECOND, Verdict.FIRST));
        assertEquals(Votes.ABSTAIN, r.vote(Verdict.FIRST, Verdict.FIRST)); // position bias
        assertEquals(Votes.ABSTAIN, r.vote(Verdict.TIE, Verdict.TIE));
        assertEquals(Votes.ABSTAIN, r.vote(Verdict.FIRST, Verdict.UNPARSED));
        assertEquals(Votes.A, rule("http://x/v1", false).vote(Verdict.FIRST, null));
        String p = r.render("ctx", "first {b}", "second", true);
        assertTrue(p.contains("Response A:\nsecond\n\nResponse B:\nfirst {b}\n"), p);
        assertThrows(IllegalArgumentException.class, () -> new JudgeRule("ftp://x", "m", "{a}{b}", null, null, true, 8));
        assertThrows(IllegalArgumentException.class, () -> new JudgeRule("http://x", "m", "no placeholders", null, null, true, 8));
        assertThrows(IllegalArgumentException.class, () -> new JudgeRule("http://x", "m", "{a}{b}", null, "A|B", true, 8));
    }

    private Path project() throws Exception {
        Path file = dir.resolve("mt.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            Splitter.split(p, new SplitParams(0, 0.05, 0, 123, false), ProgressListener.NONE, Cancellation.none());
        }
        return file;
    }

    private static JudgeRunner.Params params() {
        return new JudgeRunner.Params(EnumSet.of(Split.TRAIN), 4, 0, Duration.ofSeconds(5), 4);
    }

    @Test
    void coversTheSplitVotesLikeTheJudgeAndASecondApplyAsksNothing() throws Exception {
        try (FakeChatServer server = new FakeChatServer(); Project p = Project.open(project(), Project.Access.READ_WRITE)) {
            server.responder = JudgeLfTest::longerJudge;
            JudgeRule r = rule(server.url(), true);
            Lfs.save(p, "judge", JudgeRule.KIND, r.toJson().toString());
            dev.pairlab.lf.CodeTrust.forUser().trust(r.toJson().toString(), "judge"); // set up by this user
            List<Pair> train = new ArrayList<>();
            Pairs.<RuntimeException, RuntimeException>forEach(p, EnumSet.of(Split.TRAIN), false, train::add);
            assertEquals(45, train.size());
            server.trouble(train.get(3).answerA().substring(0, Math.min(40, train.get(3).answerA().length())), FakeChatServer.Trouble.RATE_LIMIT, 2);
            server.trouble(train.get(5).answerB().substring(0, Math.min(40, train.get(5).answerB().length())), FakeChatServer.Trouble.SERVER_ERROR, 1);
            server.trouble(marker(train.get(7)), FakeChatServer.Trouble.DROP, 1);
            server.slowMillis = 300;
            server.trouble(marker(train.get(9)), FakeChatServer.Trouble.SLOW, 2);
            String garbled = marker(train.get(11));
            server.responder = (m, prompt) -> prompt.contains(garbled) ? "I cannot decide between them." : longerJudge(m, prompt);

            JudgeRunner.Result first = JudgeRunner.run(p, "judge", params(), k -> null, ProgressListener.NONE, Cancellation.none());
            assertEquals(90, first.asked()); // 45 pairs × 2 orders
            assertEquals(0, first.failures(), first.firstFailure());
            assertEquals(2, first.unparsed(), "both orders of the garbled pair");
            assertTrue(first.requests() >= 93, "retries after the 429s and the 500: " + first.requests());
            assertEquals(90, Judgements.totals(p, Lfs.get(p, "judge").id(), 1)[0]);

            // Its column: the longer answer on train, abstain where the lengths tie and on the pool (never asked).
            ProjectLabeling.Labeled l = ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());
            int j = l.matrix().names().indexOf("judge");
            float[] la = l.features().a("length");
            float[] lb = l.features().b("length");
            int votes = 0;
            for (int row = 0; row < l.matrix().n(); row++) {
                byte v = l.matrix().get(row, j);
                boolean inTrain = l.labels().split()[row] == Split.TRAIN.ordinal();
                boolean garbledPair = l.matrix().ids()[row] == train.get(11).id();
                byte expected = !inTrain || garbledPair || la[row] == lb[row] ? Votes.ABSTAIN : la[row] > lb[row] ? Votes.A : Votes.B;
                assertEquals(expected, v, "row " + row);
                votes += v == Votes.ABSTAIN ? 0 : 1;
            }
            assertTrue(votes >= 43, "votes " + votes);

            long before = server.requests.get();
            JudgeRunner.Result second = JudgeRunner.run(p, "judge", params(), k -> null, ProgressListener.NONE, Cancellation.none());
            assertEquals(0, second.asked());
            assertEquals(before, server.requests.get(), "a second apply makes no request");

            // A new version (another prompt) asks again; a judge with a position bias abstains everywhere.
            server.responder = (m, prompt) -> "A";
            JudgeRule biased = new JudgeRule(server.url(), "judge-1", JudgeRule.DEFAULT_PROMPT + "\nBe brief.", null, null, true, 8);
            Lfs.save(p, "judge", JudgeRule.KIND, biased.toJson().toString());
            dev.pairlab.lf.CodeTrust.forUser().trust(biased.toJson().toString(), "judge"); // set up by this user
            assertEquals(90, JudgeRunner.run(p, "judge", params(), k -> null, ProgressListener.NONE, Cancellation.none()).asked());
            byte[] col = LfApplier.apply(p, l.features(), List.of(NamedLf.of(Lfs.get(p, "judge"))), ProgressListener.NONE, Cancellation.none())
                    .matrix().column(0);
            for (byte v : col) {
                assertEquals(Votes.ABSTAIN, v);
            }
        }
    }

    @Test
    void aCancelledRunKeepsItsAnswersAndTheRerunAsksOnlyForTheRest() throws Exception {
        try (FakeChatServer server = new FakeChatServer(); Project p = Project.open(project(), Project.Access.READ_WRITE)) {
            Cancellation cancel = new Cancellation();
            server.responder = (m, prompt) -> {
                if (server.requests.get() >= 30) {
                    cancel.cancel();
                }
                return longerJudge(m, prompt);
            };
            Lfs.save(p, "judge", JudgeRule.KIND, rule(server.url(), true).toJson().toString());
            dev.pairlab.lf.CodeTrust.forUser().trust(rule(server.url(), true).toJson().toString(), "judge"); // set up by this user
            assertThrows(CancelledException.class, () -> JudgeRunner.run(p, "judge", params(), k -> null, ProgressListener.NONE, cancel));
            long kept = Judgements.totals(p, Lfs.get(p, "judge").id(), 1)[0];
            assertTrue(kept >= 26 && kept < 90, "answers kept: " + kept);
            server.responder = JudgeLfTest::longerJudge;
            long before = server.requests.get();
            JudgeRunner.Result rest = JudgeRunner.run(p, "judge", params(), k -> null, ProgressListener.NONE, Cancellation.none());
            assertEquals(90 - kept, rest.asked());
            assertEquals(90 - kept, server.requests.get() - before);
            assertEquals(90, Judgements.totals(p, Lfs.get(p, "judge").id(), 1)[0]);
            Map<Long, String[]> v = Judgements.verdicts(p, Lfs.get(p, "judge").id(), 1);
            assertEquals(45, v.size());
        }
    }

    @Test
    void theCliAddsAppliesAndShowsStats() throws Exception {
        try (FakeChatServer server = new FakeChatServer()) {
            server.responder = JudgeLfTest::longerJudge;
            String file = project().toString();
            assertEquals(0, dev.pairlab.cli.Cli.run(new String[] {"lf", "add", file, "judge", "--kind", "llm", "--endpoint", server.url(),
                "--model", "judge-1"}, new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter())));
            java.io.StringWriter out = new java.io.StringWriter();
            assertEquals(0, dev.pairlab.cli.Cli.run(new String[] {"lf", "apply", file, "judge", "--split", "train", "--json", "-q",
                "--price-in", "2", "--price-out", "1000000"},
                    new java.io.PrintWriter(out), new java.io.PrintWriter(java.io.Writer.nullWriter())));
            JsonNode j = dev.pairlab.pairs.Json.MAPPER.readTree(out.toString());
            assertEquals(90, j.get("asked").asInt());
            // A million per million completion tokens: one per token, plus 2 per million prompt tokens.
            assertEquals(j.get("completion_tokens").asLong() + 2e-6 * j.get("prompt_tokens").asLong(), j.get("cost").asDouble(), 1e-9);
            java.io.StringWriter stats = new java.io.StringWriter();
            assertEquals(0, dev.pairlab.cli.Cli.run(new String[] {"lf", "stats", file, "--split", "train", "--json", "-q"},
                    new java.io.PrintWriter(stats), new java.io.PrintWriter(java.io.Writer.nullWriter())));
            JsonNode s = dev.pairlab.pairs.Json.MAPPER.readTree(stats.toString()).get("lfs").get(0);
            assertEquals("judge", s.get("name").asText());
            assertTrue(s.get("coverage").asDouble() > 0.95, s.toString());
            long votes = Math.round(s.get("coverage").asDouble() * 45);
            // A second version asked of a judge that always says "A" abstains everywhere: every vote of v1 changed.
            Path prompt = dir.resolve("prompt.txt");
            java.nio.file.Files.writeString(prompt, JudgeRule.DEFAULT_PROMPT + "\nAnswer quickly.");
            server.responder = (m, x) -> "A";
            java.io.PrintWriter none = new java.io.PrintWriter(java.io.Writer.nullWriter());
            assertEquals(0, dev.pairlab.cli.Cli.run(new String[] {"lf", "add", file, "judge", "--kind", "llm", "--endpoint", server.url(),
                "--model", "judge-1", "--prompt-file", prompt.toString()}, none, none));
            assertEquals(0, dev.pairlab.cli.Cli.run(new String[] {"lf", "apply", file, "judge", "--split", "train", "-q"}, none, none));
            java.io.StringWriter diff = new java.io.StringWriter();
            assertEquals(0, dev.pairlab.cli.Cli.run(new String[] {"lf", "diff", file, "judge", "--split", "train", "--json", "-q"},
                    new java.io.PrintWriter(diff), none));
            JsonNode d = dev.pairlab.pairs.Json.MAPPER.readTree(diff.toString());
            assertEquals(votes, d.get("changed").asLong());
            assertEquals(0.0, d.get("stats_to").get("coverage").asDouble(), 1e-12);
        }
    }
}
