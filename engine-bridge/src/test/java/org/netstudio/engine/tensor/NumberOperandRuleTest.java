package org.netstudio.engine.tensor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.archcanary.NumberOperand;

/**
 * The engine never hands DJL a Java number as the operand of an operation whose backward pass
 * reads it: {@link Scalars} does that arithmetic (its Javadoc says why). Optimiser steps run
 * outside autograd and may. The canary proves the rule can fail.
 */
class NumberOperandRuleTest {

    static final ArchRule numbersGoThroughScalars = noClasses()
            .that().doNotHaveFullyQualifiedName(Scalars.class.getName())
            .and().haveNameNotMatching("org\\.netstudio\\.engine\\.train\\.Updater.*")
            .should().callMethod(NDArray.class, "mul", Number.class)
            .orShould().callMethod(NDArray.class, "div", Number.class)
            .orShould().callMethod(NDArray.class, "pow", Number.class)
            .orShould().callMethod(NDArray.class, "maximum", Number.class)
            .orShould().callMethod(NDArray.class, "minimum", Number.class)
            .orShould().callMethod(NDArrays.class, "mul", Number.class, NDArray.class)
            .orShould().callMethod(NDArrays.class, "div", Number.class, NDArray.class)
            .orShould().callMethod(NDArrays.class, "pow", Number.class, NDArray.class)
            .orShould().callMethod(NDArrays.class, "maximum", Number.class, NDArray.class)
            .orShould().callMethod(NDArrays.class, "minimum", Number.class, NDArray.class)
            .orShould().callMethod(Activation.class, "swish", NDArray.class, float.class)
            .because("DJL frees the number's memory before autograd reads it; see Scalars")
            .allowEmptyShould(false);

    @Test
    void theEngineDoesArithmeticWithNumbersThroughScalars() {
        JavaClasses engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.netstudio.engine");
        numbersGoThroughScalars.check(engine);
    }

    @Test
    void theRuleCatchesADivisionByANumber() {
        JavaClasses canary = new ClassFileImporter().importClasses(NumberOperand.class);
        String report = String.join("\n", numbersGoThroughScalars.evaluate(canary).getFailureReport().getDetails());
        assertThat(report).contains("NumberOperand.eighth", "div(java.lang.Number)");
    }
}
