package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability suite's import fuzz: well over a hundred broken files made from real records
 * (every truncation point class, byte flips, field deletions and type changes, nulls, duplicate
 * keys, BOMs, CRLF, blank lines, duplicate records). Each either imports or fails with a
 * file:line message; with --skip-invalid the good records import and the bad are reported; after a
 * failure the project is byte-for-byte unchanged and passes SQLite's integrity check.
 */
class GeneratedBrokenInputTest {

    @TempDir
    Path dir;

    private static byte[] gzip(byte[] data) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void aHundredAndMoreBrokenFilesNeverCorruptTheProject() throws Exception {
        List<String> real = Files.readAllLines(TestData.mtBenchTrain(), StandardCharsets.UTF_8).subList(0, 6);
        SplittableRandom rnd = new SplittableRandom(2024);
        List<byte[]> inputs = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        String good = real.get(0);
        // Truncations at 25 points of a record.
        for (int i = 1; i <= 35; i++) {
            int cut = (int) ((long) good.length() * i / 36);
            inputs.add((real.get(1) + "\n" + good.substring(0, cut) + "\n" + real.get(2) + "\n").getBytes(StandardCharsets.UTF_8));
            kinds.add("truncated at " + cut);
        }
        // Byte flips into invalid UTF-8 or stray syntax.
        for (int i = 0; i < 30; i++) {
            byte[] b = (real.get(1) + "\n" + real.get(2) + "\n").getBytes(StandardCharsets.UTF_8);
            int pos = rnd.nextInt(b.length - 1);
            b[pos] = (byte) (i % 2 == 0 ? 0xC3 : "{}[],:\"".charAt(i % 7));
            b[pos + 1] = (byte) (i % 2 == 0 ? 0x28 : b[pos + 1]);
            inputs.add(b);
            kinds.add("byte flip at " + pos);
        }
        // Each field deleted, nulled, or given a wrong type.
        String[] fields = {"conversation", "answer_0", "answer_1", "label"};
        String[] values = {"null", "42", "true", "[]", "{}", "\"\"", "3.5", "\"x\"",
            "4294967296", "4294967297", "1.7", "\"a\\u0000b\""}; // issue 23: wrapped, truncated, NUL
        for (String f : fields) {
            for (String v : values) {
                com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(good);
                o.set(f, Json.MAPPER.readTree(v));
                inputs.add((real.get(1) + "\n" + o + "\n").getBytes(StandardCharsets.UTF_8));
                kinds.add(f + " = " + v);
            }
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(good);
            o.remove(f);
            inputs.add((o + "\n").getBytes(StandardCharsets.UTF_8));
            kinds.add(f + " removed");
        }
        // Containers and whitespace.
        inputs.add(("\uFEFF" + String.join("\r\n", real) + "\r\n").getBytes(StandardCharsets.UTF_8));
        kinds.add("BOM and CRLF (valid)");
        inputs.add(("\n\n" + real.get(0) + "\n\n\n" + real.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
        kinds.add("blank lines (valid)");
        inputs.add((real.get(0) + "\n" + real.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        kinds.add("duplicate records (valid: pairs may repeat)");
        inputs.add(("{\"answer_0\":\"a\",\"answer_0\":\"b\",\"answer_1\":\"c\",\"instruction\":\"q\",\"label\":0}\n").getBytes(StandardCharsets.UTF_8));
        kinds.add("duplicate key (last wins)");
        inputs.add(("[" + real.get(0) + "," + real.get(1)).getBytes(StandardCharsets.UTF_8));
        kinds.add("JSON array without its end");
        inputs.add(new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0});
        kinds.add("gzip header only");
        inputs.add("x".repeat(100).getBytes(StandardCharsets.UTF_8));
        kinds.add("plain text");
        String huge = "{\"instruction\":\"q\",\"answer_0\":\"" + "y".repeat(10 * 1024 * 1024) + "\",\"answer_1\":\"b\",\"label\":1}\n{\"oops\n";
        inputs.add(huge.getBytes(StandardCharsets.UTF_8));
        kinds.add("10 MB string then a broken line");
        // Issue 23: gzip with bytes after its end, and the same gzip whole (valid).
        byte[] gz = gzip((real.get(0) + "\n" + real.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
        for (String garbage : new String[] {"x", "\n", "\u0000\u0000\u0000\u0000", "\u001f", "PK\u0003\u0004"}) {
            byte[] b = java.util.Arrays.copyOf(gz, gz.length + garbage.length());
            System.arraycopy(garbage.getBytes(StandardCharsets.ISO_8859_1), 0, b, gz.length, garbage.length());
            inputs.add(b);
            kinds.add("gzip then " + garbage.length() + " byte(s) of garbage");
        }
        inputs.add(gz);
        kinds.add("gzip (valid)");
        inputs.add((real.get(0) + "\n" + real.get(1).replace("\"label\":", "\"note\":\"\\u0000\",\"label\":") + "\n").getBytes(StandardCharsets.UTF_8));
        kinds.add("NUL in an extra field");
        inputs.add((real.get(0) + "\n" + real.get(1).replace("\"label\":1", "\"label\":1.0") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        kinds.add("label 1.0 (valid: a whole number)");
        assertTrue(inputs.size() >= 100, "inputs: " + inputs.size());

        Path projectFile = dir.resolve("p.pairlab");
        try (Project p = Project.create(projectFile)) {
            ProjectFixture.importFile(p, TestData.ub2(), ImportOptions.defaults());
        }
        int failed = 0;
        int imported = 0;
        int skippedWithReport = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Path in = dir.resolve("in" + i + ".jsonl");
            Files.write(in, inputs.get(i));
            try (Project p = Project.open(projectFile, Project.Access.READ_WRITE)) {
                String before = ProjectFixture.fingerprint(p);
                long count = Pairs.count(p);
                try {
                    ImportReport r = ProjectFixture.importFile(p, in, ImportOptions.defaults().withFormat("answer-label"));
                    imported++;
                    assertEquals(count + r.imported(), Pairs.count(p), kinds.get(i));
                } catch (BadInputException e) {
                    failed++;
                    assertTrue(e.getMessage().contains(in.toString()), kinds.get(i) + ": " + e.getMessage());
                    assertEquals(before, ProjectFixture.fingerprint(p), kinds.get(i) + ": project changed");
                    try {
                        ImportReport r = ProjectFixture.importFile(p, in, ImportOptions.defaults().withFormat("answer-label").withSkipInvalid(true));
                        skippedWithReport++;
                        assertTrue(r.invalid() > 0 && Files.readAllLines(r.errorReport()).size() == r.invalid() + 1, kinds.get(i));
                    } catch (BadInputException alsoBad) {
                        assertEquals(before, ProjectFixture.fingerprint(p), kinds.get(i) + ": project changed after a failed --skip-invalid");
                    }
                }
                assertEquals(List.of(), p.integrityProblems(), kinds.get(i));
            }
        }
        assertEquals(inputs.size(), failed + imported);
        System.out.println("GeneratedBrokenInputTest: " + failed + " of " + inputs.size() + " failed cleanly, " + imported + " imported");
        // Some mutations are still valid data (a null label is "unlabeled", a flipped byte inside a
        // string is just text): those import. Measured: 84 of 109 fail cleanly, 25 import; with
        // issue 23's cases 106 of 133 fail and 27 import.
        assertTrue(failed >= 100, "failed " + failed + " of " + inputs.size());
        assertTrue(imported >= 4, "valid ones imported: " + imported);
        assertTrue(skippedWithReport > 40, "skipped with a report: " + skippedWithReport);
    }
}
