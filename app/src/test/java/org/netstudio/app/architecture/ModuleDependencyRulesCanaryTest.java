package org.netstudio.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.netstudio.app.archcanary.CycleStart;
import org.netstudio.app.archcanary.PrintingView;
import org.netstudio.app.archcanary.loop.CycleBack;
import org.netstudio.app.cli.archcanary.PrintingCommand;
import org.netstudio.assets.archcanary.AssetsViolations;
import org.netstudio.canvas.archcanary.CanvasViolations;
import org.netstudio.engine.archcanary.EngineViolations;
import org.netstudio.inspector.archcanary.InspectorViolations;
import org.netstudio.netgraph.archcanary.NetgraphViolations;
import org.netstudio.trainer.archcanary.TrainerViolations;

/**
 * Proves the rules of {@link ModuleDependencyRulesTest} can fail: each is evaluated on test classes
 * that sit in the real module packages and break it on purpose. A rule that matched no class (a
 * mistyped package, a wrong direction) would pass on the real code forever without this test.
 */
class ModuleDependencyRulesCanaryTest {

    private final JavaClasses canaries = new ClassFileImporter().importClasses(
            NetgraphViolations.class, EngineViolations.class, CanvasViolations.class, InspectorViolations.class,
            TrainerViolations.class, PrintingView.class, PrintingCommand.class, AssetsViolations.class, CycleStart.class,
            CycleBack.class);

    @Test
    void netgraphMayNotImportJavaFxOrDjl() {
        assertViolations(ModuleDependencyRulesTest.netgraphIsFreeOfJavaFxAndDjl,
                "NetgraphViolations", "javafx.scene.paint.Color", "ai.djl.ndarray.types.Shape");
    }

    @Test
    void netgraphMayUseOnlyItsFileLibraries() {
        assertViolations(ModuleDependencyRulesTest.netgraphUsesOnlyItsFileLibraries,
                "NetgraphViolations", "javafx.scene.paint.Color", "ai.djl.ndarray.types.Shape", "EngineViolations");
        assertThat(violations(ModuleDependencyRulesTest.netgraphUsesOnlyItsFileLibraries))
                .as("Pyrolite reads PyTorch checkpoints in netgraph").doesNotContain("net.razorvine");
    }

    @Test
    void netgraphMayNotImportAnotherModule() {
        assertViolations(ModuleDependencyRulesTest.netgraphDependsOnNoOtherModule,
                "NetgraphViolations", "EngineViolations", "org.netstudio.app.Version");
    }

    @Test
    void guiModulesMayNotImportDjl() {
        assertViolations(ModuleDependencyRulesTest.guiModulesNeverCallDjl,
                "CanvasViolations", "InspectorViolations", "TrainerViolations");
    }

    @Test
    void canvasAndInspectorMayNotImportTheEngine() {
        assertViolations(ModuleDependencyRulesTest.canvasAndInspectorDoNotSeeTheEngine,
                "CanvasViolations", "InspectorViolations");
        assertThat(violations(ModuleDependencyRulesTest.canvasAndInspectorDoNotSeeTheEngine))
                .as("the trainer may use the engine").doesNotContain("TrainerViolations");
    }

    @Test
    void engineMayNotImportJavaFxOrTheGui() {
        assertViolations(ModuleDependencyRulesTest.engineIsFreeOfJavaFxAndTheGui,
                "EngineViolations", "javafx.scene.paint.Color", "CanvasViolations", "org.netstudio.app.Version");
    }

    @Test
    void libraryModulesMayNotImportTheApp() {
        assertViolations(ModuleDependencyRulesTest.onlyTheAppSeesTheApp, "NetgraphViolations", "EngineViolations");
    }

    @Test
    void onlyTheCommandLineMayPrint() {
        assertViolations(ModuleDependencyRulesTest.onlyTheCliWritesToTheStandardStreams, "PrintingView");
        assertThat(violations(ModuleDependencyRulesTest.onlyTheCliWritesToTheStandardStreams))
                .doesNotContain("PrintingCommand");
    }

    @Test
    void assetsMayNotImportJavaFxOrAnotherModule() {
        assertViolations(ModuleDependencyRulesTest.assetsDependOnNoModuleAndNoJavaFx,
                "AssetsViolations", "javafx.scene.paint.Color", "org.netstudio.netgraph.net.NodePath");
    }

    @Test
    void noCodeMaySetAnInlineStyle() {
        assertViolations(ModuleDependencyRulesTest.noCodeSetsInlineStyles, "CanvasViolations", "setStyle");
    }

    @Test
    void packagesMayNotFormACycle() {
        assertViolations(ModuleDependencyRulesTest.noPackageCycles,
                "org.netstudio.app.archcanary", "org.netstudio.app.archcanary.loop", "CycleStart", "CycleBack");
        assertThat(violations(ModuleDependencyRulesTest.noPackageCycles))
                .as("no module is left out: the engine bridge's canary and the canvas canary use each other")
                .contains("org.netstudio.engine.archcanary", "org.netstudio.canvas.archcanary", "EngineViolations",
                        "CanvasViolations");
    }

    private void assertViolations(ArchRule rule, String... mentioned) {
        EvaluationResult result = rule.evaluate(canaries);
        assertThat(result.hasViolation()).as("%s reports a violation", rule.getDescription()).isTrue();
        assertThat(violations(rule)).contains(mentioned);
    }

    private String violations(ArchRule rule) {
        return String.join("\n", rule.evaluate(canaries).getFailureReport().getDetails());
    }
}
