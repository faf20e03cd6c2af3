package org.netstudio.inspector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inspector's own rules (STYLE.md 7 and 11): view-models wrap the model and never touch the
 * scene graph, so they are testable without a Stage; colours come from CSS, never from setStyle.
 * A view is a class whose name ends in View, Panel or PanelSkin (nested classes belong to
 * their outer class); everything else is view-model or plain logic.
 */
@AnalyzeClasses(packages = "org.netstudio.inspector", importOptions = ImportOption.DoNotIncludeTests.class)
class InspectorArchitectureTest {

    private static final List<String> VIEW_SUFFIXES = List.of("View", "Panel", "PanelSkin");

    static final DescribedPredicate<JavaClass> VIEWS = new DescribedPredicate<>("views") {
        @Override
        public boolean test(JavaClass c) {
            JavaClass outer = c;
            while (outer.getEnclosingClass().isPresent()) {
                outer = outer.getEnclosingClass().get();
            }
            String name = outer.getSimpleName();
            return VIEW_SUFFIXES.stream().anyMatch(name::endsWith) || name.equals("Views");
        }
    };

    @ArchTest
    static final ArchRule viewModelsDoNotSeeTheSceneGraph = noClasses()
            .that().resideInAPackage("org.netstudio.inspector..").and(DescribedPredicate.not(VIEWS))
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
            .as("inspector view-models do not import javafx.scene, javafx.stage or javafx.application");

    @ArchTest
    static final ArchRule noInlineStyles = noClasses()
            .that().resideInAPackage("org.netstudio.inspector..")
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("Node.setStyle") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getName().equals("setStyle") && call.getTargetOwner().isAssignableTo(javafx.scene.Node.class);
                }
            })
            .as("the inspector styles through CSS classes and tokens, never Node.setStyle");

    /** A view-model that wrongly builds a node, to prove the rules can fail. */
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

    @ArchTest
    static final ArchRule neverTheEngine = noClasses()
            .that().resideInAPackage("org.netstudio.inspector..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.netstudio.engine..")
            .as("the inspector never sees DJL or the engine bridge");
}
