package org.netstudio.engine.text;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The text package reports through its callers, and holds no DJL arrays (STYLE.md 2). */
class TextArchitectureTest {

    private static final JavaClasses TEXT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.netstudio.engine.text");

    @Test
    void writesNothingToTheConsole() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(TEXT);
    }

    @Test
    void usesNoDjlArraysOrJavaFx() {
        noClasses().should().dependOnClassesThat().areAssignableTo(NDArray.class)
                .orShould().dependOnClassesThat().resideInAPackage("javafx..").check(TEXT);
    }
}
