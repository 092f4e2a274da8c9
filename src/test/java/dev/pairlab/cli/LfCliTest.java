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

class LfCliTest {

    @TempDir
    Path dir;

    private String project() {
        String p = dir.resolve("mt.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        assertEquals(0, CliTest.run("import", p, TestData.mtBenchTrain().toString(), "-q").code());
        return p;
    }

    @Test
    void presetStatsJsonAndMatrix() throws Exception {
        String p = project();
        CliTest.Run preset = CliTest.run("lf", "preset", p, "mt-bench", "--json");
        assertEquals(6, preset.json().get("lfs").size());
        CliTest.Run stats = CliTest.run("lf", "stats", p, "--json", "-q");
        assertEquals(0, stats.code(), stats.err());
        JsonNode length = stats.json().get("lfs").get(0);
        assertEquals("length", length.get("name").asText());
        assertEquals(599, length.get("correct").asInt());
        assertEquals(257, length.get("incorrect").asInt());
        for (String key : List.of("polarity", "coverage", "overlaps", "conflicts", "accuracy")) {
            assertTrue(length.has(key), key);
        }
        Path csv = dir.resolve("L.csv");
        assertEquals(0, CliTest.run("lf", "matrix", p, "--out", csv.toString(), "-q").code());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(899, lines.size());
        assertEquals("id,length,reading_ease,lexical_diversity,vader_polarity,amount_of_numbers,regex,gold", lines.get(0));
        assertTrue(lines.get(1).startsWith("1,") && lines.get(1).endsWith(",0"), lines.get(1));
        CliTest.Run wrong = CliTest.run("lf", "stats", p, "--wrong", "length", "--json", "-q");
        assertEquals(257, wrong.json().get("wrong").size());
    }

    @Test
    void addListShowDisableRemove() throws Exception {
        String p = project();
        assertEquals(0, CliTest.run("lf", "add", p, "longer", "--kind", "feature", "--feature", "length", "--prefer", "higher", "--min", "50").code());
        assertEquals(0, CliTest.run("lf", "add", p, "hedges", "--kind", "pattern", "--bad", "\\bmaybe\\b", "\\bperhaps\\b").code());
        Path code = dir.resolve("lists.java");
        Files.writeString(code, "return p.featureA(\"list_items\") > p.featureB(\"list_items\") ? A : ABSTAIN;\n");
        CliTest.Run add = CliTest.run("lf", "add", p, "lists", "--kind", "code", "--file", code.toString(), "--json");
        assertEquals(0, add.code(), add.err());
        assertEquals(1, add.json().get("version").asInt());
        CliTest.Run again = CliTest.run("lf", "add", p, "longer", "--kind", "feature", "--feature", "length", "--prefer", "higher", "--min", "80", "--json");
        assertEquals(2, again.json().get("version").asInt());
        JsonNode list = CliTest.run("lf", "list", p, "--json").json().get("lfs");
        assertEquals(3, list.size());
        assertEquals("prefer higher length, abstain if |Δ| < 80", list.get(0).get("describe").asText());
        JsonNode show = CliTest.run("lf", "show", p, "lists", "--json").json();
        assertTrue(show.get("definition").get("source").asText().contains("list_items"));
        assertEquals(0, CliTest.run("lf", "disable", p, "hedges").code());
        CliTest.Run stats = CliTest.run("lf", "stats", p, "--json", "-q");
        assertEquals(2, stats.json().get("lfs").size());
        assertEquals(0, CliTest.run("lf", "rm", p, "lists").code());
        assertEquals(2, CliTest.run("lf", "list", p, "--json").json().get("lfs").size());
        assertEquals(1, CliTest.run("lf", "rm", p, "lists").code());
    }

    @Test
    void aCodeLfThatDoesNotCompileIsRefusedWithItsPosition() throws Exception {
        String p = project();
        Path code = dir.resolve("broken.java");
        Files.writeString(code, "double d = p.delta(\"length\");\nreturn d > 0 ? B : ;\n");
        CliTest.Run r = CliTest.run("lf", "add", p, "broken", "--kind", "code", "--file", code.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("pairlab: " + code + ":2:"), r.err());
        assertEquals(0, CliTest.run("lf", "list", p, "--json").json().get("lfs").size());
        CliTest.Run badFeature = CliTest.run("lf", "add", p, "x", "--kind", "feature", "--feature", "nope", "--prefer", "higher");
        assertEquals(1, badFeature.code());
        assertTrue(badFeature.err().contains("unknown feature 'nope'"), badFeature.err());
        CliTest.Run badRegex = CliTest.run("lf", "add", p, "x", "--kind", "pattern", "--good", "(oops");
        assertEquals(1, badRegex.code());
        assertTrue(badRegex.err().contains("good pattern 1"), badRegex.err());
    }

    @Test
    void analyzeFeaturesSuggestsRules() throws Exception {
        String p = project();
        CliTest.Run r = CliTest.run("analyze", "features", p, "--json", "-q");
        assertEquals(0, r.code(), r.err());
        JsonNode length = r.json().get("features").get(0);
        assertEquals("length", length.get("name").asText());
        assertEquals("higher", length.get("suggested_prefer").asText());
        assertEquals(898, length.get("pairs").asInt());
        assertTrue(length.get("preferred_mean").asDouble() > length.get("rejected_mean").asDouble());
        // The suggestion's interval and its accuracy where length cannot explain it.
        assertTrue(length.get("suggested_accuracy_ci95_low").asDouble() < length.get("suggested_accuracy").asDouble());
        assertTrue(length.get("suggested_verdict").asText().contains("length-matched pairs"));
        assertEquals("length_matched", length.get("suggested_by_length").get(1).get("group").asText());
        assertEquals("[\"train\"]", r.json().get("splits").toString());
    }
}
