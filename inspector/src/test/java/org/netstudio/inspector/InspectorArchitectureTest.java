package org.netstudio.inspector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.architecture.ViewClasses;

/**
 * The inspector's own rules (STYLE.md 7 and 11): view-models wrap the model and never touch the
 * scene graph, so they are testable without a Stage. (That no code calls setStyle is a rule of the
 * whole application, in the app module's ModuleDependencyRulesTest.)
 * A view is a class whose name ends in View, Panel or PanelSkin (nested classes belong to
 * their outer class); everything else is view-model or plain logic.
 */
@AnalyzeClasses(packages = "org.netstudio.inspector", importOptions = ImportOption.DoNotIncludeTests.class)
class InspectorArchitectureTest {

    /** The views, and Views (the helpers that build their parts). */
    static final DescribedPredicate<JavaClass> VIEWS =
            ViewClasses.endingIn(List.of("View", "Panel", "PanelSkin", "Views"));

    @ArchTest
    static final ArchRule viewModelsDoNotSeeTheSceneGraph = noClasses()
            .that().resideInAPackage("org.netstudio.inspector..").and(DescribedPredicate.not(VIEWS))
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
            .as("inspector view-models do not import javafx.scene, javafx.stage or javafx.application");

    /** A view-model that wrongly builds a node, to prove the rule can fail. */
    static final class CanaryModel {
        Object make() {
            return new javafx.scene.control.Label();
        }
    }

    @Test
    void theRuleCatchesAViewModelThatBuildsANode() {
        var classes = new ClassFileImporter().importClasses(CanaryModel.class);
        assertThat(viewModelsDoNotSeeTheSceneGraph.evaluate(classes).hasViolation()).isTrue();
    }

    @ArchTest
    static final ArchRule neverTheEngine = noClasses()
            .that().resideInAPackage("org.netstudio.inspector..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.netstudio.engine..")
            .as("the inspector never sees DJL or the engine bridge");
}
