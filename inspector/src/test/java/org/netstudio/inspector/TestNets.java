package org.netstudio.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;

/** Nets the inspector tests and the demo look at. */
public final class TestNets {

    private TestNets() {
    }

    /** Caffe's LeNet as in netgraph's lenet5.json: 431,080 parameters, a Class decoder. */
    public static NetDocument lenet() {
        List<String> digits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            digits.add(Integer.toString(i));
        }
        Chain net = Chain.named(PortDecls.shape(1, 28, 28), List.of(
                        Layer.of("Convolution", "channels", 20, "kernel", 5), Layer.of("Ramp"),
                        Layer.of("Pooling", "function", "max", "kernel", 2),
                        Layer.of("Convolution", "channels", 50, "kernel", 5), Layer.of("Ramp"),
                        Layer.of("Pooling", "function", "max", "kernel", 2), Layer.of("Flatten"),
                        Layer.of("Linear", "units", 500), Layer.of("Ramp"), Layer.of("Linear", "units", 10),
                        Layer.of("Softmax")),
                java.util.Arrays.asList(null, null, null, null, null, null, null, null, null, null, null),
                PortDecls.decoder(new Coder("Class", Map.of("labels", digits))));
        return new NetDocument("LeNet-5", net, null);
    }

    /**
     * A graph with a nested chain and a batch norm: Input (3×32×32) → conv → block (Chain: bn, ramp)
     * → flatten → Linear 10 → Output.
     */
    public static NetDocument graphWithBlock() {
        Chain block = Chain.of(PortDecl.UNSPECIFIED, Layer.of("BatchNorm"), Layer.of("Ramp"));
        Map<String, NetNode> nodes = new java.util.LinkedHashMap<>();
        nodes.put("conv", Layer.of("Convolution", "channels", 8, "kernel", 3, "padding", "same"));
        nodes.put("block", block);
        nodes.put("flat", Layer.of("Flatten"));
        nodes.put("logits", Layer.of("Linear", "units", 10));
        List<Edge> edges = List.of(
                new Edge(PortRef.graphPort("Input"), PortRef.of("conv", "Input")),
                new Edge(PortRef.of("conv", "Output"), PortRef.of("block", "Input")),
                new Edge(PortRef.of("block", "Output"), PortRef.of("flat", "Input")),
                new Edge(PortRef.of("flat", "Output"), PortRef.of("logits", "Input")),
                new Edge(PortRef.of("logits", "Output"), PortRef.graphPort("Output")));
        Graph g = new Graph(Map.of("Input", PortDecls.shape(3, 32, 32)), nodes, edges, Map.of("Output", PortDecl.UNSPECIFIED));
        return new NetDocument("Small CNN", g, null);
    }
}
