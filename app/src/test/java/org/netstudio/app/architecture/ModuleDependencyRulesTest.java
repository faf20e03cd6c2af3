package org.netstudio.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The module directions of DESIGN.md ("Architecture"), checked on every NetStudio class of the
 * classpath (production code only). Maven already keeps undeclared modules off a module's compile
 * classpath; these rules also catch what Maven cannot see, such as a GUI module reaching DJL
 * through a transitive dependency. {@link ModuleDependencyRulesCanaryTest} proves that each kind
 * of rule reports a violation.
 */
@AnalyzeClasses(packages = "org.netstudio",
        importOptions = {ImportOption.DoNotIncludeTests.class, ModuleDependencyRulesTest.DoNotIncludeTestJars.class})
class ModuleDependencyRulesTest {

    /** Leaves out the test jars of other modules (netgraph's test nets and helpers): tests, not the product. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    static final String NETGRAPH = "org.netstudio.netgraph..";
    static final String ENGINE = "org.netstudio.engine..";
    static final String CANVAS = "org.netstudio.canvas..";
    static final String INSPECTOR = "org.netstudio.inspector..";
    static final String TRAINER = "org.netstudio.trainer..";
    static final String APP = "org.netstudio.app..";
    static final String CLI = "org.netstudio.app.cli..";
    static final String ASSETS = "org.netstudio.assets..";
    static final String JAVAFX = "javafx..";
    static final String DJL = "ai.djl..";

    @ArchTest
    static final ArchRule netgraphIsFreeOfJavaFxAndDjl =
            mayNotDependOn("the net model", NETGRAPH, JAVAFX, DJL);

    /**
     * The libraries the net model reads and writes its files with: Jackson (JSON), protobuf and the
     * ONNX classes Tribuo generated (ONNX), Pyrolite (the pickles inside PyTorch checkpoints).
     */
    static final String[] NETGRAPH_LIBRARIES = {"java..", NETGRAPH, "com.fasterxml.jackson..", "com.google.protobuf..",
        "ai.onnx.proto..", "net.razorvine.pickle.."};

    @ArchTest
    static final ArchRule netgraphUsesOnlyItsFileLibraries = classes().that().resideInAPackage(NETGRAPH)
            .should().onlyDependOnClassesThat().resideInAnyPackage(NETGRAPH_LIBRARIES)
            .as("the net model (" + NETGRAPH + ") depends on nothing but " + String.join(", ", NETGRAPH_LIBRARIES))
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule netgraphDependsOnNoOtherModule =
            mayNotDependOn("the net model", NETGRAPH, ENGINE, CANVAS, INSPECTOR, TRAINER, APP);

    @ArchTest
    static final ArchRule guiModulesNeverCallDjl =
            mayNotDependOn("the GUI modules", new String[] {CANVAS, INSPECTOR, TRAINER}, DJL);

    @ArchTest
    static final ArchRule canvasAndInspectorDoNotSeeTheEngine =
            mayNotDependOn("canvas and inspector", new String[] {CANVAS, INSPECTOR}, ENGINE);

    @ArchTest
    static final ArchRule engineIsFreeOfJavaFxAndTheGui =
            mayNotDependOn("the engine bridge", ENGINE, JAVAFX, CANVAS, INSPECTOR, TRAINER, APP);

    @ArchTest
    static final ArchRule onlyTheAppSeesTheApp =
            mayNotDependOn("the library modules", new String[] {NETGRAPH, ENGINE, CANVAS, INSPECTOR, TRAINER}, APP);

    @ArchTest
    static final ArchRule assetsDependOnNoModuleAndNoJavaFx =
            mayNotDependOn("the assets (the theme every view uses)", ASSETS, JAVAFX, NETGRAPH, ENGINE, CANVAS, INSPECTOR,
                    TRAINER, APP);

    @ArchTest
    static final ArchRule onlyTheCliWritesToTheStandardStreams = onlyCliWritesToStandardStreams();

    @ArchTest
    static final ArchRule noCodeSetsInlineStyles = noClasses().that().resideInAPackage("org.netstudio..")
            .should().callMethodWhere(DescribedPredicate.describe("Node.setStyle", (JavaCall<?> call) ->
                    call.getName().equals("setStyle") && call.getTargetOwner().isAssignableTo("javafx.scene.Node")))
            .as("views style through CSS classes and the theme's tokens, never Node.setStyle")
            .allowEmptyShould(true);

    /**
     * No package depends on itself through others: every package of every NetStudio module (netgraph,
     * assets, the engine bridge, canvas, inspector, trainer and app) is a slice of its own,
     * sub-packages included, and the slices form no cycle, so a package can be read without the
     * ones that use it.
     */
    @ArchTest
    static final ArchRule noPackageCycles = packagesFreeOfCycles();

    static ArchRule packagesFreeOfCycles() {
        return SlicesRuleDefinition.slices().matching("org.netstudio.(**)")
                .should().beFreeOfCycles()
                .as("no package cycles (each NetStudio package a slice)")
                .allowEmptyShould(true);
    }

    static ArchRule mayNotDependOn(String what, String module, String... forbidden) {
        return mayNotDependOn(what, new String[] {module}, forbidden);
    }

    /** Classes in {@code modules} may not depend on classes in {@code forbidden}; an empty module passes. */
    static ArchRule mayNotDependOn(String what, String[] modules, String... forbidden) {
        return noClasses().that().resideInAnyPackage(modules)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .as(what + " (" + String.join(", ", modules) + ") may not depend on " + String.join(", ", forbidden))
                // Modules start empty while they are being written; an empty module breaks no rule.
                .allowEmptyShould(true);
    }

    /** As {@link GeneralCodingRules#NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS}, except the command line. */
    static ArchRule onlyCliWritesToStandardStreams() {
        return noClasses().that().resideOutsideOfPackage(CLI)
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .as("only " + CLI + " writes to System.out / System.err (the GUI and libraries report through their callers)")
                .allowEmptyShould(true);
    }
}
