package dev.pairlab.lf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.WalkthroughProject;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LF workflows as core jobs (lf add, preset, rm/enable/disable, trust) on the README walkthrough's MT-Bench project. */
class LfJobsTest {

    @TempDir
    static Path dir;

    static Path file;

    @BeforeAll
    static void walkthrough() throws Exception {
        file = WalkthroughProject.create(dir);
    }

    private static <R> R run(dev.pairlab.task.Workflow<R> job) throws Exception {
        return job.run(ProgressListener.NONE, Cancellation.none());
    }

    @Test
    void thePresetAddsThePapersSixLfsInOrderAndAgainAsNewVersions() throws Exception {
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            Map<String, LfDefinition> added = run(new PresetAdding.Job(p, new PresetAdding.Params(PresetAdding.Preset.MT_BENCH, false)));
            assertEquals(List.of("length", "reading_ease", "lexical_diversity", "vader_polarity", "amount_of_numbers", "regex"),
                    List.copyOf(added.keySet()));
            assertEquals("prefer higher length, abstain if |Δ| < 20", added.get("length").describe());
            int before = Lfs.get(p, "regex").version();
            run(new PresetAdding.Job(p, new PresetAdding.Params(PresetAdding.Preset.parse("MT-bench"), true)));
            assertTrue(Lfs.get(p, "regex").version() > before, "the exact set saves a new version of regex");
        }
        LfException unknown = assertThrows(LfException.class, () -> PresetAdding.Preset.parse("nosuch"));
        assertEquals("unknown preset 'nosuch' (presets: hh, ub, ubp, mt-bench)", unknown.getMessage());
        assertEquals("preset", new PresetAdding.Params(null, false).validate().get(0).field());
    }

    @Test
    void savingAnLfAddsVersionsAndANewLfNeedsAValidName() throws Exception {
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            LfRecord v1 = run(new LfEdit.SaveJob(p, new LfEdit.Save("len", new FeatureRule("length", FeatureRule.Prefer.HIGHER, 20, null))));
            assertEquals(1, v1.version());
            assertEquals("feature", v1.kind());
            LfRecord v2 = run(new LfEdit.SaveJob(p, new LfEdit.Save("len", new FeatureRule("length", FeatureRule.Prefer.LOWER, 5, 900.0))));
            assertEquals(2, v2.version());
            assertEquals("prefer lower length, abstain if |Δ| < 5 or > 900", LfDefinition.parse(v2.kind(), Lfs.get(p, "len").definition()).describe());
            BadInputException badName = assertThrows(BadInputException.class,
                    () -> run(new LfEdit.SaveJob(p, new LfEdit.Save("bad name!", new FeatureRule("length", FeatureRule.Prefer.HIGHER, 0, null)))));
            assertEquals("the LF name 'bad name!' has a space in it; use only letters, digits, '_', '-' and '.'", badName.getMessage());
            assertEquals(null, Lfs.get(p, "bad name!"));
            InvalidParametersException noDefinition = assertThrows(InvalidParametersException.class,
                    () -> run(new LfEdit.SaveJob(p, new LfEdit.Save("x", null))));
            assertEquals("definition", noDefinition.problems().get(0).field());
        }
    }

    @Test
    void disableEnableAndRemoveChangeTheStoredLfAndRefuseAnUnknownName() throws Exception {
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            run(new LfEdit.SaveJob(p, new LfEdit.Save("words", new FeatureRule("word_count", FeatureRule.Prefer.HIGHER, 10, null))));
            run(new LfEdit.ChangeJob(p, "words", LfEdit.Change.DISABLE));
            assertFalse(Lfs.get(p, "words").enabled());
            run(new LfEdit.ChangeJob(p, "words", LfEdit.Change.ENABLE));
            assertTrue(Lfs.get(p, "words").enabled());
            run(new LfEdit.ChangeJob(p, "words", LfEdit.Change.REMOVE));
            assertEquals(null, Lfs.get(p, "words"));
            for (LfEdit.Change change : LfEdit.Change.values()) {
                BadInputException none = assertThrows(BadInputException.class, () -> run(new LfEdit.ChangeJob(p, "words", change)));
                assertEquals("no LF named 'words' in " + file, none.getMessage());
            }
        }
    }

    @Test
    void aCodeLfSavedHereIsTrustedAndTrustCanBeTakenBack() throws Exception {
        String source = "return p.delta(\"length\") > 0 ? B : A;\n";
        CodeTrust trust = CodeTrust.forUser();
        try (Project p = Project.open(file, Project.Access.READ_WRITE)) {
            run(new LfEdit.SaveJob(p, new LfEdit.Save("longer", new CodeRule(source))));
            assertTrue(trust.trusts(CodeTrust.content(Lfs.get(p, "longer"))));
            TrustChange.Result revoked = run(new TrustChange.Job(p, new TrustChange.Params(List.of("longer"), false, true), trust));
            assertEquals(List.of(new TrustChange.Entry("longer", CodeTrust.hash(CodeTrust.content(Lfs.get(p, "longer"))), false)), revoked.lfs());
            assertFalse(trust.trusts(CodeTrust.content(Lfs.get(p, "longer"))));
            TrustChange.Result all = run(new TrustChange.Job(p, new TrustChange.Params(List.of(), true, false), trust));
            assertEquals(List.of("longer"), all.lfs().stream().map(TrustChange.Entry::name).toList());
            assertTrue(trust.trusts(CodeTrust.content(Lfs.get(p, "longer"))));
            assertEquals(trust.file(), all.store());
            run(new LfEdit.SaveJob(p, new LfEdit.Save("len2", new FeatureRule("length", FeatureRule.Prefer.HIGHER, 20, null))));
            BadInputException feature = assertThrows(BadInputException.class,
                    () -> run(new TrustChange.Job(p, new TrustChange.Params(List.of("len2"), false, false), trust)));
            assertEquals("LF 'len2' is a feature LF; only code LFs and LLM judges need trust", feature.getMessage());
        }
        assertEquals(1, new TrustChange.Params(List.of(), false, false).validate().size());
        assertEquals(1, new TrustChange.Params(List.of("a"), true, false).validate().size());
    }

    @Test
    void aCodeLfFileIsCompiledAndItsMistakesNamedByFileLineAndColumn() throws Exception {
        Path good = dir.resolve("longer.java");
        java.nio.file.Files.writeString(good, "return p.delta(\"length\") > 0 ? B : A;\n");
        assertEquals("return p.delta(\"length\") > 0 ? B : A;\n", LfEdit.codeLf(good).source());
        Path bad = dir.resolve("bad.java");
        java.nio.file.Files.writeString(bad, "int x = 1;\nreturn nosuch;\n");
        BadInputException compile = assertThrows(BadInputException.class, () -> LfEdit.codeLf(bad));
        assertTrue(compile.getMessage().startsWith(bad + ":2:"), compile.getMessage());
        BadInputException missing = assertThrows(BadInputException.class, () -> LfEdit.codeLf(dir.resolve("none.java")));
        assertEquals(dir.resolve("none.java") + ": no such file", missing.getMessage());
    }

    @Test
    void theKindIsOneOfFiveKeys() throws Exception {
        assertEquals(LfKind.LLM, LfKind.parse("llm"));
        assertEquals(JudgeRule.KIND, LfKind.LLM.key());
        LfException bad = assertThrows(LfException.class, () -> LfKind.parse("nosuch"));
        assertEquals("the kind must be feature, pattern, code, llm or exemplar, not 'nosuch'", bad.getMessage());
    }
}
