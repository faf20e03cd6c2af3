package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.netstudio.app.window.documents.NetTab;
import org.netstudio.app.window.importing.ImportReportWindow;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** File › Open of an ONNX model: the net on the canvas, a bar saying what the import did, and its report. */
class OnnxImportInTheWindowTest extends InTheWindowTest {

    private FxRobot robot() {
        return f.robot;
    }

    /** x [batch, 4] → Relu → Sign (no catalog layer) → MatMul(W) → Add(b) → y [batch, 3]. */
    private static byte[] model() {
        GraphProto g = GraphProto.newBuilder().setName("small")
                .addInput(value("x", 4)).addOutput(value("y", 3)).addValueInfo(value("e", 4))
                .addInitializer(floats("W", new long[] {4, 3}, 12))
                .addInitializer(floats("b", new long[] {3}, 3))
                .addNode(node("Relu", "relu", List.of("x"), "r"))
                .addNode(node("Sign", "sign", List.of("r"), "e"))
                .addNode(node("MatMul", "dense", List.of("e", "W"), "m"))
                .addNode(node("Add", "bias", List.of("m", "b"), "y"))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build().toByteArray();
    }

    private static NodeProto node(String op, String name, List<String> in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out).build();
    }

    private static ValueInfoProto value(String name, int width) {
        TensorShapeProto s = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    private static TensorProto floats(String name, long[] shape, int count) {
        ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putFloat(0.1f * (i + 1));
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    private NetTab front() {
        return f.fx(() -> (NetTab) f.window.canvasTabs().getSelectionModel().getSelectedItem());
    }

    @Test
    void anOnnxModelOpensWithABarSayingWhatBecameOpaqueAndAReportThatFindsItsNodes(FxRobot robot) throws Exception {
        openWindow(robot);
        Path file = f.data.resolve("small.onnx");
        Files.write(file, model());

        f.files.add(Optional.of(file));
        Platform.runLater(() -> f.window.menu().item(AppAction.OPEN).fire());
        WaitForAsyncUtils.waitForFxEvents();
        f.settle();

        assertThat(front().getText()).isEqualTo("small");
        assertThat(f.fx(() -> robot.lookup("#importBanner").query().isVisible())).isTrue();
        assertThat(f.text("#importSummary")).isEqualTo("Imported from small.onnx: 3 of 4 ONNX nodes became layers; "
                + "1 stays opaque (Sign), computed as ONNX defines it, for inference only: nothing learns through it.");
        assertThat(f.node("sign")).isNotNull();

        robot.clickOn("#importReportButton");
        WaitForAsyncUtils.waitForFxEvents();
        ImportReportWindow report = f.fx(() -> front().importBanner().orElseThrow().reportWindow());
        assertThat(f.fx(report::isShowing)).isTrue();
        assertThat(f.fx(report::getTitle)).isEqualTo("Import Report — small.onnx");
        TableView<ImportReport.Entry> table = report.table();
        assertThat(f.fx(() -> table.getItems().stream().map(ImportReport.Entry::opType).toList()))
                .containsExactly("Relu", "Sign", "MatMul", "Add");

        robot.clickOn("#importOnlyOpaque");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> table.getItems().stream().map(ImportReport.Entry::onnxName).toList())).containsExactly("sign");
        assertThat(f.text("#importCount")).startsWith("1 of 4 nodes");
        robot.clickOn("#importOnlyOpaque");
        robot.clickOn("#importFilter").write("linear");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> table.getItems().stream().map(ImportReport.Entry::opType).toList()))
                .as("MatMul and Add became one Linear layer").containsExactly("MatMul", "Add");
        robot.clickOn("#importFilter").eraseText(6).write("sign");
        WaitForAsyncUtils.waitForFxEvents();

        // Double-clicking the opaque row selects its node on the canvas.
        robot.interact(() -> f.model().getSelection().clear());
        TableRow<?> row = f.fx(() -> robot.from(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof ImportReport.Entry e && e.opType().equals("Sign"))
                .findFirst().orElseThrow());
        robot.doubleClickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> Set.copyOf(f.model().getSelection()))).containsExactly("sign");

        robot.interact(report::close);
        robot.clickOn("#importBannerClose");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(() -> front().importBanner().orElseThrow().isVisible())).isFalse();
        assertThat(f.node("sign")).as("dismissing the bar leaves the net alone").isNotNull();

        // The report stays at hand in the Net menu.
        assertThat(f.fx(() -> f.window.menu().item(AppAction.IMPORT_REPORT).isDisable())).isFalse();
        Platform.runLater(() -> f.window.menu().item(AppAction.IMPORT_REPORT).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.fx(report::isShowing)).isTrue();
    }

    @Test
    void aLargeModelOpensOffTheUiThreadBehindATabSayingSo(FxRobot robot) throws Exception {
        openWindow(robot);
        Path file = f.data.resolve("minilm.onnx");
        try (var in = OnnxImportInTheWindowTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            Files.copy(in, file);
        }

        java.util.List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> f.window.canvasTabs().getTabs().addListener(
                (javafx.collections.ListChangeListener<javafx.scene.control.Tab>) c -> {
                    while (c.next()) {
                        c.getAddedSubList().forEach(t -> shown.add(t.getText()));
                    }
                }));
        f.files.add(Optional.of(file));
        Platform.runLater(() -> f.window.menu().item(AppAction.OPEN).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown).as("a tab says the model is opening before it is read").first().isEqualTo("Opening minilm.onnx…");
        f.settle();

        assertThat(front().getText()).isEqualTo("minilm");
        assertThat(f.text("#importSummary")).startsWith("Imported from minilm.onnx: ").contains("every layer can be trained");
        assertThat(f.fx(() -> f.window.canvasTabs().getTabs().stream().filter(t -> t.getText().startsWith("Opening")).count()))
                .isZero();
    }

    @Test
    void aNetStudioNetHasNoImportBar(FxRobot robot) {
        openGalleryNet(robot, "lenet");
        assertThat(front().importBanner()).isEmpty();
        assertThat(robot.lookup("#importBanner").tryQuery()).isEmpty();
        assertThat(f.fx(() -> f.window.menu().item(AppAction.IMPORT_REPORT).isDisable())).isTrue();
    }
}
