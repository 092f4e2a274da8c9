package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.lf.CodeRule;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project made by someone else, carrying code LFs that try to escape (each spelling the old text
 * deny-list missed), opened by a user whose trust store has never seen them.
 */
class TrustCliTest {

    @TempDir
    Path dir;

    private String storeBefore;

    @BeforeEach
    void anotherUser() {
        storeBefore = System.getProperty("pairlab.trustStore");
        // Another user: a home folder whose trust store is empty.
        System.clearProperty("pairlab.trustStore");
        System.setProperty("user.home.before", System.getProperty("user.home"));
        System.setProperty("user.home", dir.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        System.setProperty("user.home", System.getProperty("user.home.before"));
        if (storeBefore != null) {
            System.setProperty("pairlab.trustStore", storeBefore);
        }
    }

    private String marker(String name) {
        return dir.resolve("escaped-" + name).toString();
    }

    /** The five bypasses of the old deny-list, and a class initialiser smuggled past the method body. */
    private Map<String, String> hostile() {
        Map<String, String> lfs = new LinkedHashMap<>();
        lfs.put("unicode", "java.nio.file.\\u0046iles.writeString(java.nio.file.Path.of(\"" + marker("unicode") + "\"), \"x\");\nreturn A;\n");
        lfs.put("comment", "java.nio.file.Files/**/.writeString(java.nio.file.Path.of(\"" + marker("comment") + "\"), \"x\");\nreturn A;\n");
        lfs.put("reflection", "Object rt = Class.forName(\"java.lang.Run\" + \"time\").getMethod(\"get\" + \"Runtime\").invoke(null);\n"
                + "rt.getClass().getMethod(\"exec\", String[].class).invoke(rt, (Object) new String[] {\"touch\", \"" + marker("reflection") + "\"});\n"
                + "return A;\n");
        lfs.put("process", "new ProcessBuilder(\"touch\", \"" + marker("process") + "\").start().waitFor();\nreturn A;\n");
        lfs.put("exit", "ProcessHandle.current().destroyForcibly();\nreturn A;\n");
        lfs.put("initialiser", "return A; } static { try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker("initialiser")
                + "\"), \"x\"); } catch (Exception e) { } } void x() {\n");
        return lfs;
    }

    private String receivedProject() throws Exception {
        String p = dir.resolve("theirs.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        assertEquals(0, CliTest.run("import", p, TestData.mtBenchTrain().toString(), "-q").code());
        try (Project project = Project.open(Path.of(p), Project.Access.READ_WRITE)) {
            for (var e : hostile().entrySet()) {
                Lfs.save(project, e.getKey(), CodeRule.KIND, new CodeRule(e.getValue()).toJson().toString());
            }
            Lfs.save(project, "chatty", CodeRule.KIND, new CodeRule("""
                    if (p.id() == 3) System.out.println("{\\"not\\": \\"json output\\"}");
                    return p.delta("length") > 0 ? B : A;
                    """).toJson().toString());
        }
        return p;
    }

    private void noneEscaped() {
        for (String name : hostile().keySet()) {
            assertFalse(Files.exists(Path.of(marker(name))), name + " ran");
        }
    }

    private static JsonNode lf(JsonNode stats, String name) {
        for (JsonNode n : stats.get("lfs")) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no LF " + name);
    }

    @Test
    void untrustedCodeLfsDoNotRunAndTheRunSaysWhichAndHow() throws Exception {
        String p = receivedProject();
        CliTest.Run stats = CliTest.run("lf", "stats", p, "--json", "-q");
        assertEquals(0, stats.code(), stats.err());
        JsonNode j = stats.json(); // stdout is still one JSON object
        for (String name : hostile().keySet()) {
            assertEquals(0.0, lf(j, name).get("coverage").asDouble(), name);
        }
        assertEquals(0.0, lf(j, "chatty").get("coverage").asDouble(), "an untrusted LF abstains even when harmless");
        long untrusted = 0;
        for (JsonNode pr : j.get("problems")) {
            untrusted += pr.get("kind").asText().equals("untrusted") ? 1 : 0;
        }
        assertEquals(7, untrusted);
        assertTrue(stats.err().contains("skipped 7 code LF(s) not trusted on this machine"), stats.err());
        assertTrue(stats.err().contains("pairlab lf trust " + p + " NAME"), stats.err());
        noneEscaped();
        // The other seven commands the issue names skip them too; --require-all makes skipping an error.
        for (String[] args : new String[][] {{"model", "fit", p}, {"lf", "agreement", p}, {"audit", "position", p},
                {"lf", "matrix", p, "--out", dir.resolve("L.csv").toString()}}) {
            CliTest.Run r = CliTest.run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("skipped 7 code LF(s)"), String.join(" ", args) + ": " + r.err());
        }
        assertEquals(1, CliTest.run("lf", "stats", p, "--json", "-q", "--require-all").code());
        noneEscaped();
        // The Spark job runs an LF file as given: untrusted code LFs do not leave the project.
        CliTest.Run export = CliTest.run("lf", "export", p, "--out", dir.resolve("lfs.json").toString());
        assertEquals(1, export.code());
        assertTrue(export.err().contains("not trusted on this machine"), export.err());
    }

    @Test
    void trustedHostileLfsAreStoppedByTheSandboxAndTheOutputSurvives() throws Exception {
        String p = receivedProject();
        CliTest.Run trust = CliTest.run("lf", "trust", p, "--all");
        assertEquals(0, trust.code(), trust.err());
        assertTrue(Files.readString(dir.resolve("home/.pairlab/trusted-code")).contains(" chatty"), "the store is under user.home");
        CliTest.Run stats = CliTest.run("lf", "stats", p, "--json", "-q");
        assertEquals(0, stats.code(), stats.err());
        JsonNode j = stats.json();
        assertFalse(stats.out().contains("not\": \"json output"), "what an LF prints never reaches stdout");
        for (String name : hostile().keySet()) {
            assertEquals(0.0, lf(j, name).get("coverage").asDouble(), name);
            boolean refused = false;
            for (JsonNode pr : j.get("problems")) {
                refused |= pr.get("lf").asText().equals(name) && pr.get("message").asText().contains("is not allowed in a labeling function");
            }
            assertTrue(refused, name + ": " + j.get("problems"));
        }
        assertEquals(1.0, lf(j, "chatty").get("coverage").asDouble(), 1e-9);
        boolean printed = false;
        for (JsonNode pr : j.get("problems")) {
            printed |= pr.get("kind").asText().equals("output") && pr.get("message").asText().contains("json output");
        }
        assertTrue(printed, "its output is its diagnostic: " + j.get("problems"));
        assertFalse(stats.err().contains("skipped"), stats.err());
        noneEscaped();
        // Revoked, it is skipped again; --trust-code runs it for one run only.
        assertEquals(0, CliTest.run("lf", "trust", p, "chatty", "--revoke").code());
        assertEquals(0.0, lf(CliTest.run("lf", "stats", p, "--json", "-q").json(), "chatty").get("coverage").asDouble());
        assertEquals(1.0, lf(CliTest.run("lf", "stats", p, "--json", "-q", "--trust-code").json(), "chatty").get("coverage").asDouble(), 1e-9);
        assertEquals(0.0, lf(CliTest.run("lf", "stats", p, "--json", "-q").json(), "chatty").get("coverage").asDouble());
    }

    @Test
    void anLfWrittenHereIsTrustedAsItIsSavedAndAnEditNeedsTrustAgain() throws Exception {
        String p = dir.resolve("mine.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        assertEquals(0, CliTest.run("import", p, TestData.mtBenchTrain().toString(), "-q").code());
        Path code = dir.resolve("longer.java");
        Files.writeString(code, "return p.delta(\"length\") > 0 ? B : A;\n");
        assertEquals(0, CliTest.run("lf", "add", p, "longer", "--kind", "code", "--file", code.toString()).code());
        CliTest.Run stats = CliTest.run("lf", "stats", p, "--json", "-q");
        assertEquals(1.0, lf(stats.json(), "longer").get("coverage").asDouble(), 1e-9);
        assertFalse(stats.err().contains("skipped"), stats.err());
        // Someone else edits the stored source: the new text is not trusted.
        try (Project project = Project.open(Path.of(p), Project.Access.READ_WRITE)) {
            Lfs.save(project, "longer", CodeRule.KIND, new CodeRule("return p.delta(\"length\") > 0 ? A : B;\n").toJson().toString());
        }
        assertEquals(0.0, lf(CliTest.run("lf", "stats", p, "--json", "-q").json(), "longer").get("coverage").asDouble());
    }
    @Test
    void anLlmJudgeFromAReceivedProjectIsNotAskedUntilTrusted() throws Exception {
        try (dev.pairlab.generate.FakeChatServer server = new dev.pairlab.generate.FakeChatServer()) {
            server.responder = (model, prompt) -> "A";
            String p = dir.resolve("judged.pairlab").toString();
            assertEquals(0, CliTest.run("new", p).code());
            assertEquals(0, CliTest.run("import", p, TestData.mtBenchTrain().toString(), "-q").code());
            assertEquals(0, CliTest.run("split", p, "--eval", "0", "--labeled", "0.02", "--seed", "1", "-q").code());
            try (Project project = Project.open(Path.of(p), Project.Access.READ_WRITE)) {
                Lfs.save(project, "judge", dev.pairlab.lf.JudgeRule.KIND, new dev.pairlab.lf.JudgeRule(server.url(), "m",
                        dev.pairlab.lf.JudgeRule.DEFAULT_PROMPT, null, null, false, 8).toJson().toString());
            }
            CliTest.Run refused = CliTest.run("lf", "apply", p, "judge", "--split", "train", "-q");
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("was not set up on this machine"), refused.err());
            assertEquals(0, server.requests.get(), "nothing was sent");
            assertEquals(0, CliTest.run("lf", "trust", p, "judge").code());
            CliTest.Run asked = CliTest.run("lf", "apply", p, "judge", "--split", "train", "-q");
            assertEquals(0, asked.code(), asked.out() + asked.err());
            assertTrue(server.requests.get() > 0);
        }
    }
}
