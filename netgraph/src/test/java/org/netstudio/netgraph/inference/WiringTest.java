package org.netstudio.netgraph.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;

/** The flattened net inference hands to engines: one wire per tensor, containers dissolved. */
class WiringTest {

    @Test
    void aChainNestedInAGraphIsOneRunOfWiresFromTheNetInputToItsOutput() {
        InferenceResult r = infer("""
                {"type": "Graph", "inputs": {"Input": {"shape": [3]}},
                 "nodes": {"block": {"type": "Chain", "layers": [{"type": "Linear", "units": 4, "name": "linear"},
                                                                 {"type": "Ramp", "name": "ramp"}]},
                           "head": {"type": "Linear", "units": 2}},
                 "edges": [{"from": "Input", "to": "block"}, {"from": "block", "to": "head"},
                           {"from": "head", "to": "Output"}],
                 "outputs": {"Output": {}}}""");
        assertThat(r.valid()).isTrue();
        Wiring w = r.wiring();
        List<LayerInfo> layers = r.layers();
        assertThat(layers).extracting(LayerInfo::path).extracting(NodePath::toString)
                .containsExactly("block/linear", "block/ramp", "head");
        // Each layer reads the wire the one before it writes; the net's input and output are the ends.
        assertThat(w.inputsOf(0)).containsExactly(w.netInputs().get(0));
        assertThat(w.inputsOf(1)).containsExactly(w.outputsOf(0).get(0));
        assertThat(w.inputsOf(2)).containsExactly(w.outputsOf(1).get(0));
        assertThat(w.netOutputs()).containsExactly(w.outputsOf(2).get(0));
        assertThat(w.wireCount()).isEqualTo(4);
    }

    @Test
    void oneInputReadByTwoLayersIsOneWire() {
        InferenceResult r = infer("""
                {"type": "Graph", "inputs": {"Input": {"shape": [3]}},
                 "nodes": {"a": {"type": "Linear", "units": 2}, "b": {"type": "Linear", "units": 2},
                           "sum": {"type": "Total"}},
                 "edges": [{"from": "Input", "to": "a"}, {"from": "Input", "to": "b"},
                           {"from": "a", "to": "sum.Input1"}, {"from": "b", "to": "sum.Input2"},
                           {"from": "sum", "to": "Output"}],
                 "outputs": {"Output": {}}}""");
        Wiring w = r.wiring();
        int a = indexOf(r, "a");
        int b = indexOf(r, "b");
        assertThat(w.inputsOf(a)).containsExactly(w.netInputs().get(0));
        assertThat(w.inputsOf(b)).containsExactly(w.netInputs().get(0));
        assertThat(w.inputsOf(indexOf(r, "sum"))).containsExactly(w.outputsOf(a).get(0), w.outputsOf(b).get(0));
    }

    private static InferenceResult infer(String net) {
        try {
            return ShapeInference.infer(NetFileReader.read(
                    "{\"format\": \"netstudio.net\", \"version\": 1, \"net\": " + net + "}", "t.json").net());
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }

    private static int indexOf(InferenceResult r, String path) {
        for (int i = 0; i < r.layers().size(); i++) {
            if (r.layers().get(i).path().toString().equals(path)) {
                return i;
            }
        }
        throw new AssertionError(path);
    }
}
