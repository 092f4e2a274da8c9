package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23, strict values, as the command line shows them: exit codes, warnings, --json counts. */
class StrictValuesCliTest {

    @TempDir
    Path dir;

    private static String record(String a, String b) {
        return "{\"instruction\":\"q\",\"answer_0\":\"" + a + "\",\"answer_1\":\"" + b + "\",\"label\":0}";
    }

    private Path data() throws Exception {
        Path in = dir.resolve("data.jsonl");
        Files.writeString(in, String.join("\n", record("a", "b"), record("a", "b"), record("b", "a"), record("x", "x"),
                record("", "b"), record("c", " \\n "), record("c", "d")) + "\n", StandardCharsets.UTF_8);
        return in;
    }

    @Test
    void duplicatesIdenticalAndEmptyAnswersAreCountedInAWarning() throws Exception {
        String p = dir.resolve("w.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        CliTest.Run r = CliTest.run("import", p, data().toString(), "--json", "-q");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(7, j.get("imported").asInt());
        assertEquals(2, j.get("warnings").get("duplicates").asInt(), "a repeat and a repeat with A and B swapped");
        assertEquals(1, j.get("warnings").get("identical_answers").asInt());
        assertEquals(2, j.get("warnings").get("empty_answers").asInt(), "empty and whitespace-only");
        assertTrue(r.err().contains("Warning: ") && r.err().contains("2 duplicate pairs") && r.err().contains("--dedupe")
                && r.err().contains("1 pair whose two answers are identical") && r.err().contains("2 pairs with an empty answer"), r.err());
    }

    @Test
    void dedupeAndSkipEmptySkipThem() throws Exception {
        String p = dir.resolve("d.pairlab").toString();
        CliTest.run("new", p);
        CliTest.Run r = CliTest.run("import", p, data().toString(), "--dedupe", "--skip-empty", "--json", "-q");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(3, j.get("imported").asInt(), r.out());
        assertEquals(2, j.get("dropped").get("duplicate (skip duplicate pairs)").asInt());
        assertEquals(2, j.get("dropped").get("empty answer (skip pairs with an empty answer)").asInt());
        assertEquals(3, CliTest.run("info", p, "--json").json().get("pairs").asInt());
        CliTest.Run text = CliTest.run("import", p, data().toString(), "--dedupe", "-q");
        assertTrue(text.err().contains("skipped") && !text.err().contains("'skip duplicate pairs' leaves them out"), text.err());
    }

    @Test
    void devZeroAsTrlFailsWithItsLineInsteadOfRunningOutOfMemory() throws Exception {
        Path zero = Path.of("/dev/zero");
        String p = dir.resolve("z.pairlab").toString();
        CliTest.run("new", p);
        String before = CliTest.run("info", p, "--json").out();
        if (Files.isReadable(zero)) {
            CliTest.Run r = CliTest.run("import", p, zero.toString(), "--format", "trl", "-q");
            assertEquals(1, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("/dev/zero:1:") && r.err().contains("longer than 64 MB") && r.err().contains("--max-line-mb"), r.err());
            CliTest.Run detected = CliTest.run("import", p, zero.toString(), "--max-line-mb", "1", "-q");
            assertEquals(1, detected.code(), detected.err());
            assertTrue(detected.err().contains("/dev/zero:1:") && detected.err().contains("longer than 1 MB"), detected.err());
        }
        Path zeros = dir.resolve("zeros.jsonl");
        Files.write(zeros, new byte[3 << 20]);
        CliTest.Run r = CliTest.run("import", p, zeros.toString(), "--format", "trl", "--max-line-mb", "2", "-q");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(zeros + ":1:") && r.err().contains("longer than 2 MB"), r.err());
        assertEquals(1, CliTest.run("import", p, zeros.toString(), "--max-line-mb", "0").code());
        assertEquals(before, CliTest.run("info", p, "--json").out());
    }

    @Test
    void wrappedAndFractionalValuesAreRefusedWithFileLineAndField() throws Exception {
        String p = dir.resolve("v.pairlab").toString();
        CliTest.run("new", p);
        Path in = dir.resolve("wrap.jsonl");
        Files.writeString(in, record("a", "b") + "\n" + record("a", "c").replace("\"label\":0", "\"label\":4294967296") + "\n");
        CliTest.Run r = CliTest.run("import", p, in.toString(), "-q");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(in + ":2: field 'label': expected 0 or 1, got 4294967296"), r.err());
    }

    @Test
    void lfAddRefusesABadNameWithExit1AndOneLine() throws Exception {
        String p = dir.resolve("c.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        for (String bad : new String[] {"", "a\nb", "a,b", "x".repeat(5000)}) {
            CliTest.Run r = CliTest.run("lf", "add", p, bad, "--kind", "feature", "--feature", "length", "--prefer", "higher");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("LF") && r.err().strip().lines().count() == 1, r.err());
        }
        assertEquals(0, CliTest.run("lf", "add", p, "longer.v2", "--kind", "feature", "--feature", "length", "--prefer", "higher").code());
        CliTest.Run list = CliTest.run("lf", "list", p, "--json");
        assertTrue(list.out().contains("longer.v2") && !list.out().contains("a,b"), list.out());
    }
}
