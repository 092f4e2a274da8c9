package dev.pairlab.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generation against a chat-completions server on 127.0.0.1 that misbehaves on purpose; nothing leaves the machine. */
class GeneratorTest {

    @TempDir
    Path dir;

    private static List<String> prompts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "question number " + i).toList();
    }

    private Generator.Params params(FakeChatServer s, List<String> prompts, int retries, Duration timeout) {
        Source a = new Source("a", s.url(), "model-alpha", "KEY_A", 0.7, 64, "Be brief.");
        Source b = new Source("b", s.url(), "model-beta", null, 0.7, 64, null);
        return new Generator.Params(prompts, a, b, 123, 4, 0, timeout, retries);
    }

    @Test
    void everyPromptBecomesAPoolPairDespiteRateLimitsErrorsSlowAnswersAndDroppedConnections() throws Exception {
        try (FakeChatServer server = new FakeChatServer(); Project p = Project.create(dir.resolve("g.pairlab"))) {
            server.trouble("number 3", FakeChatServer.Trouble.RATE_LIMIT, 2);
            server.trouble("number 5", FakeChatServer.Trouble.SERVER_ERROR, 1);
            server.trouble("number 7", FakeChatServer.Trouble.DROP, 1);
            server.trouble("number 9", FakeChatServer.Trouble.SLOW, 1);
            server.slowMillis = 2500;
            List<String> progress = new ArrayList<>();
            Generator.Result r = Generator.run(p, params(server, prompts(12), 5, Duration.ofSeconds(1)), Map.of("KEY_A", "secret-a")::get,
                    (d, t, m) -> progress.add(m), Cancellation.none());
            assertEquals(0, r.failures(), r.firstFailure());
            assertEquals(12, r.pairs());
            assertEquals(24, r.answersAsked());
            assertTrue(r.requests() >= 24 + 2 + 1 + 1 + 1, "retries made: " + r.requests());
            assertTrue(r.promptTokens() > 0 && r.completionTokens() > 0);
            assertTrue(progress.get(progress.size() - 1).contains("24 of 24 answers"), progress.get(progress.size() - 1));
            assertTrue(server.authorizations.stream().allMatch(a -> a.equals("Bearer secret-a")) && !server.authorizations.isEmpty(),
                    "source a's key came from the lookup, source b sent none");
            List<Pair> pairs = ProjectFixture.all(p);
            assertEquals(12, pairs.size());
            int aFirst = 0;
            for (Pair pair : pairs) {
                assertEquals(Split.POOL, pair.split());
                assertEquals(Gold.NONE, pair.gold());
                JsonNode extras = Json.MAPPER.readTree(pair.extras());
                assertTrue(pair.answerA().startsWith(extras.get("model_a").asText() + " says: " + pair.context()), pair.answerA());
                assertTrue(pair.answerB().startsWith(extras.get("model_b").asText() + " says: "), pair.answerB());
                if (extras.get("model_a").asText().equals("model-alpha")) {
                    aFirst++;
                }
            }
            assertTrue(aFirst > 0 && aFirst < 12, "A/B order is swapped by the seed: model-alpha first in " + aFirst + " of 12");
            assertTrue(!new String(Files.readAllBytes(p.file()), java.nio.charset.StandardCharsets.ISO_8859_1).contains("secret-a"), "the key is not in the project file");
        }
    }

    @Test
    void aSecondRunMakesNoRequestsAndACancelledRunContinuesWhereItStopped() throws Exception {
        try (FakeChatServer server = new FakeChatServer(); Project p = Project.create(dir.resolve("r.pairlab"))) {
            server.trouble("number", FakeChatServer.Trouble.SLOW, 1000);
            server.slowMillis = 150;
            Generator.Params params = params(server, prompts(40), 3, Duration.ofSeconds(5));
            Cancellation cancel = new Cancellation();
            assertThrows(CancelledException.class, () -> Generator.run(p, params, k -> null, (d, t, m) -> {
                if (d >= 12) {
                    cancel.cancel();
                }
            }, cancel));
            long kept = Pairs.count(p);
            int askedBefore = server.requests.get();
            assertTrue(kept > 0 && kept < 40, "pairs kept after cancel: " + kept);
            Generator.Result resumed = Generator.run(p, params, k -> null, ProgressListener.NONE, Cancellation.none());
            assertEquals(40, resumed.pairs());
            assertEquals(40, Pairs.count(p));
            assertTrue(server.requests.get() - askedBefore <= 80 - 12, "finished answers are not asked again");
            int before = server.requests.get();
            Generator.Result again = Generator.run(p, params, k -> null, ProgressListener.NONE, Cancellation.none());
            assertEquals(0, again.requests());
            assertEquals(before, server.requests.get());
            assertEquals(40, Pairs.count(p));
        }
    }

    @Test
    void aSourceThatRefusesIsReportedAndTheRestContinues() throws Exception {
        try (FakeChatServer server = new FakeChatServer(); Project p = Project.create(dir.resolve("f.pairlab"))) {
            server.trouble("number 2", FakeChatServer.Trouble.BAD_REQUEST, 100);
            Generator.Result r = Generator.run(p, params(server, prompts(6), 3, Duration.ofSeconds(2)), k -> null, ProgressListener.NONE,
                    Cancellation.none());
            assertEquals(2, r.failures());
            assertEquals(5, r.pairs());
            assertTrue(r.firstFailure().contains("HTTP 400"), r.firstFailure());
        }
    }

    @Test
    void theCliGeneratesIntoAProject() throws Exception {
        try (FakeChatServer server = new FakeChatServer()) {
            Path prompts = dir.resolve("prompts.txt");
            Files.writeString(prompts, String.join("\n", prompts(8)) + "\n" + "question number 1\n");
            String project = dir.resolve("cli.pairlab").toString();
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.PrintWriter w = new java.io.PrintWriter(out, true);
            assertEquals(0, dev.pairlab.cli.Cli.run(new String[] {"new", project}, w, w));
            out.getBuffer().setLength(0);
            int code = dev.pairlab.cli.Cli.run(new String[] {"generate", project, "--prompts", prompts.toString(), "--source-a",
                server.url() + ",alpha", "--source-b", server.url() + ",beta", "--json", "-q"}, w, w);
            assertEquals(0, code, out.toString());
            JsonNode j = Json.MAPPER.readTree(out.toString());
            assertEquals(8, j.get("pairs").asInt(), "the duplicate prompt is asked once");
            assertEquals(16, j.get("requests").asInt());
            try (Project p = Project.open(Path.of(project), Project.Access.READ_ONLY)) {
                assertEquals(8, Pairs.count(p));
            }
        }
    }

    @Test
    void promptPoolsAreTrimmedDeduplicatedAndShuffled() throws Exception {
        Path txt = dir.resolve("p.txt");
        Files.writeString(txt, "a\n b \n\na\nc\n");
        assertEquals(List.of("a", "b", "c"), PromptPool.prepare(PromptPool.fromFile(txt), 1, 0).stream().sorted().toList());
        Path jsonl = dir.resolve("p.jsonl");
        Files.writeString(jsonl, "{\"instruction\":\"x\"}\n{\"id\":1,\"q\":\"y\"}\n");
        assertEquals(List.of("x", "y"), PromptPool.fromFile(jsonl));
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "id,prompt\n1,\"hello, world\"\n2,bye\n");
        assertEquals(List.of("hello, world", "bye"), PromptPool.fromFile(csv));
        List<String> many = prompts(50);
        assertEquals(PromptPool.prepare(many, 9, 10), PromptPool.prepare(many, 9, 10));
        assertTrue(!PromptPool.prepare(many, 9, 50).equals(many), "shuffled");
    }
}
