package org.netstudio.netgraph.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.catalog.ParamSpec;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Writes a {@link NetDocument} as a net file (DESIGN.md "The net file"), the counterpart of
 * {@link NetFileReader}: deterministic, pretty-printed with two-space indentation, keys in a stable
 * order (layers: type, name, parameters in catalog order; layout keys sorted), ending with a
 * newline, so that saving the same net twice gives the same bytes and a change shows as a small diff.
 * Layer types are written by their canonical names, chain element names only where they differ
 * from the default name the reader would give, parameters only where explicitly set, and edges
 * abbreviated to {@code "node"} where the node has only that port.
 *
 * <p>What it writes, the reader reads back as an equal document. A net it could not write
 * faithfully (an edge to a port that does not exist, an input wired twice, an invalid name, a port
 * declaration with an unknown dimension, a non-finite position) is refused with an
 * IllegalArgumentException naming the JSON path, before anything is written. One exception is
 * normalised rather than refused: a variadic layer's input count is not stored, and reads back as
 * the highest input wired (at least 2).
 *
 * <p>Stateless and thread-safe.
 */
public final class NetFileWriter {

    /** Known coder options in the order they are written; others follow alphabetically. */
    private static final List<String> CODER_OPTION_ORDER =
            List.of("size", "colorSpace", "mean", "std", "labels", "alphabet", "tokenizer", "unknown", "lowercase",
                    "minCount", "maxSize", "vocabulary");

    private NetFileWriter() {
    }

    /** The file's text. Throws IllegalArgumentException when the net cannot be written faithfully. */
    public static String toJson(NetDocument doc) {
        return JsonText.print(tree(doc));
    }

    /** The file's bytes (UTF-8). */
    public static byte[] toBytes(NetDocument doc) {
        return toJson(doc).getBytes(StandardCharsets.UTF_8);
    }

    /** Saves the document to {@code file} atomically (see {@link AtomicFiles}). */
    public static void write(NetDocument doc, Path file) throws IOException {
        byte[] bytes = toBytes(doc);
        AtomicFiles.write(file, bytes);
    }

    static ObjectNode tree(NetDocument doc) {
        ObjectNode root = JsonValues.NODES.objectNode();
        root.put("format", NetFileReader.FORMAT);
        root.put("version", NetFileReader.VERSION);
        root.put("name", doc.name());
        root.set("net", node(doc.net(), JsonPath.ROOT.key("net"), null));
        root.set("layout", layout(doc.layout(), JsonPath.ROOT.key("layout")));
        if (!doc.multipliers().isEmpty()) {
            // Written only when set, so the files of nets nobody froze stay as they were.
            ObjectNode m = root.putObject(NetFileReader.MULTIPLIERS);
            doc.multipliers().factors().forEach((path, factor) -> m.put(path.toString(), factor));
        }
        return root;
    }

    private static IllegalArgumentException cannot(JsonPath path, String why) {
        return new IllegalArgumentException("cannot write the net: " + path + ": " + why);
    }

    private static ObjectNode node(NetNode node, JsonPath path, String name) {
        ObjectNode o = JsonValues.NODES.objectNode();
        o.put("type", node.typeName());
        if (name != null) {
            o.put("name", name);
        }
        if (node instanceof Layer layer) {
            LayerType lt = layer.layerType();
            for (ParamSpec spec : lt.params()) {
                Object v = layer.values().get(spec.name());
                if (v != null) {
                    o.set(spec.name(), JsonValues.toJson(v, path.key(spec.name()).toString()));
                }
            }
        } else if (node instanceof Chain chain) {
            chain(chain, path, o);
        } else if (node instanceof Graph graph) {
            graph(graph, path, o);
        } else if (node instanceof SequenceOperator op) {
            for (String inner : op.innerNames()) {
                o.set(inner, node(op.inner(inner), path.key(inner), null));
            }
            if (op instanceof FoldOperator fold && !fold.returnSequences()) {
                o.put("returnSequences", false);
            } else if (op instanceof BidirectionalOperator bi) {
                o.put("merge", bi.merge());
            }
        }
        return o;
    }

    private static void chain(Chain chain, JsonPath path, ObjectNode o) {
        if (!chain.input().isUnspecified()) {
            o.set("input", decl(chain.input(), path.key("input"), true));
        }
        ArrayNode layers = o.putArray("layers");
        boolean[] explicit = explicitNames(chain);
        for (int i = 0; i < chain.elements().size(); i++) {
            Chain.Element e = chain.elements().get(i);
            JsonPath at = path.key("layers").index(i);
            checkName(e.name(), at.key("name"));
            layers.add(node(e.node(), at, explicit[i] ? e.name() : null));
        }
        if (!chain.output().isUnspecified()) {
            o.set("output", decl(chain.output(), path.key("output"), false));
        }
    }

    /**
     * Which element names must be written: those the reader would not give by default. Writing one
     * name takes it from the defaults and can shift the others', hence the loop until it settles.
     */
    static boolean[] explicitNames(Chain chain) {
        List<NetNode> nodes = chain.nodes();
        List<String> actual = chain.elements().stream().map(Chain.Element::name).toList();
        boolean[] explicit = new boolean[actual.size()];
        List<String> defaults = chain.defaultNamesOfElements();
        for (int i = 0; i < explicit.length; i++) {
            explicit[i] = !actual.get(i).equals(defaults.get(i));
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            List<String> given = new ArrayList<>();
            for (int i = 0; i < explicit.length; i++) {
                given.add(explicit[i] ? actual.get(i) : null);
            }
            List<String> resolved = Chain.defaultNames(nodes, given);
            for (int i = 0; i < explicit.length; i++) {
                if (!explicit[i] && !resolved.get(i).equals(actual.get(i))) {
                    explicit[i] = true;
                    changed = true;
                }
            }
        }
        return explicit;
    }

    private static void graph(Graph graph, JsonPath path, ObjectNode o) {
        ObjectNode inputs = o.putObject("inputs");
        for (Map.Entry<String, PortDecl> e : graph.inputs().entrySet()) {
            JsonPath at = path.key("inputs").key(e.getKey());
            checkName(e.getKey(), at);
            inputs.set(e.getKey(), decl(e.getValue(), at, true));
        }
        ObjectNode nodes = o.putObject("nodes");
        for (Map.Entry<String, NetNode> e : graph.nodes().entrySet()) {
            JsonPath at = path.key("nodes").key(e.getKey());
            checkName(e.getKey(), at);
            if (graph.inputs().containsKey(e.getKey()) || graph.outputs().containsKey(e.getKey())) {
                throw cannot(at, "\"" + e.getKey() + "\" names both a node and a port of the graph");
            }
            nodes.set(e.getKey(), node(e.getValue(), at, null));
        }
        ArrayNode edges = o.putArray("edges");
        Set<PortRef> wired = new HashSet<>();
        for (int i = 0; i < graph.edges().size(); i++) {
            Edge edge = graph.edges().get(i);
            JsonPath at = path.key("edges").index(i);
            ObjectNode e = edges.addObject();
            e.put("from", end(graph, edge.from(), true, at.key("from")));
            e.put("to", end(graph, edge.to(), false, at.key("to")));
            if (!wired.add(edge.to())) {
                throw cannot(at.key("to"), edge.to() + " is wired twice");
            }
        }
        ObjectNode outputs = o.putObject("outputs");
        for (Map.Entry<String, PortDecl> e : graph.outputs().entrySet()) {
            JsonPath at = path.key("outputs").key(e.getKey());
            checkName(e.getKey(), at);
            if (graph.inputs().containsKey(e.getKey())) {
                throw cannot(at, "the graph has an input and an output both named \"" + e.getKey() + "\"");
            }
            outputs.set(e.getKey(), decl(e.getValue(), at, false));
        }
    }

    /** "node" when the port is the node's only one on that side, else "node.Port"; "Port" for the graph's own. */
    private static String end(Graph graph, PortRef ref, boolean source, JsonPath at) {
        if (ref.isGraphPort()) {
            if (!(source ? graph.inputs() : graph.outputs()).containsKey(ref.port())) {
                throw cannot(at, "the graph has no " + (source ? "input" : "output") + " \"" + ref.port() + "\"");
            }
            return ref.port();
        }
        NetNode node = graph.nodes().get(ref.node());
        if (node == null) {
            throw cannot(at, "the edge names a node \"" + ref.node() + "\" that does not exist");
        }
        List<String> ports = source ? node.outputNames() : node.inputNames();
        if (!ports.contains(ref.port())) {
            throw cannot(at, "\"" + ref.node() + "\" (" + node.typeName() + ") has no "
                    + (source ? "output" : "input") + " port \"" + ref.port() + "\"");
        }
        boolean variadic = node instanceof Layer l && l.layerType().hasVariadicInput();
        boolean only = ports.size() == 1 && (source || !variadic);
        return only ? ref.node() : ref.node() + "." + ref.port();
    }

    private static ObjectNode decl(PortDecl decl, JsonPath path, boolean input) {
        PortDecls.unwritable(decl, input).ifPresent(why -> {
            throw cannot(path, why);
        });
        ObjectNode o = JsonValues.NODES.objectNode();
        if (decl.coder() != null) {
            o.set(input ? "encoder" : "decoder", coder(decl.coder(), path));
            return o;
        }
        TensorType t = decl.type();
        if (t.dims() != null) {
            ArrayNode shape = o.putArray("shape");
            for (Dim d : t.dims()) {
                if (d instanceof Dim.Symbolic s) {
                    shape.add(s.name());
                } else {
                    shape.add(d.size());
                }
            }
        }
        if (t.kind() instanceof ElementKind.Index ix) {
            o.put("index", ix.size());
        } else if (t.kind() instanceof ElementKind.Integer) {
            // Whole numbers that are not indices, e.g. an imported model's attention mask.
            o.put("integer", true);
        }
        return o;
    }

    private static ObjectNode coder(Coder coder, JsonPath path) {
        ObjectNode o = JsonValues.NODES.objectNode();
        o.put("type", coder.type());
        Map<String, Object> rest = new TreeMap<>(coder.options());
        for (String k : CODER_OPTION_ORDER) {
            if (rest.containsKey(k)) {
                o.set(k, JsonValues.toJson(rest.remove(k), path.key(k).toString()));
            }
        }
        rest.forEach((k, v) -> o.set(k, JsonValues.toJson(v, path.key(k).toString())));
        return o;
    }

    private static ObjectNode layout(Layout layout, JsonPath path) {
        ObjectNode o = JsonValues.NODES.objectNode();
        for (Map.Entry<String, Layout.Position> e : new TreeMap<>(layout.positions()).entrySet()) {
            JsonPath at = path.key(e.getKey());
            if (!NetFileReader.validLayoutKey(e.getKey())) {
                throw cannot(at, "a layout key is a node path such as \"block1/conv1\", but got \"" + e.getKey() + "\"");
            }
            ObjectNode p = o.putObject(e.getKey());
            p.set("x", coordinate(e.getValue().x(), at.key("x")));
            p.set("y", coordinate(e.getValue().y(), at.key("y")));
        }
        return o;
    }

    /** Whole coordinates as integers (120, not 120.0): positions snap to the grid, and files read better. */
    private static JsonNode coordinate(double v, JsonPath at) {
        if (!Double.isFinite(v)) {
            throw cannot(at, "a coordinate must be a finite number, but got " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return JsonValues.NODES.numberNode((long) v);
        }
        return JsonValues.NODES.numberNode(v);
    }

    private static void checkName(String name, JsonPath at) {
        NetNames.problem(name).ifPresent(p -> {
            throw cannot(at, p);
        });
    }
}
