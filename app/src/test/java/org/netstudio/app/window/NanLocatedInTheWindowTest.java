package org.netstudio.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.node.NodeView;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.trainer.TrainerPanelModel;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A training whose loss becomes NaN names the node the first NaN came out of, in the trainer panel,
 * and marks that node on the canvas (and the container holding it on the level above) until the
 * next edit.
 */
class NanLocatedInTheWindowTest extends InTheWindowTest {

    /** Linear 4 → a container "block" holding log(x) (of values of both signs) → Linear 3 → Softmax. */
    static NetDocument logOfNegatives() {
        Chain block = Chain.named(PortDecl.UNSPECIFIED,
                List.of(Layer.of("Elementwise", "function", "log(x)"), Layer.of("Linear", "units", 8)),
                List.of("log1", "linear2"), PortDecl.UNSPECIFIED);
        return new NetDocument("Log of negatives", Chain.named(PortDecl.of(TensorType.real(2)),
                List.of(Layer.of("Linear", "units", 4), block, Layer.of("Linear", "units", 3), Layer.of("Softmax")),
                List.of("linear1", "block", "linear3", "softmax1"), PortDecl.UNSPECIFIED), null);
    }

    @Test
    void theNodeThatGaveTheFirstNanIsNamedAndMarkedOnTheCanvas(FxRobot robot) throws Exception {
        openWindow(robot);
        TrainerPanelModel trainer = f.trainInPanel(logOfNegatives(), "Spirals", 3);

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> f.fx(() -> trainer.failedNodeProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        String message = f.text("#trainer-message");
        assertThat(message).startsWith("Loss became NaN in epoch 1, batch 1: the first non-finite value came out of "
                + "`block/log1` (Elementwise log(x)), from finite inputs");

        // No epoch completed: there are no trained weights to use.
        robot.clickOn("Results");
        assertThat(f.fx(() -> robot.lookup("#use-weights").query().isDisabled())).isTrue();

        // On the top level, the container holding the node is marked, with the message on hover.
        assertThat(f.node("block").problems()).containsExactly("Inside, at block/log1: " + message);
        assertThat(marked("block")).isTrue();
        assertThat(marked("linear1")).isFalse();
        robot.moveTo(f.center("block"));
        assertThat(f.fx(() -> robot.lookup(".canvas-hint").queryAs(Label.class).getText())).contains("`block/log1`");

        // Inside it, the node itself.
        f.doubleClick(f.center("block"));
        f.settle();
        assertThat(f.fx(() -> f.model().getCurrentPath())).isEqualTo(NodePath.of("block"));
        assertThat(f.node("log1").problems()).containsExactly(message);
        assertThat(marked("log1")).isTrue();
        assertThat(marked("linear2")).isFalse();

        // The next edit clears the mark.
        robot.interact(() -> f.model().moveNodes(Map.of("log1", new Layout.Position(40, 300))));
        f.settle();
        assertThat(f.node("log1").problems()).isEmpty();
        assertThat(marked("log1")).isFalse();
    }

    /** Whether the node's view on the canvas in front shows the problem outline and badge. */
    private boolean marked(String id) {
        return f.fx(() -> f.canvas().lookupAll(".net-node").stream().map(NodeView.class::cast)
                .filter(v -> v.item().id().equals(id)).findFirst().orElseThrow()
                .getPseudoClassStates().contains(NodeView.PROBLEM));
    }
}
