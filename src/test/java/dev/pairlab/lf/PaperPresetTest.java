package dev.pairlab.lf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.TestData;
import dev.pairlab.analysis.LfStats;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper preset on real data, checked against an independent computation straight from the
 * raw files (no Pairlab parsing, features or LF code involved).
 */
class PaperPresetTest {

    @TempDir
    Path dir;

    private LfStats.Report stats(Path data, String preset) throws Exception {
        try (Project p = Project.create(dir.resolve(preset + ".pairlab"))) {
            ProjectFixture.importFile(p, data, ImportOptions.defaults());
            for (Map.Entry<String, LfDefinition> e : Presets.get(preset).entrySet()) {
                Lfs.save(p, e.getKey(), e.getValue().kind(), e.getValue().toJson().toString());
            }
            ProjectLabeling.Labeled l = ProjectLabeling.label(p, false, ProgressListener.NONE, Cancellation.none());
            assertTrue(l.problems().isEmpty(), l.problems().toString());
            return LfStats.compute(l.matrix(), Subsets.rows(l.labels(), EnumSet.of(Split.TRAIN)), l.labels().gold());
        }
    }

    /** Coverage and accuracy of "prefer the higher value, abstain if |Δ| < t" computed from raw (a, b, gold) triples. */
    record Expected(double coverage, double accuracy, long correct, long incorrect) {
    }

    interface Measure {
        double of(String text);
    }

    static Expected rule(List<String[]> abg, Measure m, double t) {
        long voted = 0;
        long correct = 0;
        for (String[] x : abg) {
            double d = m.of(x[1]) - m.of(x[0]);
            if (d == 0 || Math.abs(d) < t) {
                continue;
            }
            voted++;
            int vote = d > 0 ? 1 : 0;
            if (vote == Integer.parseInt(x[2])) {
                correct++;
            }
        }
        return new Expected((double) voted / abg.size(), (double) correct / voted, correct, voted - correct);
    }

    static int integers(String s) {
        Matcher m = Pattern.compile("\\b\\d+\\b").matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void mtBenchLengthAndNumbersMatchAnIndependentComputation() throws Exception {
        Path data = TestData.mtBenchTrain();
        List<String[]> abg = Files.readAllLines(data).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                JsonNode n = Json.MAPPER.readTree(l);
                return new String[] {n.get("answer_0").asText(), n.get("answer_1").asText(), n.get("label").asText()};
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        LfStats.Report r = stats(data, "mt-bench");
        Expected length = rule(abg, s -> s.codePointCount(0, s.length()), 20);
        LfStats.LfSummary got = r.lfs().get(0);
        assertEquals("length", got.name());
        assertEquals(length.correct(), got.correct());
        assertEquals(length.incorrect(), got.incorrect());
        assertEquals(length.coverage(), got.coverage(), 1e-12);
        // The reference figures: coverage about 0.95, accuracy about 0.70.
        assertEquals(0.95, got.coverage(), 0.01);
        assertEquals(0.70, got.accuracy(), 0.01);
        Expected numbers = rule(abg, PaperPresetTest::integers, 1);
        LfStats.LfSummary num = r.lfs().get(4);
        assertEquals("amount_of_numbers", num.name());
        assertEquals(numbers.correct(), num.correct());
        assertEquals(numbers.incorrect(), num.incorrect());
        assertEquals(6, r.lfs().size());
    }

    @Test
    void hhLengthMatchesAnIndependentComputation() throws Exception {
        Path data = TestData.hh1();
        // Independent: the preferred answer is the tail of "chosen" after the shared prefix; A/B order
        // does not change a length rule's correctness, so compare chosen with rejected directly.
        List<String[]> abg = Files.readAllLines(data).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                JsonNode n = Json.MAPPER.readTree(l);
                String c = n.get("chosen").asText();
                String rj = n.get("rejected").asText();
                int i = 0;
                while (i < Math.min(c.length(), rj.length()) && c.charAt(i) == rj.charAt(i)) {
                    i++;
                }
                int turn = c.lastIndexOf("\n\nAssistant:", i - 12);
                int start = turn + 12;
                if (start < i && c.charAt(start) == ' ') {
                    start++;
                }
                return new String[] {c.substring(start), rj.substring(start), "0"};
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        LfStats.Report r = stats(data, "hh");
        Expected length = rule(abg, s -> s.codePointCount(0, s.length()), 20);
        LfStats.LfSummary got = r.lfs().get(0);
        assertEquals(length.correct(), got.correct());
        assertEquals(length.incorrect(), got.incorrect());
        assertEquals(0.90, got.coverage(), 0.01);
        assertEquals(0.53, got.accuracy(), 0.01);
        assertEquals(9, r.lfs().size());
    }
}
