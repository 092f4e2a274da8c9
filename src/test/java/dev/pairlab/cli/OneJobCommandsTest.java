package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.store.WalkthroughProject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that now only parse, run a core job and print: their text on the README walkthrough's MT-Bench
 * project is what it was before the jobs (lines captured from the jar of commit 05a92ba), and a wrong choice
 * is said in the user's words.
 */
class OneJobCommandsTest {

    @TempDir
    static Path dir;

    static String p;

    @BeforeAll
    static void walkthrough() throws Exception {
        p = WalkthroughProject.create(dir).toString();
        assertEquals(0, CliTest.run("lf", "preset", p, "mt-bench").code());
    }

    private static List<String> lines(String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        return r.out().lines().toList();
    }

    @Test
    void infoPrintsTheSplitTableAsBefore() {
        List<String> out = lines("info", p);
        assertEquals(List.of("Project mt: 1284 pairs",
                "  split     pairs   gold A   gold B  unlabeled",
                "  train        90       50       40          0",
                "  test        386      185      201          0",
                "  pool        808                (gold hidden)",
                "  lengths (characters)   mean  median     p95      max",
                "  context                1372    1165    3007     5875",
                "  answers                 879     607    2526     5354"), out.subList(0, 8));
    }

    @Test
    void analyzeFeaturesPrintsTheLengthRowAsBefore() {
        List<String> out = lines("analyze", "features", p, "-q");
        assertEquals("feature            unit         pairs  pref.mean   rej.mean  pref>rej prefer     min|Δ| coverage accuracy", out.get(0));
        assertEquals("length             characters      90    1001.71     800.23     0.711 higher       0.00    1.000    0.711", out.get(1));
        assertTrue(out.contains("The suggested rules on the train split, by length:"), String.join("\n", out));
    }

    @Test
    void lfListMatrixAndEditsPrintAsBefore() {
        assertEquals("length               feature  v1            prefer higher length, abstain if |Δ| < 20", lines("lf", "list", p).get(0));
        assertEquals(List.of("Saved LF 'len' version 1: prefer higher length, abstain if |Δ| < 20"),
                lines("lf", "add", p, "len", "--kind", "feature", "--feature", "length", "--prefer", "Higher", "--min", "20"));
        assertEquals(List.of("Saved LF 'pat' version 1: keywords: 2 good, 1 bad, count presence, whole words"),
                lines("lf", "add", p, "pat", "--kind", "pattern", "--good", "thank", "sure", "--bad", "sorry", "--keywords", "--whole-word"));
        assertEquals(List.of(), lines("lf", "disable", p, "pat"));
        assertEquals(List.of("Wrote 90 rows x 7 LFs to " + dir.resolve("m.csv")),
                lines("lf", "matrix", p, "-q", "--out", dir.resolve("m.csv").toString(), "--split", "train"));
        assertEquals(List.of("Removed LF 'pat'"), lines("lf", "rm", p, "pat"));
        CliTest.Run again = CliTest.run("lf", "rm", p, "pat");
        assertEquals(1, again.code());
        assertEquals("pairlab: no LF named 'pat' in " + p + "\n", again.err());
        assertEquals(List.of("The project has no code LFs or LLM judges."), lines("lf", "trust", p, "--all"));
        assertEquals(List.of(), lines("model", "list", p));
    }

    @Test
    void aWrongDirectionOrCountIsSaidInTheUsersWords() {
        // Before: "pairlab: No enum constant dev.pairlab.lf.FeatureRule.Prefer.SIDEWAYS" (and ...PatternRule.Count.NOSUCH).
        CliTest.Run prefer = CliTest.run("lf", "add", p, "x", "--kind", "feature", "--feature", "length", "--prefer", "sideways");
        assertEquals(1, prefer.code());
        assertTrue(prefer.err().startsWith("pairlab: Invalid value for option '--prefer': a feature rule prefers higher or lower, not 'sideways'"),
                prefer.err());
        CliTest.Run count = CliTest.run("lf", "add", p, "x", "--kind", "pattern", "--good", "a", "--count", "nosuch");
        assertEquals(1, count.code());
        assertTrue(count.err().startsWith("pairlab: Invalid value for option '--count': a pattern rule counts presence or occurrences, not 'nosuch'"),
                count.err());
    }
}
