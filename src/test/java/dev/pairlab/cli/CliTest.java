package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.pairs.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a script sees it: exit codes, one JSON object with --json, one-line errors. */
class CliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void newImportSplitInfoExportWorkTogether() throws Exception {
        String p = dir.resolve("mt.pairlab").toString();
        assertEquals(0, run("new", p).code());
        Run imp = run("import", p, TestData.mtBenchTrain().toString(), "--json", "-q");
        assertEquals(0, imp.code(), imp.err());
        assertEquals(898, imp.json().get("imported").asInt());
        assertEquals("answer-label", imp.json().get("format").asText());
        Run test = run("import", p, TestData.mtBenchEval().toString(), "--split", "test", "--json", "-q");
        assertEquals(386, test.json().get("splits").get("test").asInt());
        Run split = run("split", p, "--eval", "0", "--labeled", "0.1", "--seed", "123", "--json", "-q");
        assertEquals(0, split.code(), split.err());
        assertEquals(90, split.json().get("splits").get("train").asInt());
        assertEquals(808, split.json().get("splits").get("pool").asInt());
        Run info = run("info", p, "--json");
        JsonNode j = info.json();
        assertEquals(1284, j.get("pairs").asInt());
        assertEquals(386, j.get("splits").get("test").get("pairs").asInt());
        assertEquals(185, j.get("splits").get("test").get("gold_a").asInt());
        assertEquals(90, j.get("splits").get("train").get("pairs").asInt());
        assertTrue(j.get("splits").get("pool").get("gold_hidden").asBoolean());
        assertTrue(j.get("lengths").get("answers").get("median").asInt() > 100);
        Path out = dir.resolve("train.jsonl");
        Run export = run("export", p, "--format", "trl", "--out", out.toString(), "--split", "train,test", "--json", "-q");
        assertEquals(0, export.code(), export.err());
        assertEquals(476, export.json().get("written").asInt());
        List<String> lines = Files.readAllLines(out);
        assertEquals(476, lines.size());
        for (String line : lines) {
            JsonNode n = Json.MAPPER.readTree(line);
            assertTrue(n.get("prompt").isTextual() && n.get("chosen").isTextual() && n.get("rejected").isTextual());
        }
        Run pool = run("export", p, "--format", "trl", "--out", dir.resolve("pool.jsonl").toString(), "--split", "pool", "--json", "-q");
        assertEquals(0, pool.json().get("written").asInt(), "pool gold is hidden");
        assertEquals(808, pool.json().get("skipped").asInt());
        Run revealed = run("export", p, "--format", "trl", "--out", dir.resolve("pool.jsonl").toString(), "--split", "pool",
                "--include-hidden", "--json", "-q");
        assertEquals(808, revealed.json().get("written").asInt());
    }

    /** Three public evaluation sets of this shape were refused ("cannot tell the format") and --col was ignored. */
    @Test
    void importMapsJsonFieldsAndLabelValues() throws Exception {
        String p = dir.resolve("ev.pairlab").toString();
        run("new", p);
        Path f = dir.resolve("ev.jsonl");
        Files.writeString(f, "{\"input\":\"q1\",\"output_1\":\"x\",\"output_2\":\"yy\",\"label\":2}\n"
                + "{\"input\":\"q2\",\"output_1\":\"u\",\"output_2\":\"v\",\"label\":1}\n");
        Run refused = run("import", p, f.toString(), "-q");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("map the fields in the column map: context=FIELD") && refused.err().strip().endsWith("[--format, --col, --label-map]"),
                "detection failing points at the column map, and the CLI names its flags: " + refused.err());
        Run missing = run("import", p, f.toString(), "-q", "--col", "context=input", "--col", "a=output_1", "--col", "b=output_3");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("pairlab: " + f + ":1: field 'output_3': missing; the record has the fields"
                + " [input, output_1, output_2, label]"), missing.err());
        Run unmapped = run("import", p, f.toString(), "-q", "--col", "context=input", "--col", "a=output_1", "--col", "b=output_2",
                "--col", "label=label", "--label-map", "2=b");
        assertEquals(1, unmapped.code());
        assertTrue(unmapped.err().startsWith("pairlab: " + f + ":2: field 'label': value 1 is not in the label map (2=b)"), unmapped.err());
        assertTrue(unmapped.err().strip().endsWith("[--label-map, --skip-invalid]"), unmapped.err());
        Run ok = run("import", p, f.toString(), "-q", "--json", "--col", "context=input", "--col", "a=output_1", "--col", "b=output_2",
                "--col", "label=label", "--label-map", "1=a,2=b");
        assertEquals(0, ok.code(), ok.err());
        assertEquals("json", ok.json().get("format").asText());
        assertEquals(2, ok.json().get("imported").asInt());
        assertEquals(1, run("import", p, f.toString(), "-q", "--format", "trl", "--col", "context=input").code(),
                "a mapping the format would ignore is refused");
        Run role = run("import", p, f.toString(), "-q", "--col", "contxt=input");
        assertEquals("pairlab: --col: the column map names an unknown role 'contxt' (use one of [context, a, b, label, chosen, rejected])\n",
                role.err(), "the record's problem, under the flag the CLI calls the column map");
    }

    @Test
    void badInputAndUsageExitWith1AndOneLine() throws Exception {
        String p = dir.resolve("p.pairlab").toString();
        run("new", p);
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"instruction\":\"q\",\"answer_0\":\"a\",\"answer_1\":\"b\",\"label\":\"x\"}\n");
        Run r = run("import", p, bad.toString(), "-q");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("pairlab: " + bad + ":1: field 'label': expected 0 or 1"), r.err());
        assertEquals(1, run("import", p).code(), "missing FILE is a usage error");
        assertEquals(1, run("frobnicate").code());
        assertEquals(1, run("info", dir.resolve("missing.pairlab").toString()).code());
        assertEquals(1, run("new", p).code(), "exists already");
        Run badSplit = run("split", p, "--eval", "2", "--labeled", "-1");
        assertEquals(1, badSplit.code());
        assertEquals("pairlab: --eval: the test share must be a fraction between 0 and 1 (got 2.0)\n"
                + "pairlab: --labeled: the labeled share must be a fraction between 0 and 1 (got -1.0)\n", badSplit.err(),
                "every problem of the parameter record, each under the option's name");
        assertEquals(1, run("import", p, bad.toString(), "--split", "nowhere").code());
        Run empty = run("info", p, "--json");
        assertEquals(0, empty.json().get("pairs").asInt());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("new", "import", "info", "split", "export", "formats", "bench")) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Usage: pairlab " + cmd), r.out());
        }
        Run formats = run("formats");
        for (String id : List.of("hh", "trl", "answer-label", "mt-bench", "csv")) {
            assertTrue(formats.out().contains(id), formats.out());
        }
    }
}
