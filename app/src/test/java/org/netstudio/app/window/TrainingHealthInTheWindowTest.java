package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.node.NodeView;
import org.netstudio.engine.train.NodeHealth;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.trainer.TrainerPanelModel;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * While a net trains in the window, the trainer panel's Layers tab shows how each layer is doing
 * (gradient, step size, output statistics) and each measured layer shows a strip on the canvas.
 */
class TrainingHealthInTheWindowTest extends InTheWindowTest {

    @Test
    void theLayersTabAndTheCanvasShowHowEachLayerLearns(FxRobot robot) throws Exception {
        openWindow(robot);
        NetDocument mlp = new NetDocument("Spirals MLP", Chain.named(PortDecl.of(TensorType.real(2)),
                List.of(Layer.of("Linear", "units", 16), Layer.of("Ramp"), Layer.of("Linear", "units", 3),
                        Layer.of("Softmax")), List.of("hidden", "relu", "scores", "softmax"), PortDecl.UNSPECIFIED), null);
        TrainerPanelModel trainer = f.trainInPanel(mlp, "Spirals", 3);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> f.fx(() -> trainer.run().isPresent()
                && trainer.run().get().isDone()));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#tab-layers");
        @SuppressWarnings("unchecked")
        TableView<NodeHealth> table = f.fx(() -> robot.lookup("#layersTable").queryAs(TableView.class));
        List<NodeHealth> rows = f.fx(() -> List.copyOf(table.getItems()));
        // The closing Softmax is folded into the loss while training, so it is not measured.
        assertThat(rows).extracting(h -> h.node().toString()).containsExactly("hidden", "relu", "scores");
        assertThat(rows.get(0).gradientNorm()).isPositive();
        assertThat(rows.get(0).warning()).isEmpty();
        assertThat(f.fx(() -> trainer.healthHistory().size())).isGreaterThan(2);
        // The gradients over the run: one line per learnable layer.
        robot.clickOn("#layersShowChart");
        assertThat(f.fx(() -> robot.lookup("#layersChart").query().isVisible())).isTrue();
        assertThat(f.fx(() -> robot.lookup("#layersChart").queryAs(javafx.scene.chart.LineChart.class).getData().stream()
                .map(series -> ((javafx.scene.chart.XYChart.Series<?, ?>) series).getName()).toList()))
                .containsExactly("hidden", "scores");

        // On the canvas, every measured layer shows its strip: all well here.
        List<String> strips = f.fx(() -> f.canvas().lookupAll(".net-node").stream().map(NodeView.class::cast)
                .filter(v -> v.health() != null).map(v -> v.item().id() + "=" + v.health()).sorted().toList());
        assertThat(strips).containsExactly("hidden=", "relu=", "scores=");
    }
}
