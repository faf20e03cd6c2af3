package org.netstudio.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.architecture.ViewClasses;

/**
 * The trainer's own rules (DESIGN.md, STYLE.md 7, 11, 13): the view-model and the training
 * plumbing never touch the scene graph, so they run without a Stage; nothing calls DJL (only the
 * engine bridge); colours come from CSS, never from setStyle. A view is a class whose name ends in
 * Pane, Panel, View, Charts, Grid (the form), Tiles, Colors or Theme; nested classes belong to their
 * outer class.
 */
@AnalyzeClasses(packages = "org.netstudio.trainer", importOptions = ImportOption.DoNotIncludeTests.class)
class TrainerArchitectureTest {

    /** Classes that are views, by name; a Picker asks the person through a dialog of its window. */
    static final DescribedPredicate<JavaClass> VIEWS = ViewClasses.endingIn(
            List.of("Pane", "Panel", "View", "Charts", "FormGrid", "Tiles", "Colors", "Theme", "Picker"));

    @ArchTest
    static final ArchRule viewModelsDoNotSeeTheSceneGraph = noClasses()
            .that().resideInAPackage("org.netstudio.trainer..").and(DescribedPredicate.not(VIEWS))
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..",
                    "javafx.animation..")
            .as("trainer view-models and training plumbing do not import the scene graph");

    @ArchTest
    static final ArchRule neverDjl = noClasses()
            .that().resideInAPackage("org.netstudio.trainer..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
            .as("the trainer reaches the engine only through the engine bridge");

    @ArchTest
    static final ArchRule noInlineStyles = noClasses()
            .that().resideInAPackage("org.netstudio.trainer..")
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("Node.setStyle") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getName().equals("setStyle") && call.getTargetOwner().isAssignableTo(javafx.scene.Node.class);
                }
            })
            .as("the trainer styles through CSS classes and tokens, never Node.setStyle");

    /** A view-model that wrongly builds a styled node, to prove the rules can fail. */
    static final class CanaryModel {
        Object make() {
            javafx.scene.control.Label l = new javafx.scene.control.Label();
            l.setStyle("-fx-text-fill: red");
            return l;
        }
    }

    @Test
    void theRulesCatchAViewModelThatBuildsAStyledNode() {
        var classes = new ClassFileImporter().importClasses(CanaryModel.class);
        assertThat(viewModelsDoNotSeeTheSceneGraph.evaluate(classes).hasViolation()).isTrue();
        assertThat(noInlineStyles.evaluate(classes).hasViolation()).isTrue();
    }
}
