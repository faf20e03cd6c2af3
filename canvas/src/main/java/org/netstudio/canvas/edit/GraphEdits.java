package org.netstudio.canvas.edit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * Reading a net the way the canvas shows it: nodes by path, any container level as a graph, and
 * fresh node names. Pure; the edits themselves are netgraph commands (see {@link CommandStackEditor}).
 */
public final class GraphEdits {

    private GraphEdits() {
    }

    // ---- navigation ------------------------------------------------------------------------

    /** The node at {@code path} below {@code root}, or null when there is none. */
    public static NetNode nodeAt(NetNode root, NodePath path) {
        NetNode cur = root;
        for (String name : path.names()) {
            cur = child(cur, name);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** A direct child of a container by name, or null. */
    public static NetNode child(NetNode container, String name) {
        return container.child(name);
    }

    /** Whether the canvas opens the node as a level of its own: a chain, a graph, a sequence operator. */
    public static boolean isContainer(NetNode node) {
        return node instanceof Graph || node instanceof Chain || node instanceof SequenceOperator;
    }

    /** Whether the node is a group whose nodes can be spliced into its level: a chain or a graph. */
    public static boolean isGroup(NetNode node) {
        return node instanceof Graph || node instanceof Chain;
    }

    /**
     * The level at {@code path} as a graph: a chain is shown and edited as its equivalent graph, a
     * sequence operator as its inner nets between its ports (see {@link #operatorGraph}).
     */
    public static Graph graphAt(NetNode root, NodePath path) {
        NetNode n = nodeAt(root, path);
        if (n instanceof Graph g) {
            return g;
        }
        if (n instanceof Chain c) {
            return chainToGraph(c);
        }
        if (n instanceof SequenceOperator op) {
            return operatorGraph(op);
        }
        throw new IllegalArgumentException("'" + path + "' is not a container that can be opened");
    }

    /**
     * What the inside of a sequence operator shows: its inner nets as nodes under their names,
     * wired from the operator's Input to its Output. A Map's net reads the Input; a Fold's net
     * also reads its own output as its State (the state carried to the next element); a
     * Bidirectional's forward and backward nets both read the Input and both feed the Output,
     * which joins them. For showing only: the net's structure is the operator's, not a graph's.
     */
    public static Graph operatorGraph(SequenceOperator op) {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (String name : op.innerNames()) {
            NetNode inner = op.inner(name);
            nodes.put(name, inner);
            List<String> ins = inner.inputNames();
            List<String> outs = inner.outputNames();
            String element = ins.contains("Input") ? "Input" : ins.isEmpty() ? null : ins.get(0);
            if (element != null) {
                edges.add(new Edge(PortRef.graphPort("Input"), PortRef.of(name, element)));
            }
            if (!outs.isEmpty()) {
                if (op instanceof FoldOperator && ins.contains(FoldOperator.STATE)) {
                    edges.add(new Edge(PortRef.of(name, outs.get(0)), PortRef.of(name, FoldOperator.STATE)));
                }
                edges.add(new Edge(PortRef.of(name, outs.get(0)), PortRef.graphPort("Output")));
            }
        }
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        inputs.put("Input", PortDecl.UNSPECIFIED);
        Map<String, PortDecl> outputs = new LinkedHashMap<>();
        outputs.put("Output", PortDecl.UNSPECIFIED);
        return new Graph(inputs, nodes, edges, outputs);
    }

    /**
     * The same computation as a graph, as netgraph's {@link org.netstudio.netgraph.edit.ChainToGraph}
     * makes it; for a chain that command refuses (an element named "Input"), a plain rendering so
     * that the canvas can still show it.
     */
    public static Graph chainToGraph(Chain chain) {
        try {
            return org.netstudio.netgraph.edit.ChainToGraph.convert(chain);
        } catch (IllegalArgumentException e) {
            return plainGraph(chain);
        }
    }

    private static Graph plainGraph(Chain chain) {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        PortRef prev = PortRef.graphPort("Input");
        for (Chain.Element e : chain.elements()) {
            nodes.put(e.name(), e.node());
            List<String> ins = e.node().inputNames();
            if (!ins.isEmpty()) {
                edges.add(new Edge(prev, PortRef.of(e.name(), ins.get(0))));
            }
            List<String> outs = e.node().outputNames();
            if (outs.isEmpty()) {
                prev = null;
                break;
            }
            prev = PortRef.of(e.name(), outs.get(0));
        }
        if (prev != null) {
            edges.add(new Edge(prev, PortRef.graphPort("Output")));
        }
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        inputs.put("Input", chain.input());
        Map<String, PortDecl> outputs = new LinkedHashMap<>();
        outputs.put("Output", chain.output());
        return new Graph(inputs, nodes, edges, outputs);
    }

    /** {@code root} with the node at {@code path} replaced. */
    public static NetNode replaceAt(NetNode root, NodePath path, NetNode replacement) {
        if (path.isRoot()) {
            return replacement;
        }
        String first = path.names().get(0);
        NodePath rest = new NodePath(path.names().subList(1, path.depth()));
        NetNode child = child(root, first);
        if (child == null) {
            throw new IllegalArgumentException("there is no node '" + first + "'");
        }
        NetNode replaced = replaceAt(child, rest, replacement);
        if (root instanceof Graph g) {
            return g.withNode(first, replaced);
        }
        if (root instanceof SequenceOperator op) {
            return op.withInner(first, replaced);
        }
        Chain c = (Chain) root;
        List<Chain.Element> els = new ArrayList<>(c.elements());
        els.set(c.indexOf(first), new Chain.Element(first, replaced));
        return c.withElements(els);
    }

    // ---- names -----------------------------------------------------------------------------

    private static final Map<String, String> SHORT_NAMES = Map.of(
            "Convolution", "conv", "Deconvolution", "deconv", "Pooling", "pool", "GlobalPooling", "gpool",
            "BatchNorm", "bn", "LayerNorm", "ln", "Catenate", "cat", "Embedding", "embed");

    /** The base of new node names of a type: "conv" for Convolution, "linear" for Linear. */
    public static String baseName(String typeName) {
        return SHORT_NAMES.getOrDefault(typeName, typeName.toLowerCase(Locale.ROOT));
    }

    /** {@code base} followed by the smallest number ≥ 1 that makes it unused: conv1, conv2 … */
    public static String uniqueName(Collection<String> taken, String base) {
        String stem = base.replaceAll("[0-9]+$", "");
        if (stem.isEmpty()) {
            stem = "node";
        }
        for (int k = 1; ; k++) {
            String n = stem + k;
            if (!taken.contains(n)) {
                return n;
            }
        }
    }
}
