package org.netstudio.engine.compile;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The compiler, the weights binding and the run facades form layers: compile knows only netgraph
 * and DJL; weights builds on compile; run builds on both and on training. None of them touches
 * JavaFX or the console (STYLE.md 2, 13).
 */
class CompileArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.netstudio.engine.compile", "org.netstudio.engine.weights", "org.netstudio.engine.run");

    @Test
    void compileDependsOnNeitherWeightsNorRunNorTraining() {
        noClasses().that().resideInAPackage("org.netstudio.engine.compile..")
                .should().dependOnClassesThat().resideInAnyPackage("org.netstudio.engine.weights..",
                        "org.netstudio.engine.run..", "org.netstudio.engine.train..", "org.netstudio.engine.data..")
                .check(CLASSES);
    }

    @Test
    void weightsDependOnNeitherRunNorTraining() {
        noClasses().that().resideInAPackage("org.netstudio.engine.weights..")
                .should().dependOnClassesThat().resideInAnyPackage("org.netstudio.engine.run..",
                        "org.netstudio.engine.train..")
                .check(CLASSES);
    }

    @Test
    void importsNoJavaFxAndWritesNothingToTheConsole() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(CLASSES);
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(CLASSES);
    }
}
