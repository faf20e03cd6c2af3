package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.diagnostics.ProblemsList;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Net › Check and Train, the status bar's problem count, and File › Export Picture, through the menus. */
class NetMenuInTheWindowTest extends InTheWindowTest {

    private void openLeNet(FxRobot robot) {
        openGalleryNet(robot, "lenet");
    }

    private boolean problemsShown(FxRobot robot) {
        return f.fx(() -> robot.lookup("#problemsList").queryAll().stream()
                .filter(n -> n.getScene() == f.window.scene()).anyMatch(Node::isVisible));
    }

    @Test
    void checkShowsTheProblemsTheStatusBarCountsAndAClickOnTheCountTogglesThem(FxRobot robot) {
        openLeNet(robot);
        assertThat(f.text("#statusValidity")).isEqualTo("Valid");
        NodeItem in = f.node("$Input");
        f.dragFromPalette("Linear", in.centerX() + 300, in.y() + 120);
        int problems = f.fx(() -> f.model().inferenceProperty().get().diagnostics().size());
        assertThat(problems).isPositive();
        assertThat(f.text("#statusValidity")).isEqualTo(problems == 1 ? "1 problem" : problems + " problems");
        assertThat(problemsShown(robot)).isFalse();

        robot.clickOn("#menuNet").clickOn("#menuCheck");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problemsShown(robot)).isTrue();
        ProblemsList list = f.fx(() -> (ProblemsList) robot.lookup("#problemsList").queryAll().stream()
                .filter(Node::isVisible).findFirst().orElseThrow());
        assertThat(f.fx(() -> list.listView().getItems().size())).isEqualTo(problems);

        robot.clickOn("#statusValidity");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problemsShown(robot)).isFalse();
        robot.clickOn("#statusValidity");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problemsShown(robot)).isTrue();
    }

    @Test
    void thePaletteOffersEveryCatalogLayerButTheImportOnlyOpaqueOperator(FxRobot robot) {
        openWindow(robot);
        var offered = f.fx(() -> f.workspace().palette().visibleTypes());
        var catalog = org.netstudio.netgraph.catalog.LayerCatalog.standard().types().stream()
                .map(org.netstudio.netgraph.catalog.LayerType::name).filter(n -> !n.equals("OnnxOperator")).toList();
        assertThat(offered).containsAll(catalog).contains("Chain", "Graph").doesNotContain("OnnxOperator");
    }

    @Test
    void trainOpensTheTrainerPanel(FxRobot robot) {
        openWindow(robot);
        assertThat(f.fx(() -> robot.lookup("#toolTrain").query().isDisabled())).as("no net to train").isTrue();
        robot.interact(() -> f.workspace().openGallery("lenet"));
        f.settle();
        assertThat(f.fx(() -> robot.lookup("#toolTrain").query().isDisabled())).isFalse();
        assertThat(f.window.trainerPanel().isExpanded()).isFalse();
        f.shortcut(KeyCode.R);
        assertThat(f.window.trainerPanel().isExpanded()).isTrue();
    }

    @Test
    void exportOnnxWritesAModelThatOpensAsTheSameNet(FxRobot robot) throws Exception {
        openLeNet(robot);
        Path onnx = f.data.resolve("lenet.onnx");
        f.files.add(Optional.of(onnx));
        robot.clickOn("#menuFile").clickOn("#menuExportOnnx");
        WaitForAsyncUtils.waitForFxEvents();
        f.workspace().onnxExportsDone().get(60, java.util.concurrent.TimeUnit.SECONDS);

        var imported = org.netstudio.netgraph.io.onnx.OnnxImporter.read(onnx);
        var original = f.fx(() -> f.workspace().activeNet().orElseThrow().document().net());
        var summaryOf = (java.util.function.Function<org.netstudio.netgraph.net.NetNode, Long>) net ->
                org.netstudio.netgraph.summary.NetSummary.of(net,
                        org.netstudio.netgraph.inference.ShapeInference.infer(net)).total();
        assertThat(summaryOf.apply(imported.document().net())).isEqualTo(summaryOf.apply(original)).isEqualTo(61_706L);
        assertThat(imported.report().opaque()).isEmpty();
    }

    @Test
    void exportOnnxRefusesWeightsThatHoldNaNAndWritesNothing(FxRobot robot) throws Exception {
        openWindow(robot);
        var doc = org.netstudio.netgraph.io.NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1,"
                + " \"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [2]}, \"layers\": [{\"type\": \"Linear\","
                + " \"name\": \"classifier\", \"units\": 3}]}}", "tiny.json");
        var weights = org.netstudio.netgraph.io.Weights.of(java.util.List.of(
                org.netstudio.netgraph.io.WeightArray.of("classifier/weights", new long[] {3, 2},
                        new float[] {0.5f, 0.5f, 0.5f, 0.5f, Float.NaN, 0.5f}),
                org.netstudio.netgraph.io.WeightArray.of("classifier/biases", new long[] {3}, new float[] {0, 0, 0})),
                java.util.Map.of());
        robot.interact(() -> f.workspace().open(org.netstudio.app.document.OpenNet.untitled(doc, "tiny", weights)));
        f.settle();
        Path onnx = f.data.resolve("tiny.onnx");
        f.files.add(Optional.of(onnx));

        robot.clickOn("#menuFile").clickOn("#menuExportOnnx");
        WaitForAsyncUtils.waitForFxEvents();

        WindowFixture.waitUntil(() -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        assertThat(f.fx(() -> robot.lookup(".dialog-pane .header-panel .label").queryLabeled().getText()))
                .isEqualTo("Cannot export “tiny.onnx”");
        assertThat(f.fx(() -> robot.lookup(".dialog-pane .content").queryAs(javafx.scene.control.Label.class).getText()))
                .contains("NaN").contains("nothing was written");
        robot.clickOn(robot.lookup(".dialog-pane .button").queryButton());
        f.workspace().onnxExportsDone().get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(onnx).doesNotExist();
    }

    @Test
    void exportPictureWritesAPngOrAnSvgOfTheLevelShown(FxRobot robot) throws Exception {
        openLeNet(robot);
        Path png = f.data.resolve("lenet.png");
        Path svg = f.data.resolve("lenet.svg");
        f.files.add(Optional.of(png));
        robot.clickOn("#menuFile").clickOn("#menuExportPicture");
        WaitForAsyncUtils.waitForFxEvents();
        f.files.add(Optional.of(svg));
        robot.clickOn("#menuFile").clickOn("#menuExportPicture");
        WaitForAsyncUtils.waitForFxEvents();

        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg").contains("Convolution");
    }
}
