package org.netstudio.netgraph.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/** Editing inside sequence operators: what is inside changes by path, the operator's own shape is refused. */
class SequenceOperatorEditTest {

    private static NetDocument doc() throws NetFileException {
        return NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"name\": \"t\", \"net\": {\"type\": \"Chain\","
                + " \"input\": {\"shape\": [\"n\", 4]}, \"layers\": ["
                + "{\"type\": \"Map\", \"net\": {\"type\": \"Chain\", \"layers\": [{\"type\": \"Linear\", \"units\": 3}]}},"
                + "{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"LSTM\", \"units\": 2},"
                + " \"backward\": {\"type\": \"LSTM\", \"units\": 2}}]}}", "t.json");
    }

    @Test
    void aLayerInsideAnOperatorIsEditedByItsPath() throws Exception {
        NetDocument d = new SetParameter(NodePath.of("bidirectional1", "forward"), "units", 5).apply(doc());

        assertThat(NetPaths.find(d.net(), NodePath.of("bidirectional1", "forward"))).contains(Layer.of("LSTM", "units", 5));
        assertThat(ShapeInference.infer(d.net()).outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×7");
    }

    @Test
    void theNetInsideAMapIsEditedLikeAnyChain() throws Exception {
        NodePath inner = NodePath.of("map1", "net");
        NetDocument d = new ChainToGraph(inner).apply(doc());
        d = new AddNode(inner, "tanh", Layer.of("Tanh"), new Layout.Position(0, 0)).apply(d);

        assertThat(NetPaths.find(d.net(), inner.child("tanh"))).contains(Layer.of("Tanh"));
    }

    @Test
    void anOperatorsOptionsAreItsParameters() throws Exception {
        NetDocument d = new SetParameter(NodePath.of("bidirectional1"), "merge", "total").apply(doc());

        assertThat(NetPaths.find(d.net(), NodePath.of("bidirectional1")).orElseThrow())
                .isInstanceOfSatisfying(BidirectionalOperator.class, b -> assertThat(b.merge()).isEqualTo("total"));
        assertThat(ShapeInference.infer(d.net()).outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×2");
        assertThat(new FoldOperator(Layer.of("Tanh")).withOption("returnSequences", false).returnSequences()).isFalse();
        assertThatThrownBy(() -> new SetParameter(NodePath.of("bidirectional1"), "merge", "sum").apply(doc()))
                .hasMessage("Cannot set merge of 'bidirectional1': merge must be one of \"catenate\", \"total\", but got"
                        + " \"sum\".");
        assertThatThrownBy(() -> new SetParameter(NodePath.of("map1"), "units", 3).apply(doc()))
                .hasMessage("'map1' is a Map, which has no parameters.");
    }

    @Test
    void anOperatorsInsideIsNotAGraphToAddTo() {
        assertThatThrownBy(() -> new AddNode(NodePath.of("bidirectional1"), "x", Layer.of("Tanh"), null).apply(doc()))
                .hasMessage("'bidirectional1' is a Bidirectional, not a Graph; what it holds is changed inside its"
                        + " forward and backward nets.");
        assertThatThrownBy(() -> new RenameNode(NodePath.of("map1"), "net", "body").apply(doc()))
                .hasMessage("'map1' is a Map, whose inner nets keep their names (net).");
    }
}
