package org.netstudio.engine.train;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The training, data, device and encoding code stays free of UI and console output (STYLE.md 2, 13). */
class EngineArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.netstudio.engine.train", "org.netstudio.engine.data", "org.netstudio.engine.device",
                    "org.netstudio.engine.encoding");

    @Test
    void importsNoJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(ENGINE);
    }

    @Test
    void writesNothingToTheConsole() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(ENGINE);
    }

    @Test
    void encodersHoldNoNativeMemory() {
        noClasses().that().resideInAPackage("org.netstudio.engine.encoding..")
                .should().dependOnClassesThat().areAssignableTo(NDArray.class)
                .orShould().dependOnClassesThat().areAssignableTo(NDManager.class).check(ENGINE);
    }
}
