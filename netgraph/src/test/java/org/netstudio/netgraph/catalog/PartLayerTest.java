package org.netstudio.netgraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.catalog.LayerContract.assertLayer;
import static org.netstudio.netgraph.catalog.LayerContract.problems;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Part takes a span of one axis; a span the input does not have is refused in a sentence, and ONNX carries
 * it both ways.
 */
class PartLayerTest {

    @Test
    void takesTheSpanOfOneAxisAndKeepsTheOthers() {
        assertLayer(Layer.of("Part", "start", 2, "end", 5), List.of(TensorType.real(6, 3, 4)), "3×3×4", 0);
        assertLayer(Layer.of("Part", "axis", 1, "end", 2),
                List.of(TensorType.real(List.of(Dim.symbolic("n"), Dim.of(4)))), "n×2", 0);
        assertThat(Layer.of("Chunk", "end", 1).type()).isEqualTo("Part");
        // As dropped from the palette, with no parameter set: the first element of the first axis.
        assertLayer(Layer.of("Part"), List.of(TensorType.real(6, 3)), "1×3", 0);
    }

    @Test
    void aSpanTheInputDoesNotHaveIsRefusedInASentence() {
        assertThat(problems(Layer.of("Part", "start", 4, "end", 8), TensorType.real(6, 3))).singleElement().asString()
                .endsWith("6×3 from the net's input 'In0': axis 0 has 6 elements, so it has no span 4 to 8.");
        assertThat(problems(Layer.of("Part", "end", 2), TensorType.real(List.of(Dim.symbolic("n"), Dim.of(4)))))
                .singleElement().asString()
                .endsWith(": axis 0 is the varying length n, which a fixed span cannot be taken from.");
        assertThat(problems(Layer.of("Part", "start", 3, "end", 3), TensorType.real(6)))
                .containsExactly("'layer' (Part): the span 3 to 3 is empty: end must be after start.");
        assertThat(problems(Layer.of("Part", "axis", 2, "end", 1), TensorType.real(6, 3))).singleElement().asString()
                .startsWith("'layer' (Part): axis 2 does not exist in");
    }

    @Test
    void exportsAsAnOnnxSliceThatImportsBackAsTheSamePart() throws Exception {
        Layer part = Layer.of("Part", "axis", 1, "start", 1, "end", 3);
        Chain net = Chain.of(PortDecl.of(TensorType.real(6, 4)), part);

        byte[] onnx = OnnxExporter.export(new NetDocument("part", net, null), Weights.EMPTY);
        OnnxImport back = OnnxImporter.read(onnx, "part.onnx");

        assertThat(back.report().opaque()).isEmpty();
        Chain imported = (Chain) back.document().net();
        assertThat(imported.elements()).singleElement().satisfies(e -> assertThat(e.node()).isEqualTo(part));
    }
}
