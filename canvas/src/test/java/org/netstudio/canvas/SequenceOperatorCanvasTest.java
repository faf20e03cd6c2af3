package org.netstudio.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Hyperlink;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.wiring.WireView;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Map, Fold and Bidirectional on the canvas: they show what they hold and their shapes, open with
 * a double-click like a Chain or Graph (their inner nets between their ports, then an inner
 * container's own layers), the breadcrumb leads back, and the palette offers them.
 */
class SequenceOperatorCanvasTest extends CanvasWindowTest {

    static NetDocument tagger() {
        try {
            return NetFileReader.read("""
                    { "format": "netstudio.net", "version": 1, "name": "tagger",
                      "net": { "type": "Chain", "input": { "shape": ["n", 4] }, "layers": [
                        { "type": "Map", "net": { "type": "Chain", "layers": [ { "type": "Linear", "units": 8 },
                                                                              { "type": "Tanh" } ] } },
                        { "type": "Bidirectional", "forward": { "type": "LSTM", "units": 3 },
                          "backward": { "type": "GRU", "units": 2 }, "merge": "catenate" },
                        { "type": "Fold", "returnSequences": false, "net": { "type": "Graph",
                          "inputs": { "Input": {}, "State": {} },
                          "nodes": { "cat": { "type": "Catenate" }, "linear": { "type": "Linear", "units": 4 },
                                     "tanh": { "type": "Tanh" } },
                          "edges": [ { "from": "Input", "to": "cat.Input1" }, { "from": "State", "to": "cat.Input2" },
                                     { "from": "cat", "to": "linear" }, { "from": "linear", "to": "tanh" },
                                     { "from": "tanh", "to": "Output" } ],
                          "outputs": { "Output": {} } } } ] } }
                    """, "tagger.json");
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void operatorsOpenWithADoubleClickAndTheBreadcrumbLeadsBack(FxRobot robot) {
        CanvasFixture f = open(robot, tagger());
        assertThat(f.node("map1").kind()).isEqualTo(NodeItem.Kind.CONTAINER);
        assertThat(f.view("map1").shapeText()).isEqualTo("n×8");
        assertThat(f.node("map1").detail()).isEqualTo("of 2 layers");
        assertThat(f.node("map1").params()).isEqualTo("40 params");
        assertThat(f.node("bidirectional1").detail()).isEqualTo("LSTM + GRU, catenate");
        assertThat(f.view("bidirectional1").shapeText()).isEqualTo("n×5");
        assertThat(f.view("fold1").shapeText()).isEqualTo("4");

        robot.doubleClickOn(f.center("map1"));
        f.settle();
        assertThat(f.model.getCurrentPath()).isEqualTo(NodePath.of("map1"));
        assertThat(f.model.getLevel().byId().keySet()).containsExactlyInAnyOrder("$Input", "net", "$Output");
        assertThat(f.view("net").shapeText()).as("the net gives one element").isEqualTo("8");
        assertThat(robot.lookup(".breadcrumb-current").queryLabeled().getText()).isEqualTo("map1");

        robot.doubleClickOn(f.center("net"));
        f.settle();
        assertThat(f.model.getCurrentPath()).isEqualTo(NodePath.of("map1", "net"));
        assertThat(f.view("linear1").shapeText()).isEqualTo("8");
        assertThat(robot.lookup(".breadcrumb-link").queryAllAs(Hyperlink.class)).extracting(Hyperlink::getText)
                .containsExactly("tagger", "map1");

        robot.clickOn(robot.lookup(".breadcrumb-link").queryAllAs(Hyperlink.class).stream()
                .filter(l -> l.getText().equals("tagger")).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.model.getCurrentPath()).isEqualTo(NodePath.ROOT);

        robot.doubleClickOn(f.center("bidirectional1"));
        f.settle();
        assertThat(f.model.getCurrentPath()).isEqualTo(NodePath.of("bidirectional1"));
        assertThat(f.view("forward").shapeText()).isEqualTo("n×3");
        assertThat(f.view("backward").shapeText()).isEqualTo("n×2");
        assertThat(f.node("$Output").detail()).isEqualTo("n×5");
        assertThat(f.model.getLevel().wires()).extracting(w -> w.fromId() + "→" + w.toId())
                .containsExactlyInAnyOrder("$Input→forward", "$Input→backward", "forward→$Output", "backward→$Output");
    }

    @Test
    void aFoldShowsItsStateFedBack(FxRobot robot) {
        CanvasFixture f = open(robot, tagger());

        robot.doubleClickOn(f.center("fold1"));
        f.settle();

        assertThat(f.model.getLevel().wires()).extracting(w -> w.fromId() + "." + w.fromPort() + "→" + w.toId() + "." + w.toPort())
                .containsExactlyInAnyOrder("$Input.Input→net.Input", "net.Output→net.State", "net.Output→$Output.Output");
        assertThat(f.view("net").shapeText()).isEqualTo("4");
        assertThat(f.node("net").input("State").type().shapeText()).isEqualTo("4");
        NodeItem net = f.node("net");
        WireView loop = robot.lookup(".wire").queryAllAs(WireView.class).stream()
                .filter(w -> w.item() != null && w.item().loop()).findFirst().orElseThrow();
        assertThat(loop.getBoundsInParent().getMaxX()).as("the state goes round the net, not through it")
                .isGreaterThan(net.x() + net.width());
    }

    @Test
    void thePaletteOffersTheOperatorsByTheirWolframAndKerasNames(FxRobot robot) {
        CanvasFixture f = open(robot, CanvasFixture.emptyGraph(3));
        assertThat(f.searchPalette("TimeDistributed")).containsExactly("Map");

        String added = f.dragFromPalette("NetBidirectionalOperator", 300, 200);

        assertThat(added).isEqualTo("bidirectional1");
        assertThat(f.node(added).kind()).isEqualTo(NodeItem.Kind.CONTAINER);
        assertThat(f.node(added).detail()).isEqualTo("LSTM + LSTM, catenate");
        assertThat(f.undoLabels()).containsExactly("Add bidirectional1");
    }
}
