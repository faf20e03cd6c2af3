package org.netstudio.netgraph.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.MapOperator;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * Random, structurally valid net documents for property tests: chains, graphs and sequence
 * operators nested up to a depth, every layer type family, explicit and default names, symbolic and index inputs,
 * encoders and decoders, and a layout. Graphs are DAGs with every input port wired exactly once.
 * The same seed always gives the same document.
 */
public final class RandomNets {

    private static final String[] NAMES = {"a", "b", "conv", "linear1", "linear2", "tanh1", "my layer", "x_y",
            "Ünïcode", "q\"uote", "Input2", "deep", "n1", "n2", "n3", "n4", "n5", "n6"};
    private static final String[] PORTS = {"Input", "Output", "x", "y", "Tokens", "Image", "Label"};

    private final Random r;
    private int fresh;

    private RandomNets(long seed) {
        r = new Random(seed);
    }

    /** A random document whose top-level net is a chain or a graph. */
    public static NetDocument document(long seed) {
        return new RandomNets(seed).document();
    }

    /** A random document whose top-level net is a graph (for the graph editing commands). */
    public static NetDocument graphDocument(long seed) {
        RandomNets g = new RandomNets(seed);
        Graph net = g.graph(2);
        return new NetDocument("g" + seed, net, g.layout(net));
    }

    private NetDocument document() {
        NetNode net = r.nextBoolean() ? chain(2, true) : graph(2);
        String name = r.nextInt(4) == 0 ? "" : "net \"" + r.nextInt(100) + "\" — ✓";
        return new NetDocument(name, net, layout(net));
    }

    Layer layer() {
        switch (r.nextInt(16)) {
            case 0:
                return r.nextBoolean() ? Layer.of("Linear", "units", 1 + r.nextInt(64))
                        : Layer.of("Dense", "units", 1 + r.nextInt(64), "bias", false);
            case 1:
                return r.nextBoolean() ? Layer.of("Convolution", "channels", 1 + r.nextInt(32), "kernel", 1 + r.nextInt(5))
                        : Layer.of("Conv2D", "channels", 8, "kernel", List.of(3, 1 + r.nextInt(3)), "padding", "same");
            case 2:
                return Layer.of("Pooling", "function", r.nextBoolean() ? "max" : "mean", "kernel", 2, "stride", 1 + r.nextInt(2));
            case 3:
                return Layer.of(r.nextBoolean() ? "Tanh" : "ReLU");
            case 4:
                return Layer.of("Dropout", "rate", r.nextInt(90) / 100.0);
            case 5:
                return r.nextBoolean() ? Layer.of("BatchNorm") : Layer.of("BatchNorm", "epsilon", 1e-3, "momentum", 0.25);
            case 6:
                return Layer.of("Softmax", "axis", -1 - r.nextInt(2));
            case 7:
                return Layer.of("Elementwise", "function", "tanh(x)*sigmoid(x)");
            case 8:
                return Layer.of("Reshape", "shape", List.of(-1, 1 + r.nextInt(8)));
            case 9:
                return Layer.of("Catenate", "axis", r.nextInt(2));
            case 10:
                return Layer.of("Total");
            case 11:
                return Layer.of("Threading", "function", "times");
            case 12:
                return Layer.of("CrossEntropyLoss", "target", "index");
            case 13:
                return Layer.of("Embedding", "size", 1 + r.nextInt(16));
            case 14:
                return Layer.of("LSTM", "units", 1 + r.nextInt(16), "returnSequences", r.nextBoolean());
            default:
                return Layer.of("LeakyReLU", "alpha", 0.5 + r.nextInt(4) * 0.125);
        }
    }

    private NetNode node(int depth) {
        int k = r.nextInt(10);
        if (depth > 0 && k == 0) {
            return chain(depth - 1, false);
        }
        if (depth > 0 && k == 1) {
            return graph(depth - 1);
        }
        if (depth > 0 && k == 2) {
            return operator(depth - 1);
        }
        return layer();
    }

    private NetNode operator(int depth) {
        switch (r.nextInt(3)) {
            case 0:
                return new MapOperator(node(depth));
            case 1:
                return new FoldOperator(graph(depth), r.nextBoolean());
            default:
                return new BidirectionalOperator(node(depth), node(depth), r.nextBoolean() ? "catenate" : "total");
        }
    }

    PortDecl inputDecl() {
        switch (r.nextInt(7)) {
            case 0:
                return PortDecl.UNSPECIFIED;
            case 1:
                return PortDecls.shape(1 + r.nextInt(3), 28, 28);
            case 2:
                return PortDecls.shape("n", 1 + r.nextInt(20));
            case 3:
                return PortDecls.indices(1 + r.nextInt(100), "n");
            case 4:
                return PortDecls.encoder(new Coder("Image", Map.of("size", List.of(28, 32),
                        "colorSpace", r.nextBoolean() ? "Grayscale" : "RGB")));
            case 5:
                return PortDecls.encoder(new Coder("Class", Map.of("labels", List.of("cat", "dog", "bird"))));
            default:
                return PortDecls.encoder(new Coder("Characters", Map.of("alphabet", "abc xyz")));
        }
    }

    PortDecl outputDecl() {
        switch (r.nextInt(4)) {
            case 0:
                return PortDecl.UNSPECIFIED;
            case 1:
                return PortDecls.shape(1 + r.nextInt(10));
            case 2:
                return PortDecls.decoder(new Coder("Class", Map.of("labels", List.of("0", "1", "2"))));
            default:
                return PortDecls.decoder(new Coder("Boolean", Map.of()));
        }
    }

    private Chain chain(int depth, boolean top) {
        int n = r.nextInt(5);
        List<NetNode> nodes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(node(depth));
            String name = r.nextInt(3) == 0 ? NAMES[r.nextInt(NAMES.length)] : null;
            names.add(names.contains(name) ? null : name);
        }
        PortDecl in = top || r.nextInt(4) == 0 ? inputDecl() : PortDecl.UNSPECIFIED;
        PortDecl out = top || r.nextInt(4) == 0 ? outputDecl() : PortDecl.UNSPECIFIED;
        return Chain.named(in, nodes, names, out);
    }

    private Graph graph(int depth) {
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        Map<String, PortDecl> outputs = new LinkedHashMap<>();
        List<String> ports = new ArrayList<>(List.of(PORTS));
        java.util.Collections.shuffle(ports, r);
        int nIn = 1 + r.nextInt(2);
        int nOut = 1 + r.nextInt(2);
        for (int i = 0; i < nIn; i++) {
            inputs.put(ports.get(i), inputDecl());
        }
        for (int i = 0; i < nOut; i++) {
            outputs.put(ports.get(nIn + i), outputDecl());
        }
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        List<PortRef> sources = new ArrayList<>();
        inputs.keySet().forEach(p -> sources.add(PortRef.graphPort(p)));
        List<Edge> edges = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            String name = NAMES[r.nextInt(NAMES.length)];
            if (nodes.containsKey(name) || inputs.containsKey(name) || outputs.containsKey(name)) {
                name = "node" + (++fresh);
            }
            NetNode node = node(depth);
            if (node instanceof Layer l && l.layerType().hasVariadicInput()) {
                node = l.withInputCount(2 + r.nextInt(3));
            }
            for (String port : node.inputNames()) {
                edges.add(new Edge(sources.get(r.nextInt(sources.size())), PortRef.of(name, port)));
            }
            nodes.put(name, node);
            for (String out : node.outputNames()) {
                sources.add(PortRef.of(name, out));
            }
        }
        for (String o : outputs.keySet()) {
            if (r.nextInt(5) > 0) {
                edges.add(new Edge(sources.get(r.nextInt(sources.size())), PortRef.graphPort(o)));
            }
        }
        java.util.Collections.shuffle(edges, r);
        return new Graph(inputs, nodes, edges, outputs);
    }

    private Layout layout(NetNode net) {
        Map<String, Layout.Position> positions = new LinkedHashMap<>();
        addPositions(net, NodePath.ROOT, positions);
        return new Layout(positions);
    }

    private void addPositions(NetNode node, NodePath path, Map<String, Layout.Position> positions) {
        if (!path.isRoot() && r.nextInt(4) > 0) {
            positions.put(path.toString(), position());
        }
        if (node instanceof Graph g) {
            for (String in : g.inputs().keySet()) {
                if (r.nextBoolean()) {
                    positions.put(path.isRoot() ? "$" + in : path + "/$" + in, position());
                }
            }
            g.nodes().forEach((name, child) -> addPositions(child, path.child(name), positions));
        } else if (node instanceof Chain c) {
            c.elements().forEach(e -> addPositions(e.node(), path.child(e.name()), positions));
        } else if (node instanceof SequenceOperator op) {
            op.innerNames().forEach(n -> addPositions(op.inner(n), path.child(n), positions));
        }
    }

    private Layout.Position position() {
        return r.nextBoolean() ? new Layout.Position(r.nextInt(2000) - 100, r.nextInt(1000))
                : new Layout.Position(r.nextInt(8000) / 8.0, -r.nextDouble() * 100);
    }
}
