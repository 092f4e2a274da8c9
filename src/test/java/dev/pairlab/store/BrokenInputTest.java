package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Split;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz-style: broken inputs of every kind each fail with a message naming file, line and field, and
 * leave the project exactly as it was.
 */
class BrokenInputTest {

    private static final String GOOD = "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":0}";
    private static final String HH_GOOD = "{\"chosen\":\"\\n\\nHuman: hi\\n\\nAssistant: hello\",\"rejected\":\"\\n\\nHuman: hi\\n\\nAssistant: go away\"}";

    @TempDir
    Path dir;

    /** One broken input: its file name, bytes, the options, and fragments its error must contain. */
    record Case(String name, String fileName, byte[] bytes, ImportOptions options, String... expected) {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] lines(String... lines) {
        return utf8(String.join("\n", lines) + "\n");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static List<Case> cases() throws Exception {
        ImportOptions d = ImportOptions.defaults();
        List<Case> c = new ArrayList<>();
        c.add(new Case("empty file", "empty.jsonl", new byte[0], d, "empty.jsonl", "empty"));
        c.add(new Case("only blank lines", "blank.jsonl", utf8("\n\n  \n\r\n"), d, "blank.jsonl", "empty"));
        c.add(new Case("truncated JSON", "trunc.jsonl", lines(GOOD, "{\"instruction\":\"q\",\"answer_0\":\"a\""), d,
                "trunc.jsonl:2:", "malformed JSON"));
        c.add(new Case("array instead of object", "arr.jsonl", lines(GOOD, GOOD, "[1,2]"), d, "arr.jsonl:3:", "expected a JSON object, got an array"));
        c.add(new Case("string instead of object", "str.jsonl", lines(GOOD, "\"hello\""), d, "str.jsonl:2:", "got a string"));
        c.add(new Case("missing answer_1", "miss.jsonl", lines(GOOD, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"label\":1}"), d,
                "miss.jsonl:2:", "field 'answer_1'", "missing"));
        c.add(new Case("number as answer", "num.jsonl", lines(GOOD, "{\"instruction\":\"q\",\"answer_0\":5,\"answer_1\":\"b\",\"label\":1}"), d,
                "num.jsonl:2:", "field 'answer_0'", "expected a string, got a number"));
        c.add(new Case("null answer", "null.jsonl", lines(GOOD, "{\"instruction\":\"q\",\"answer_0\":null,\"answer_1\":\"b\",\"label\":1}"), d,
                "null.jsonl:2:", "field 'answer_0'", "is null"));
        c.add(new Case("label word", "lw.jsonl", lines(GOOD, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":\"yes\"}"), d,
                "lw.jsonl:2:", "field 'label'", "expected 0 or 1"));
        c.add(new Case("label 2", "l2.jsonl", lines(GOOD, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":2}"), d,
                "l2.jsonl:2:", "field 'label'", "got 2"));
        c.add(new Case("label boolean", "lb.jsonl", lines(GOOD, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":true}"), d,
                "lb.jsonl:2:", "field 'label'", "boolean"));
        c.add(new Case("label fraction", "lf.jsonl", lines(GOOD, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":0.5}"), d,
                "lf.jsonl:2:", "field 'label'"));
        c.add(new Case("invalid UTF-8", "utf.jsonl", concat(lines(GOOD),
                utf8("{\"instruction\":\"q\",\"answer_0\":\"a"), new byte[] {(byte) 0xC3, (byte) 0x28}, utf8("\",\"answer_1\":\"b\",\"label\":1}\n")), d,
                "utf.jsonl:2:", "invalid UTF-8"));
        c.add(new Case("lone continuation byte", "utf2.jsonl", concat(lines(GOOD, GOOD),
                utf8("{\"instruction\":\"q\",\"answer_0\":\"a"), new byte[] {(byte) 0x80}, utf8("\",\"answer_1\":\"b\",\"label\":1}\n")), d,
                "utf2.jsonl:3:", "invalid UTF-8"));
        c.add(new Case("trailing garbage", "tg.jsonl", lines(GOOD, GOOD + " xyz"), d, "tg.jsonl:2:", "malformed JSON"));
        c.add(new Case("no context field", "noctx.jsonl", lines(GOOD, "{\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":1}"), d,
                "noctx.jsonl:2:", "field 'conversation'", "missing"));
        c.add(new Case("object as context", "objctx.jsonl", lines(GOOD, "{\"instruction\":{},\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":1}"), d,
                "objctx.jsonl:2:", "field 'instruction'", "got an object"));
        c.add(new Case("HH without assistant turn", "hh1.jsonl", lines(HH_GOOD, "{\"chosen\":\"just text\",\"rejected\":\"other text\"}"), d,
                "hh1.jsonl:2:", "field 'chosen'", "Assistant"));
        c.add(new Case("HH rejected not a string", "hh2.jsonl", lines(HH_GOOD, "{\"chosen\":\"\\n\\nHuman: x\\n\\nAssistant: y\",\"rejected\":7}"), d,
                "hh2.jsonl:2:", "field 'rejected'", "expected a string"));
        c.add(new Case("HH missing rejected", "hh3.jsonl", lines(HH_GOOD, HH_GOOD, "{\"chosen\":\"\\n\\nHuman: x\\n\\nAssistant: y\"}"), d,
                "hh3.jsonl:3:", "field 'rejected'", "missing"));
        c.add(new Case("TRL without prompt", "trl1.jsonl", lines("{\"chosen\":\"a\",\"rejected\":\"b\"}"), d.withFormat("trl"),
                "trl1.jsonl:1:", "field 'prompt'", "missing"));
        c.add(new Case("TRL message without content", "trl2.jsonl",
                lines("{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"}", "{\"prompt\":\"p\",\"chosen\":[{\"role\":\"assistant\"}],\"rejected\":\"b\"}"), d,
                "trl2.jsonl:2:", "field 'chosen[0].content'", "missing"));
        c.add(new Case("TRL numeric prompt", "trl3.jsonl",
                lines("{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"}", "{\"prompt\":3,\"chosen\":\"a\",\"rejected\":\"b\"}"), d,
                "trl3.jsonl:2:", "field 'prompt'", "expected a string or a list"));
        String mt = "{\"question_id\":81,\"model_a\":\"x\",\"model_b\":\"y\",\"winner\":\"%s\",\"turn\":%s,"
                + "\"conversation_a\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a1\"}],"
                + "\"conversation_b\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"b1\"}]}";
        c.add(new Case("MT-Bench unknown winner", "mt1.jsonl", lines(String.format(mt, "model_a", "1"), String.format(mt, "model_c", "1")), d,
                "mt1.jsonl:2:", "field 'winner'", "model_c"));
        c.add(new Case("MT-Bench turn 2 of a one-turn conversation", "mt2.jsonl", lines(String.format(mt, "model_a", "1"), String.format(mt, "model_b", "2")), d,
                "mt2.jsonl:2:", "field 'conversation_a'", "too few for turn 2"));
        c.add(new Case("MT-Bench turn not a number", "mt3.jsonl", lines(String.format(mt, "model_a", "1"), String.format(mt, "model_b", "\"x\"")), d,
                "mt3.jsonl:2:", "field 'turn'"));
        c.add(new Case("CSV header only", "h.csv", lines("context,answer_a,answer_b,label"), d, "h.csv", "empty"));
        c.add(new Case("CSV short row", "short.csv", lines("context,answer_a,answer_b,label", "q,a,b,0", "q,a,0"), d,
                "short.csv:3:", "expected 4 columns"));
        c.add(new Case("CSV unclosed quote", "quote.csv", lines("context,answer_a,answer_b,label", "q,a,b,0", "\"q,a,b,1"), d,
                "quote.csv:3:", "never closed"));
        c.add(new Case("CSV unknown columns", "cols.csv", lines("x,y,z", "1,2,3"), d, "cols.csv:1:", "cannot tell which columns"));
        c.add(new Case("CSV bad label", "lab.csv", lines("context,answer_a,answer_b,label", "q,a,b,maybe"), d,
                "lab.csv:2:", "field 'label'", "maybe"));
        c.add(new Case("CSV duplicate header", "dup.csv", lines("context,answer_a,answer_a,label", "q,a,b,1"), d, "dup.csv:1:", "twice"));
        c.add(new Case("CSV mapping to a missing column", "map.csv", lines("q,r1,r2", "x,y,z"),
                new ImportOptions(null, 123, false, null, Map.of("context", "q", "a", "r1", "b", "nope")), "map.csv:1:", "no column 'nope'"));
        c.add(new Case("CSV invalid UTF-8", "u.csv", concat(lines("context,answer_a,answer_b,label", "q,a,b,0"), new byte[] {'q', ',', (byte) 0xFF, ',', 'b', ',', '1', '\n'}), d,
                "u.csv:3:", "invalid UTF-8"));
        byte[] gz = gzip(lines(GOOD, GOOD, GOOD, GOOD, GOOD, GOOD, GOOD, GOOD));
        c.add(new Case("truncated gzip", "t.jsonl.gz", Arrays.copyOf(gz, gz.length - 12), d, "t.jsonl.gz", "truncated or corrupt"));
        c.add(new Case("JSON array never closed", "open.json", utf8("[\n" + GOOD + ",\n" + GOOD + "\n"), d, "open.json", "JSON"));
        c.add(new Case("JSON array with a number", "an.json", utf8("[\n" + GOOD + ",\n42\n]"), d, "an.json:3:", "expected a JSON object, got a number"));
        c.add(new Case("unknown fields", "unk.jsonl", lines("{\"question\":\"q\",\"good\":\"a\",\"bad\":\"b\"}"), d, "unk.jsonl:1:", "cannot tell the format", "choose the format"));
        // An unknown format name is refused before an import starts: the choice is an enum (ImportOptionsTest).
        String big = "x".repeat(10 * 1024 * 1024);
        c.add(new Case("10 MB answer then a bad line", "big.jsonl",
                lines("{\"instruction\":\"q\",\"answer_0\":\"" + big + "\",\"answer_1\":\"b\",\"label\":0}", "{\"instruction\":\"q\"}"), d,
                "big.jsonl:2:", "field 'answer_0'", "missing"));
        c.add(new Case("BOM and CRLF, bad third line", "crlf.jsonl", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(GOOD + "\r\n" + GOOD + "\r\n{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":9}\r\n")), d,
                "crlf.jsonl:3:", "field 'label'"));
        c.add(new Case("every line broken, skipping", "allbad.jsonl", lines("{", "[", "{\"a\":1}"), d.withFormat("answer-label").withSkipInvalid(true),
                "allbad.jsonl", "no valid records"));
        c.add(new Case("line numbers count blank lines", "gaps.jsonl", lines(GOOD, "", "", GOOD, "{oops}"), d, "gaps.jsonl:5:", "malformed JSON"));
        // Issue 23, strict values: numbers that used to be truncated or wrapped into a valid label.
        c.add(new Case("label 2^32 (an int wraps it to 0, A)", "w0.jsonl", lines(GOOD, GOOD.replace("\"label\":0", "\"label\":4294967296")), d,
                "w0.jsonl:2:", "field 'label'", "expected 0 or 1, got 4294967296"));
        c.add(new Case("label 2^32+1 (an int wraps it to 1, B)", "w1.jsonl", lines(GOOD, GOOD.replace("\"label\":0", "\"label\":4294967297")), d,
                "w1.jsonl:2:", "field 'label'", "4294967297"));
        c.add(new Case("label 1.7", "l17.jsonl", lines(GOOD, GOOD.replace("\"label\":0", "\"label\":1.7")), d,
                "l17.jsonl:2:", "field 'label'", "1.7", "not a whole number"));
        c.add(new Case("label -0.0000001", "lneg.jsonl", lines(GOOD, GOOD.replace("\"label\":0", "\"label\":-1e-7")), d,
                "lneg.jsonl:2:", "field 'label'", "not a whole number"));
        String panda = "{\"instruction\":\"q\",\"input\":\"\",\"response1\":\"a\",\"response2\":\"b\","
                + "\"annotator1\":1,\"annotator2\":%s,\"annotator3\":%s}";
        c.add(new Case("PandaLM vote 1.7 (was counted as 1)", "pv.jsonl", lines(String.format(panda, "1", "1"), String.format(panda, "2", "1.7")), d,
                "pv.jsonl:2:", "field 'annotator3'", "expected 0 (tie), 1 or 2, got 1.7"));
        c.add(new Case("PandaLM vote 4294967297", "pv2.jsonl", lines(String.format(panda, "1", "1"), String.format(panda, "4294967297", "1")), d,
                "pv2.jsonl:2:", "field 'annotator2'", "4294967297"));
        c.add(new Case("MT-Bench turn 1.9 (was turn 1)", "mt4.jsonl", lines(String.format(mt, "model_a", "1"), String.format(mt, "model_b", "1.9")), d,
                "mt4.jsonl:2:", "field 'turn'", "1.9"));
        c.add(new Case("MT-Bench turn 4294967297 (an int wraps it to 1)", "mt5.jsonl",
                lines(String.format(mt, "model_a", "1"), String.format(mt, "model_b", "4294967297")), d, "mt5.jsonl:2:", "field 'turn'", "4294967297"));
        c.add(new Case("NUL in a CSV field", "nul.csv", concat(lines("context,answer_a,answer_b,label", "q,a,b,0"), utf8("q,\"a"), new byte[] {0},
                utf8("b\",b,1\n")), d, "nul.csv:3:", "field 'answer_a'", "NUL"));
        c.add(new Case("NUL in a CSV header", "nulh.csv", concat(utf8("context,answer_a,ans"), new byte[] {0}, utf8("wer_b,label\nq,a,b,0\n")), d,
                "nulh.csv:1:", "NUL"));
        c.add(new Case("NUL (\\u0000) in a JSON string", "nul.jsonl", lines(GOOD, GOOD.replace("\"b\"", "\"b\\u0000\"")), d,
                "nul.jsonl:2:", "field 'answer_1'", "NUL"));
        c.add(new Case("NUL in a chat message", "nul2.jsonl", lines("{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"}",
                "{\"prompt\":\"p\",\"chosen\":[{\"role\":\"assistant\",\"content\":\"x\\u0000y\"}],\"rejected\":\"b\"}"), d,
                "nul2.jsonl:2:", "field 'chosen[0].content'", "NUL"));
        c.add(new Case("NUL in an extra field", "nul3.jsonl", lines(GOOD, GOOD.replace("{", "{\"note\":[\"ok\",\"\\u0000\"],")), d,
                "nul3.jsonl:2:", "field 'note[1]'", "NUL"));
        c.add(new Case("gzip with trailing garbage", "tgz.jsonl.gz", concat(gzip(lines(GOOD, GOOD)), utf8("garbage")), d,
                "tgz.jsonl.gz", "trailing garbage"));
        c.add(new Case("gzip with trailing zeros", "tz.jsonl.gz", concat(gzip(lines(GOOD, GOOD)), new byte[1024]), d,
                "tz.jsonl.gz", "trailing garbage"));
        c.add(new Case("gzip CSV with trailing garbage", "tg.csv.gz", concat(gzip(lines("context,answer_a,answer_b,label", "q,a,b,0")), utf8("\n\n")), d,
                "tg.csv.gz", "trailing garbage"));
        c.add(new Case("gzip JSON array with trailing garbage", "tga.json.gz", concat(gzip(utf8("[" + GOOD + "]")), utf8("x")), d,
                "tga.json.gz", "trailing garbage"));
        c.add(new Case("gzip member with a bad checksum", "crc.jsonl.gz", corruptCrc(gzip(lines(GOOD, GOOD))), d,
                "crc.jsonl.gz", "truncated or corrupt"));
        String twoMb = "x".repeat(2 << 20);
        ImportOptions oneMb = d.withMaxLineMb(1);
        c.add(new Case("line over the cap", "cap.jsonl", lines(GOOD, GOOD.replace("\"a\"", "\"" + twoMb + "\""), GOOD), oneMb,
                "cap.jsonl:2:", "longer than 1 MB", "raise the largest record size"));
        c.add(new Case("array element over the cap", "cap.json", utf8("[\n" + GOOD + ",\n" + GOOD.replace("\"a\"", "\"" + twoMb + "\"") + "\n]"), oneMb,
                "cap.json:3:", "array element", "longer than 1 MB"));
        c.add(new Case("CSV row over the cap", "cap.csv", lines("context,answer_a,answer_b,label", "q,a,b,0", "q,\"" + twoMb + "\",b,1"), oneMb,
                "cap.csv:3:", "row", "longer than 1 MB"));
        c.add(new Case("zero bytes as TRL (like /dev/zero)", "zeros.jsonl", new byte[3 << 20], oneMb.withFormat("trl"),
                "zeros.jsonl:1:", "longer than 1 MB"));
        c.add(new Case("zero bytes, format detected", "zeros2.jsonl", new byte[3 << 20], oneMb,
                "zeros2.jsonl:1:", "longer than 1 MB"));
        return c;
    }

    /** A gzip file whose last member's CRC-32 no longer matches its data. */
    static byte[] corruptCrc(byte[] gz) {
        byte[] b = gz.clone();
        b[b.length - 8] ^= 1;
        return b;
    }

    @Test
    void gzipOfSeveralMembersIsReadWhole() throws Exception {
        Path input = dir.resolve("members.jsonl.gz");
        Files.write(input, concat(gzip(lines(GOOD, GOOD)), gzip(lines(GOOD)), gzip(new byte[0])));
        try (Project p = Project.create(dir.resolve("gz.pairlab"))) {
            assertEquals(3, ProjectFixture.importFile(p, input, ImportOptions.defaults()).imported());
        }
    }

    @Test
    void aRaisedCapReadsALongLine() throws Exception {
        Path input = dir.resolve("long.jsonl");
        Files.write(input, lines(GOOD, GOOD.replace("\"a\"", "\"" + "y".repeat(3 << 20) + "\"")));
        try (Project p = Project.create(dir.resolve("long.pairlab"))) {
            assertThrows(BadInputException.class, () -> ProjectFixture.importFile(p, input, ImportOptions.defaults().withMaxLineMb(2)));
            assertEquals(2, ProjectFixture.importFile(p, input, ImportOptions.defaults().withMaxLineMb(4)).imported());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenInputFailsClearlyAndLeavesTheProjectAsItWas() throws Exception {
        Path projectFile = dir.resolve("p.pairlab");
        Path good = dir.resolve("good.jsonl");
        Files.write(good, lines(GOOD, GOOD.replace("\"label\":0", "\"label\":1"), GOOD));
        try (Project p = Project.create(projectFile)) {
            ProjectFixture.importFile(p, good, ImportOptions.defaults());
        }
        List<Case> cases = cases();
        assertTrue(cases.size() >= 30, "at least 30 broken inputs, have " + cases.size());
        return cases.stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            Path input = dir.resolve(k.fileName());
            Files.write(input, k.bytes());
            try (Project p = Project.open(projectFile, Project.Access.READ_WRITE)) {
                String before = ProjectFixture.fingerprint(p);
                BadInputException e = assertThrows(BadInputException.class,
                        () -> ProjectFixture.importFile(p, input, k.options()));
                for (String fragment : k.expected()) {
                    assertTrue(e.getMessage().contains(fragment), "message lacks '" + fragment + "': " + e.getMessage());
                }
                assertEquals(before, ProjectFixture.fingerprint(p), "project changed");
                assertEquals(List.of(), p.integrityProblems());
                assertEquals(3, Pairs.count(p));
            }
        }));
    }

    @Test
    void skipInvalidImportsTheGoodRecordsAndReportsTheBadOnes() throws Exception {
        Path input = dir.resolve("mixed.jsonl");
        Files.write(input, lines(GOOD, "{broken", GOOD, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":7}", GOOD, "[]"));
        try (Project p = Project.create(dir.resolve("m.pairlab"))) {
            ImportReport r = ProjectFixture.importFile(p, input, ImportOptions.defaults().withSkipInvalid(true));
            assertEquals(3, r.imported());
            assertEquals(3, r.invalid());
            assertEquals(List.of(2L, 4L, 6L), r.errors().stream().map(e -> e.line()).toList());
            List<String> report = Files.readAllLines(r.errorReport());
            assertEquals(4, report.size());
            assertTrue(report.get(2).startsWith(input + ":4: field 'label'"), report.get(2));
            assertEquals(3, Pairs.count(p));
            assertEquals(3, ProjectFixture.all(p).stream().filter(x -> x.split() == Split.TRAIN).count());
        }
    }

    @Test
    void withoutSkipInvalidUpToTwentyErrorsAreListed() throws Exception {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            l.add(i % 2 == 0 ? GOOD : "{bad");
        }
        Path input = dir.resolve("many.jsonl");
        Files.write(input, lines(l.toArray(String[]::new)));
        try (Project p = Project.create(dir.resolve("many.pairlab"))) {
            BadInputException e = assertThrows(BadInputException.class, () -> ProjectFixture.importFile(p, input, ImportOptions.defaults()));
            assertEquals(21, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith(input + ":2: malformed JSON"), e.getMessage());
            assertTrue(e.getMessage().contains("stopped after 20 problems"));
            assertEquals(0, Pairs.count(p));
        }
    }
}
