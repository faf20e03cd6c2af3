package org.netstudio.netgraph.bench;

import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.TensorType;

/** Generated large nets for benchmarks and scale tests. */
public final class LargeNets {

    private LargeNets() {
    }

    /**
     * A ResNet-like graph of {@code blocks} residual blocks of five nodes each (convolution, batch
     * norm, ramp, total, ramp) on a 16×32×32 input, ending in global pooling, a Linear and a Softmax.
     * 200 blocks make 1,003 nodes.
     */
    public static Graph residualGraph(int blocks) {
        Graph g = Graph.empty().withInput("Input", PortDecl.of(TensorType.real(16, 32, 32)))
                .withOutput("Output", PortDecl.UNSPECIFIED);
        PortRef prev = PortRef.graphPort("Input");
        for (int b = 0; b < blocks; b++) {
            String conv = "conv" + b;
            String bn = "bn" + b;
            String relu = "relu" + b;
            String add = "add" + b;
            String out = "out" + b;
            g = g.withNode(conv, Layer.of("Convolution", "channels", 16, "kernel", 3, "padding", "same"))
                    .withNode(bn, Layer.of("BatchNorm"))
                    .withNode(relu, Layer.of("Ramp"))
                    .withNode(add, Layer.of("Total"))
                    .withNode(out, Layer.of("Ramp"))
                    .withEdge(new Edge(prev, PortRef.of(conv, "Input")))
                    .withEdge(new Edge(PortRef.of(conv, "Output"), PortRef.of(bn, "Input")))
                    .withEdge(new Edge(PortRef.of(bn, "Output"), PortRef.of(relu, "Input")))
                    .withEdge(new Edge(PortRef.of(relu, "Output"), PortRef.of(add, "Input1")))
                    .withEdge(new Edge(prev, PortRef.of(add, "Input2")))
                    .withEdge(new Edge(PortRef.of(add, "Output"), PortRef.of(out, "Input")));
            prev = PortRef.of(out, "Output");
        }
        return g.withNode("pool", Layer.of("GlobalPooling"))
                .withNode("fc", Layer.of("Linear", "units", 10))
                .withNode("softmax", Layer.of("Softmax"))
                .withEdge(new Edge(prev, PortRef.of("pool", "Input")))
                .withEdge(new Edge(PortRef.of("pool", "Output"), PortRef.of("fc", "Input")))
                .withEdge(new Edge(PortRef.of("fc", "Output"), PortRef.of("softmax", "Input")))
                .withEdge(new Edge(PortRef.of("softmax", "Output"), PortRef.graphPort("Output")));
    }
}
