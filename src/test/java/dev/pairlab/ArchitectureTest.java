package dev.pairlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.LengthBalance;
import dev.pairlab.labelmodel.TiePolicy;
import dev.pairlab.labelmodel.WeakExport;
import dev.pairlab.pairs.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of style.md, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.pairlab");
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.pairlab.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.pairlab.ui..")
                .check(classes);
    }

    @Test
    void theCoreDoesNotKnowTheCli() {
        noClasses().that().resideOutsideOfPackages("dev.pairlab.cli..", "dev.pairlab.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.pairlab.cli..")
                .check(classes);
    }

    @Test
    void onlyTheStoreSpeaksSql() {
        noClasses().that().resideOutsideOfPackage("dev.pairlab.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void pairsDoNotDependOnTheStore() {
        noClasses().that().resideInAPackage("dev.pairlab.pairs..")
                .should().dependOnClassesThat().resideInAPackage("dev.pairlab.store..")
                .check(classes);
    }

    @Test
    void theTopLevelPackagesHaveNoCycles() {
        slices().matching("dev.pairlab.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Standard output belongs to the front ends that own a console: the CLI, the app's launcher, and the Spark job (a
     * spark-submit main of its own). Core code reports through the task package's listener or a result, never by printing;
     * the workbench reports errors in its error window (ui.errors). Allowed: the UI's measurement harness (ui.bench) and
     * FxTrace, whose slow-frame trace prints only when asked for with -Dpairlab.fxTrace=true.
     */
    @Test
    void onlyTheFrontEndsPrintToStandardOutput() {
        noClasses().that().resideOutsideOfPackages("dev.pairlab.cli..", "dev.pairlab.spark..", "dev.pairlab.ui.bench..")
                .and().doNotHaveFullyQualifiedName("dev.pairlab.ui.Main")
                .and().doNotHaveFullyQualifiedName("dev.pairlab.ui.FxTrace")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }

    /**
     * The screens reach the project through core jobs (issue 21): from the store a ui class may name the open
     * {@code Project} handle, a {@code Workflow} the store defines (import, split) and the records such jobs and reads
     * return; anything else of the store (its DAOs, SQL helpers, static reads and writes) only from this allow-list,
     * which must only shrink: a class that stops using the store leaves it, a new class never joins it. Measured: 19 of 50 ui
     * files used the store at all (22 after the jobs' view models); with jobs and records allowed, these 12 remain.
     */
    private static final List<String> UI_USING_STORE = List.of("MainWindow", "Workspace", "bench.UiBenchmark",
            "browser.PagedPairs", "browser.PairBrowserView", "features.FeatureExplorerView", "generate.GenerateView",
            "lfeditor.LfEditorModel", "lfeditor.LfEditorView", "lfeditor.LfEditorWork", "lfeditor.LfTools", "training.TrainingViewModel");

    @Test
    void theUiReachesTheStoreOnlyThroughJobsAndRecords() {
        com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> storeInternals =
                new com.tngtech.archunit.base.DescribedPredicate<>("the store's internals (not Project, a Workflow or a record)") {
                    @Override
                    public boolean test(com.tngtech.archunit.core.domain.JavaClass t) {
                        if (!t.getPackageName().startsWith("dev.pairlab.store")) {
                            return false;
                        }
                        if (t.getName().equals("dev.pairlab.store.Project") || t.isAssignableTo(dev.pairlab.task.Workflow.class)) {
                            return false;
                        }
                        return !t.reflect().isRecord() && !t.reflect().isEnum() && !Throwable.class.isAssignableFrom(t.reflect());
                    }
                };
        noClasses().that().resideInAPackage("dev.pairlab.ui..")
                .and(new com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass>("not on the allow-list") {
                    @Override
                    public boolean test(com.tngtech.archunit.core.domain.JavaClass c) {
                        String top = c.getName().replaceFirst("\\$.*", "").substring("dev.pairlab.ui.".length());
                        return !UI_USING_STORE.contains(top);
                    }
                })
                .should().dependOnClassesThat(storeInternals)
                .check(classes);
    }

    /** The GUI shows the core's validation messages, so they are in the user's words: no CLI flag. */
    @Test
    void coreValidationMessagesNameNoCliFlag() {
        List<String> messages = List.of(
                new WeakExport.Params(WeakExport.Format.TRL, 1.5, 1, Set.of(Split.TRAIN), TiePolicy.RANDOM).validate().get(0).message(),
                assertThrows(IllegalArgumentException.class, () -> LengthBalance.parse("2", "subsample")).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> LengthBalance.parse("labeled", "drop")).getMessage(),
                FitOptions.paper().withLr(-1).validate().get(0).message(),
                new dev.pairlab.pairs.SplitParams(0.1, 0.7, 0.5, 1, false).validate().get(0).message(),
                dev.pairlab.pairs.ImportOptions.defaults().withColumns(Map.of("x", "y")).validate().get(0).message(),
                dev.pairlab.pairs.ImportOptions.defaults().withLabelMap(Map.of("1", "x")).validate().get(0).message(),
                assertThrows(IllegalArgumentException.class, () -> dev.pairlab.lf.Endpoints.checkKeyEnv("sk-abcdefghijklmnopqrstuvwx", "the judge's key variable"))
                        .getMessage());
        assertEquals("the confidence threshold must be between 0 and 1, got 1.5", messages.get(0));
        for (String m : messages) {
            assertFalse(FLAG.matcher(m).find(), m);
        }
    }

    private static final Pattern FLAG = Pattern.compile("(^|[\\s(\"'])--[a-z]");

    /**
     * The same, over the source: no string in a core exception's message names a flag. Allowed: the Spark job, which
     * is a command line of its own (the import's messages name its settings as {@code ImportOptions.NAME_X} says, and
     * {@code pairlab import} adds the flags).
     */
    @Test
    void noCoreExceptionMessageNamesACliFlag() throws IOException {
        Pattern thrown = Pattern.compile("(Exception|refused)\\((.*?)\\);\\s*\\n", Pattern.DOTALL);
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
        List<String> allowed = List.of();
        List<String> found = new ArrayList<>();
        Path root = Path.of("src/main/java/dev/pairlab");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("cli/") || rel.startsWith("ui/") || rel.startsWith("spark/") || allowed.contains(rel)) {
                    continue;
                }
                Matcher t = thrown.matcher(Files.readString(f));
                while (t.find()) {
                    Matcher l = literal.matcher(t.group(2));
                    while (l.find()) {
                        if (FLAG.matcher(l.group(1)).find()) {
                            found.add(rel + ": " + l.group(1));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
