package dev.pairlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
}
