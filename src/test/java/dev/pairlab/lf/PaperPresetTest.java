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
        return stats(data, preset, false);
    }

    private LfStats.Report stats(Path data, String preset, boolean exact) throws Exception {
        try (Project p = Project.create(dir.resolve(preset + (exact ? "-exact" : "") + ".pairlab"))) {
            ProjectFixture.importFile(p, data, ImportOptions.defaults());
            for (Map.Entry<String, LfDefinition> e : Presets.get(preset, exact).entrySet()) {
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

    /**
     * {@code lf preset mt-bench --exact} against an independent computation: a throwaway Python script
     * (not in the repository) that implements the reference notebook's length, amount_of_numbers and
     * regex LFs as the notebook does (len(), re.findall(r'\b\d+\b'), re.search over its pattern lists),
     * run once with Python 3.11 on the pairs as Pairlab imported them (exported with
     * {@code export --format answer-label}); its figures are written here. The feature LFs on
     * Pairlab's own reading-ease, lexical-diversity and VADER implementations are not in this check:
     * reproducing textstat, lexical_diversity and NLTK's VADER independently was out of reach.
     */
    @Test
    void exactMtBenchPresetEqualsTheReferenceCodesLfs() throws Exception {
        LfStats.Report r = stats(TestData.mtBenchTrain(), "mt-bench", true);
        assertEquals(6, r.lfs().size());
        // name, pairs voted on, correct, coverage, accuracy (Python, 3 decimals)
        check(r, "length", 856, 599, 0.953, 0.700);
        check(r, "amount_of_numbers", 570, 362, 0.635, 0.635);
        check(r, "regex", 275, 161, 0.306, 0.585);
    }

    /**
     * As above for HH 1 % (preset hh, seed 123's A/B order as imported), with the three keyword LFs:
     * the reference lists, words equal to a token of {@code answer.split(" ")}, case-sensitive, each
     * word counted once, fewer wins. Same Python script, same limits.
     */
    @Test
    void exactHhPresetEqualsTheReferenceCodesLfs() throws Exception {
        LfStats.Report r = stats(TestData.hh1(), "hh", true);
        assertEquals(9, r.lfs().size());
        check(r, "length", 1296, 692, 0.895, 0.534);
        check(r, "amount_of_numbers", 97, 61, 0.067, 0.629);
        check(r, "regex", 412, 216, 0.285, 0.524);
        check(r, "keyword_offensive", 21, 14, 0.015, 0.667);
        check(r, "keyword_harmful", 62, 35, 0.043, 0.565);
        check(r, "keyword_bad", 29, 18, 0.020, 0.621);
    }

    private static void check(LfStats.Report r, String name, long voted, long correct, double coverage, double accuracy) {
        LfStats.LfSummary s = r.lfs().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        assertEquals(correct, s.correct(), name + " correct");
        assertEquals(voted - correct, s.incorrect(), name + " incorrect");
        assertEquals(coverage, s.coverage(), 0.0005, name + " coverage");
        assertEquals(accuracy, s.accuracy(), 0.0005, name + " accuracy");
    }

    /** The reference code's flaws that the exact set keeps on purpose. */
    @Test
    void exactPresetKeepsTheReferenceCodesFlaws() throws Exception {
        PatternRule.Compiled harmful = ((PatternRule) Presets.get("hh", true).get("keyword_harmful")).compile();
        assertEquals(-1, harmful.score("how to kill a process"));
        assertEquals(0, harmful.score("Kill it"), "case-sensitive");
        assertEquals(0, harmful.score("do not kill."), "space-split: 'kill.' is not 'kill'");
        assertEquals(0, harmful.score("kill\nnow"), "space-split: a newline does not split");
        assertEquals(-1, harmful.score("kill kill kill"), "each word counted once");
        PatternRule.Compiled bad = ((PatternRule) Presets.get("hh", true).get("keyword_bad")).compile();
        assertEquals(0, bad.score("a blue waffle"), "a listed phrase with a space never equals a token");
        PatternRule.Compiled regex = ((PatternRule) Presets.get("hh", true).get("regex")).compile();
        assertEquals(0, regex.score("Sooooo"), "HH's run-of-characters pattern is broken by escaping there");
        PatternRule.Compiled mt = ((PatternRule) Presets.get("mt-bench", true).get("regex")).compile();
        assertEquals(1, mt.score("Sooooo"), "MT-Bench's is not");
        assertEquals(1, mt.score("According to him"));
        assertEquals(0, mt.score("according to him"), "case-sensitive, unlike the cleaned-up set");
        assertEquals(1, ((PatternRule) Presets.get("mt-bench").get("regex")).compile().score("according to him"));
    }
}
