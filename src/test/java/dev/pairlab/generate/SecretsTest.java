package dev.pairlab.generate;

import dev.pairlab.lf.Endpoints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.cli.Cli;
import dev.pairlab.lf.JudgeRule;
import dev.pairlab.task.Cancellation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys stay out of projects, manifests, lfs.json and logs, whatever the user or the server does. */
class SecretsTest {

    private static final String KEY = "sk-proj-Zq8xR2vLm4NtY7bW1cKe9HsJ3dPf6GuA";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private String project() {
        String p = dir.resolve("s.pairlab").toString();
        assertEquals(0, cli("new", p).code());
        assertEquals(0, cli("import", p, TestData.mtBenchEval().toString(), "-q").code());
        return p;
    }

    /** No file beside the project (project, WAL, lock, runs) holds the text. */
    private void nowhereOnDisk(String secret) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret), f + " holds the secret");
            }
        }
    }

    @Test
    void aKeyGivenAsTheVariableNameIsRefusedWithAHintAndNeverStoredOrPrinted() throws Exception {
        String p = project();
        try (FakeChatServer server = new FakeChatServer()) {
            for (String key : List.of(KEY, "hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "AIzaSyD3x9Kq7LmZ2pW8vB4nR6tY1uH5jC0eFgQ",
                    "8f3a9c1e7b2d4f6a0c5e9b3d7f1a2c4e", "my key")) {
                Run add = cli("lf", "add", p, "judge", "--kind", "llm", "--endpoint", server.url(), "--model", "m", "--key-env", key);
                assertEquals(1, add.code(), key + ": " + add.err());
                assertTrue(add.err().contains("the judge's key variable") && add.err().contains("give the NAME of the environment variable that holds the key, e.g. OPENAI_API_KEY"),
                        add.err());
                assertFalse(add.err().contains(key) || add.out().contains(key), "the key is not printed back");
            }
            Path prompts = dir.resolve("prompts.txt");
            Files.writeString(prompts, "hello\n");
            Run gen = cli("generate", p, "--prompts", prompts.toString(), "--source-a", server.url() + ",m", "--key-a", KEY, "-q");
            assertEquals(1, gen.code(), gen.err());
            assertTrue(gen.err().contains("the key variable of source A") && gen.err().contains("e.g. OPENAI_API_KEY"), gen.err());
            assertEquals(0, server.requests.get(), "nothing was sent");
            // A real name is fine, and is what is stored.
            Run ok = cli("lf", "add", p, "judge", "--kind", "llm", "--endpoint", server.url(), "--model", "m", "--key-env", "OPENAI_API_KEY");
            assertEquals(0, ok.code(), ok.err());
            Run export = cli("lf", "export", p, "--out", dir.resolve("lfs.json").toString());
            assertEquals(0, export.code(), export.err());
            assertTrue(Files.readString(dir.resolve("lfs.json")).contains("OPENAI_API_KEY"));
        }
        nowhereOnDisk(KEY);
        nowhereOnDisk("hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789");
    }

    @Test
    void endpointsWithCredentialsAreRefusedAndNotPrinted() throws Exception {
        String p = project();
        for (String url : List.of("http://alice:s3cretPass@127.0.0.1:9/v1", "https://api.example.com/v1?api_key=s3cretPass",
                "https://api.example.com/v1?x=1&token=s3cretPass", "http://s3cretPass@127.0.0.1:9/v1")) {
            Run add = cli("lf", "add", p, "judge", "--kind", "llm", "--endpoint", url, "--model", "m");
            assertEquals(1, add.code(), url + ": " + add.err());
            assertTrue(add.err().contains("must not carry credentials"), add.err());
            assertFalse(add.err().contains("s3cretPass"), add.err());
            Path prompts = dir.resolve("prompts.txt");
            Files.writeString(prompts, "hello\n");
            Run gen = cli("generate", p, "--prompts", prompts.toString(), "--source-a", url + ",m", "-q");
            assertEquals(1, gen.code(), gen.err());
            assertFalse(gen.err().contains("s3cretPass"), gen.err());
        }
        nowhereOnDisk("s3cretPass");
        // The same checks hold where the GUI's LF editor and generate screen make their judges and sources.
        assertThrows(IllegalArgumentException.class, () -> new JudgeRule("http://u:p@127.0.0.1/v1", "m", JudgeRule.DEFAULT_PROMPT, null, null, true, 8));
        assertThrows(IllegalArgumentException.class, () -> new Source("a", "http://127.0.0.1/v1", "m", KEY, 0.7, 10, null));
    }

    @Test
    void whatAServerEchoesBackIsRedacted() throws Exception {
        try (FakeChatServer server = new FakeChatServer()) {
            server.trouble("hello", FakeChatServer.Trouble.ECHO_KEY, 10);
            Source s = new Source("a", server.url(), "m", "OPENAI_API_KEY", 0, 10, null);
            ChatClient client = new ChatClient(Duration.ofSeconds(10), 1, 10);
            ChatClient.ChatException e = assertThrows(ChatClient.ChatException.class, () -> client.complete(s, KEY, "hello", Cancellation.none()));
            assertTrue(server.authorizations.contains("Bearer " + KEY), "the key was sent");
            assertFalse(e.getMessage().contains(KEY), e.getMessage());
            assertFalse(e.getMessage().contains("Zq8xR2vLm4NtY7bW1cKe9HsJ3dPf6GuA"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("[redacted]"), e.getMessage());
        }
        // Keys of other people (not the one sent) and tokens are caught by their look.
        String said = Endpoints.redact("bad token: Authorization: Bearer abc.DEF-123_xyz, api_key=ZZZtopSecret9 key ghp_abcdefghijklmnopqrstuvwxyz0123456789"
                + " at https://bob:hunter2@host/v1; unknown model llama-3-8b-instruct", null);
        for (String secret : List.of("abc.DEF-123_xyz", "ZZZtopSecret9", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "hunter2")) {
            assertFalse(said.contains(secret), said);
        }
        assertTrue(said.contains("unknown model llama-3-8b-instruct"), "ordinary words stay: " + said);
    }

    @Test
    void plainHttpToAnotherHostIsWarnedOnceOnStderr() throws Exception {
        assertTrue(Endpoints.plainHttpWarning("http://10.1.2.3:8080/v1").isPresent());
        assertTrue(Endpoints.plainHttpWarning("http://gpu-box.lan/v1").isPresent());
        for (String local : List.of("http://127.0.0.1:8080/v1", "http://localhost:11434/v1", "http://[::1]:8000/v1", "https://api.example.com/v1")) {
            assertTrue(Endpoints.plainHttpWarning(local).isEmpty(), local);
        }
        String p = project();
        Run add = cli("lf", "add", p, "remote", "--kind", "llm", "--endpoint", "http://gpu-box.lan:8080/v1", "--model", "m", "--json");
        assertEquals(0, add.code(), add.err());
        assertEquals(1, add.err().lines().filter(l -> l.contains("is plain http")).count(), add.err());
        assertTrue(add.out().startsWith("{"), "stdout stays JSON: " + add.out());
        Path prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, "hello\n");
        Run gen = cli("generate", p, "--prompts", prompts.toString(), "--source-a", "http://127.0.0.2:9/v1,m", "--source-b",
                "http://gpu-box.lan:9/v1,n", "--retries", "1", "--timeout", "1", "-q", "--json");
        assertEquals(1, gen.err().lines().filter(l -> l.contains("is plain http")).count(), gen.err());
    }
}
