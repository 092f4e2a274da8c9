package dev.pairlab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared real data imports with the right counts and the right gold labels. */
class RealDataImportTest {

    @TempDir
    Path dir;

    private List<Pair> importAll(Path file, ImportOptions options) throws Exception {
        try (Project p = Project.create(dir.resolve(file.getFileName() + ".pairlab"))) {
            ProjectFixture.importFile(p, file, options);
            return ProjectFixture.all(p);
        }
    }

    @Test
    void mtBenchTrainHas898PairsWithLabelsAsInTheFile() throws Exception {
        List<Pair> pairs = importAll(TestData.mtBenchTrain(), ImportOptions.defaults());
        assertEquals(898, pairs.size());
        assertEquals(471, pairs.stream().filter(p -> p.gold() == Gold.A).count());
        assertEquals(427, pairs.stream().filter(p -> p.gold() == Gold.B).count());
        Pair first = pairs.get(0);
        assertEquals(Gold.A, first.gold());
        assertTrue(first.answerA().startsWith("As an AI language model, I cannot perform calculations"));
        assertTrue(first.context().startsWith("\n\nHuman: The city of Vega intends to build a bridge"));
        assertTrue(first.context().endsWith("\n\nAssistant: "));
        Pair second = pairs.get(1);
        assertEquals(Gold.B, second.gold());
        assertTrue(second.answerA().startsWith("I like dancing but I don't have a favorite style."));
        assertTrue(second.chosen().startsWith("Well, I'm not exactly known for my dancing skills"));
        assertEquals(Split.TRAIN, first.split());
        assertEquals(1, first.sourceRow());
    }

    @Test
    void mtBenchEvaluationHas386PairsAndGoesToTestWhenAsked() throws Exception {
        List<Pair> pairs = importAll(TestData.mtBenchEval(), ImportOptions.defaults().withSplit(Split.TEST));
        assertEquals(386, pairs.size());
        assertTrue(pairs.stream().allMatch(p -> p.split() == Split.TEST));
        assertEquals(Gold.B, pairs.get(0).gold());
        assertTrue(pairs.get(0).chosen().startsWith("It is difficult to provide an accurate estimate for the budg"));
        assertEquals(Gold.A, pairs.get(385).gold());
        assertTrue(pairs.get(385).chosen().startsWith("Here are three similar examples in YAML format:"));
    }

    @Test
    void ultraFeedbackHas968PairsWithInstructionAsContext() throws Exception {
        List<Pair> pairs = importAll(TestData.ub2(), ImportOptions.defaults());
        assertEquals(968, pairs.size());
        Pair first = pairs.get(0);
        assertEquals(Gold.A, first.gold());
        assertTrue(first.context().startsWith("Can you suggest some highly specialized and obscure online courses"));
        assertTrue(first.chosen().startsWith("I'm glad you're interested in exploring unique and specializ"));
        assertEquals(Gold.B, pairs.get(967).gold());
        assertTrue(pairs.get(967).rejected().startsWith("Yes, as technology continues to advance and improve, synthes"));
    }

    @Test
    void hhTranscriptsSplitIntoSharedContextAndLastAnswersWithChosenKnown() throws Exception {
        Path file = TestData.hh1();
        List<Pair> pairs = importAll(file, ImportOptions.defaults());
        assertEquals(1448, pairs.size());
        List<JsonNode> raw = readJsonLines(file, false);
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            String chosen = raw.get(i).get("chosen").textValue();
            String rejected = raw.get(i).get("rejected").textValue();
            // Independent of the importer: context + preferred answer rebuilds the chosen transcript.
            assertEquals(chosen, p.context() + p.chosen(), "row " + (i + 1));
            assertEquals(rejected, p.context() + p.rejected(), "row " + (i + 1));
            assertTrue(p.context().endsWith("Assistant: ") || p.context().endsWith("Assistant:"), "row " + (i + 1));
        }
        long a = pairs.stream().filter(p -> p.gold() == Gold.A).count();
        // The seeded swap puts the chosen answer first about half the time, not always.
        assertTrue(a > 650 && a < 800, "chosen placed as A " + a + " times of 1448");
        assertEquals("Do you mean for Thanksgiving?", pairs.get(0).chosen().substring(0, 29));
        assertEquals("You’re welcome.  I hope you enjoyed this conversation.",
                pairs.get(1).chosen().substring(pairs.get(1).chosen().length() - 54));
    }

    @Test
    void gzippedHarmlessBaseImports2312Pairs() throws Exception {
        Path file = TestData.harmlessTest();
        List<Pair> pairs = importAll(file, ImportOptions.defaults().withSplit(Split.TEST));
        assertEquals(2312, pairs.size());
        List<JsonNode> raw = readJsonLines(file, true);
        assertEquals(raw.get(0).get("chosen").textValue(), pairs.get(0).context() + pairs.get(0).chosen());
        assertTrue(pairs.get(0).chosen().endsWith("the point is that you can get funny results by doing pranks with pens."));
    }

    @Test
    void theSwapSeedChangesOrderButNotContent() throws Exception {
        List<Pair> s123 = importAll(TestData.hh1(), ImportOptions.defaults());
        Files.move(dir.resolve(TestData.hh1().getFileName() + ".pairlab"), dir.resolve("first.pairlab"));
        List<Pair> s7 = importAll(TestData.hh1(), ImportOptions.defaults().withSeed(7));
        int differ = 0;
        for (int i = 0; i < s123.size(); i++) {
            assertEquals(s123.get(i).chosen(), s7.get(i).chosen());
            assertEquals(s123.get(i).rejected(), s7.get(i).rejected());
            if (s123.get(i).gold() != s7.get(i).gold()) {
                differ++;
            }
        }
        assertTrue(differ > 600 && differ < 850, "orders differing between seeds: " + differ);
    }

    static List<JsonNode> readJsonLines(Path file, boolean gzip) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(Json.MAPPER.readTree(line));
                }
            }
        }
        return out;
    }
}
