package org.netstudio.netgraph.io.pytorch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.netstudio.netgraph.catalog.ArraySpec;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.OperatorInfo;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.MapOperator;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.OneNetOperator;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Writes model.py for a valid net: one {@code nn.Module} class per container (chains, graphs,
 * Map, Fold, Bidirectional; containers whose code comes out the same share a class), NetStudio's
 * node names as attribute and variable names, each node's per-example output shape as a comment,
 * and the helpers the code calls. Varying lengths travel as int64 {@code (batch)} tensors beside
 * the inputs, as the engine's do: a container's forward takes its inputs, then one lengths tensor
 * per varying size of its inputs ({@code n_lengths=None}), and the top net's forward takes each
 * varying-length input's lengths right after it ({@code FORWARD_ARGS}). The top class maps every
 * NetStudio array name to its state-dict key in {@code netstudio_arrays}. One use per instance.
 */
final class ModelSource {

    private static final String INDENT = "    ";

    private final Set<String> helpers = new TreeSet<>();
    private final List<String> classes = new ArrayList<>();
    private final Map<String, String> classByBody = new HashMap<>();
    private final PythonNames classNames = new PythonNames();
    private final Map<String, String> arrays = new LinkedHashMap<>();
    private final List<String> forwardArgs = new ArrayList<>();

    private ModelSource() {
        classNames.reserve("Tensor");
    }

    /** The text of model.py for a net that inference found valid. */
    static String of(String name, NetNode net, InferenceResult inference) {
        return new ModelSource().write(name, net, inference);
    }

    private String write(String name, NetNode net, InferenceResult inference) {
        String top = containerClass(net, NodePath.ROOT, inference, name.isBlank() ? "Net" : name, "", true).name();
        StringBuilder sb = new StringBuilder();
        String title = name.isBlank() ? "A net" : name;
        sb.append("\"\"\"").append(title.replace("\"\"\"", "'''"))
                .append(", exported from NetStudio as PyTorch modules.\n\n")
                .append("Shapes in the comments are per example (no batch axis), channels first; a letter such as n\n")
                .append("is a length that varies from example to example. A sequence of varying length is a padded\n")
                .append("batch (batch, steps, ...) with its lengths, int64 (batch), beside it: padding is never read.\n")
                .append("build_model() makes the net with fresh values; netstudio_io.load_netstudio(model, path) loads\n")
                .append("NetStudio's weights (its array names are in the top class's netstudio_arrays).\n")
                .append("\"\"\"\n");
        if (helpers.contains("attention")) {
            sb.append("import math\n\n");
        }
        sb.append("import torch\nfrom torch import nn\nimport torch.nn.functional as F\n");
        if (helpers.contains("last_state")) {
            sb.append("from torch.nn.utils.rnn import pack_padded_sequence\n");
        }
        sb.append("\n");
        sb.append("INPUTS = ").append(pyList(net.inputNames())).append("\n");
        sb.append("OUTPUTS = ").append(pyList(net.outputNames())).append("\n");
        sb.append("FORWARD_ARGS = ").append(pyList(forwardArgs)).append("\n\n\n");
        sb.append(HelperFunctions.sources(helpers));
        for (String c : classes) {
            sb.append(c).append("\n\n");
        }
        sb.append("def build_model():\n")
                .append(INDENT).append("\"\"\"The net, with fresh initial values.\"\"\"\n")
                .append(INDENT).append("return ").append(top).append("()\n");
        return sb.toString();
    }

    /** The lines of one class being written. */
    private static final class Body {
        final List<String> init = new ArrayList<>();
        final List<String> forward = new ArrayList<>();
        final PythonNames attributes = new PythonNames();
        final PythonNames variables = new PythonNames();
        String signature;
        String doc;

        Body() {
            variables.reserve("self");
            // a variable must not hide a helper function the forward calls
            HelperFunctions.names().forEach(variables::reserve);
            variables.reserve("pack_padded_sequence");
        }

        String text(String extra) {
            StringBuilder sb = new StringBuilder();
            sb.append(INDENT).append("\"\"\"").append(doc).append("\"\"\"\n\n");
            if (extra != null) {
                sb.append(extra).append("\n");
            }
            sb.append(INDENT).append("def __init__(self):\n");
            sb.append(INDENT).append(INDENT).append("super().__init__()\n");
            init.forEach(l -> sb.append(INDENT).append(INDENT).append(l).append("\n"));
            sb.append("\n").append(INDENT).append("def forward(self").append(signature).append("):\n");
            forward.forEach(l -> sb.append(INDENT).append(INDENT).append(l).append("\n"));
            return sb.toString();
        }
    }

    /** Names a class for a body, or finds the class already written with the same body. */
    private String define(String hint, String body) {
        String known = classByBody.get(body);
        if (known != null) {
            return known;
        }
        String name = classNames.claim(PythonNames.className(hint));
        classByBody.put(body, name);
        classes.add("class " + name + "(nn.Module):\n" + body);
        return name;
    }

    /**
     * A class written: its name, and the varying sizes whose lengths its forward takes after its
     * inputs, in order.
     */
    private record ClassRef(String name, List<String> sizes) {
    }

    /** Writes the class of a chain or graph (or the top net, whatever it is). */
    private ClassRef containerClass(NetNode node, NodePath path, InferenceResult inf, String hint, String prefix,
                                  boolean top) {
        if (node instanceof SequenceOperator op) {
            return operatorClass(op, path, inf, hint, prefix, top);
        }
        Body body = new Body();
        List<String> params = new ArrayList<>();
        Map<String, String> sizes = new LinkedHashMap<>();
        List<TensorType> inTypes = new ArrayList<>();
        // the arguments in order; lengths may be left out (None: every sequence full) when nothing follows them
        List<String> args = new ArrayList<>();
        List<Boolean> optional = new ArrayList<>();
        for (String port : node.inputNames()) {
            TensorType t = inf.inputType(path, port);
            inTypes.add(t);
            String v = body.variables.claim(top || node instanceof Graph ? port : "x");
            params.add(v);
            args.add(v);
            optional.add(false);
            if (top) {
                forwardArgs.add(v);
                String size = firstSize(t);
                if (size != null) {
                    String l = body.variables.claim(v + "_lengths");
                    forwardArgs.add(l);
                    args.add(l);
                    optional.add(true);
                    sizes.putIfAbsent(size, l);
                }
            }
        }
        List<String> candidates = top ? List.of() : sizesOf(inTypes);
        for (String size : candidates) {
            sizes.put(size, body.variables.claim(size + "_lengths"));
        }
        List<TensorType> outTypes = node.outputNames().stream().map(p -> inf.outputType(path, p)).toList();
        body.doc = (node instanceof Graph ? "A graph" : node instanceof Chain ? "A chain" : "A layer") + ": "
                + shapes(inTypes) + " -> " + shapes(outTypes) + ".";
        if (node instanceof Chain chain) {
            String x = params.get(0);
            for (Chain.Element e : chain.elements()) {
                NodePath at = path.child(e.name());
                String expr = call(e.node(), at, inf, e.name(), prefix, List.of(x), sizes, body);
                x = "x".equals(params.get(0)) || !x.equals(params.get(0)) ? x : body.variables.claim("x");
                body.forward.add(x + " = " + expr + comment(e.node(), at, inf));
            }
            body.forward.add("return " + x);
        } else if (node instanceof Graph graph) {
            graphForward(graph, path, inf, prefix, params, sizes, body);
        } else {
            String expr = call(node, path, inf, hint, prefix, params, sizes, body);
            body.forward.add("return " + expr);
        }
        // a nested class takes the lengths its own code reads, no others
        List<String> taken = new ArrayList<>();
        for (String size : candidates) {
            String l = sizes.get(size);
            if (body.forward.stream().anyMatch(line -> line.matches(".*\\b" + l + "\\b.*"))) {
                taken.add(size);
                args.add(l);
                optional.add(true);
            }
        }
        StringBuilder sig = new StringBuilder();
        boolean trailing = true;
        for (int i = args.size() - 1; i >= 0; i--) {
            trailing &= optional.get(i);
            sig.insert(0, ", " + args.get(i) + (trailing ? "=None" : ""));
        }
        body.signature = sig.toString();
        String extra = top ? arraysAttribute() : null;
        return new ClassRef(define(hint, body.text(extra)), taken);
    }

    private void graphForward(Graph graph, NodePath path, InferenceResult inf, String prefix, List<String> params,
                              Map<String, String> sizes, Body body) {
        Map<PortRef, String> values = new HashMap<>();
        List<String> inputs = graph.inputNames();
        for (int i = 0; i < inputs.size(); i++) {
            values.put(PortRef.graphPort(inputs.get(i)), params.get(i));
        }
        for (String name : order(graph)) {
            NetNode node = graph.nodes().get(name);
            NodePath at = path.child(name);
            List<String> in = new ArrayList<>();
            for (String port : node.inputNames()) {
                in.add(source(graph, PortRef.of(name, port), values));
            }
            String expr = call(node, at, inf, name, prefix, in, sizes, body);
            List<String> outs = new ArrayList<>();
            for (String port : node.outputNames()) {
                String v = body.variables.claim(node.outputNames().size() == 1 ? name : name + "_" + port);
                values.put(PortRef.of(name, port), v);
                outs.add(v);
            }
            body.forward.add(String.join(", ", outs) + " = " + expr + comment(node, at, inf));
        }
        List<String> results = new ArrayList<>();
        for (String out : graph.outputNames()) {
            results.add(source(graph, PortRef.graphPort(out), values));
        }
        body.forward.add("return " + String.join(", ", results));
    }

    /** The variable on the wire into a port. */
    private static String source(Graph graph, PortRef to, Map<PortRef, String> values) {
        List<Edge> in = graph.edgesInto(to);
        if (in.isEmpty()) {
            throw new IllegalArgumentException("nothing is wired into " + to);
        }
        String v = values.get(in.get(0).from());
        if (v == null) {
            throw new IllegalArgumentException(in.get(0).from() + " is not an output the export knows");
        }
        return v;
    }

    /** The graph's nodes in an order where every node comes after those it reads (file order among equals). */
    private static List<String> order(Graph graph) {
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        for (String n : graph.nodes().keySet()) {
            needs.put(n, new LinkedHashSet<>());
        }
        for (Edge e : graph.edges()) {
            if (e.to().node() != null && e.from().node() != null && needs.containsKey(e.to().node())) {
                needs.get(e.to().node()).add(e.from().node());
            }
        }
        List<String> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        boolean progress = true;
        while (out.size() < needs.size() && progress) {
            progress = false;
            for (Map.Entry<String, Set<String>> e : needs.entrySet()) {
                if (!done.contains(e.getKey()) && done.containsAll(e.getValue())) {
                    done.add(e.getKey());
                    out.add(e.getKey());
                    progress = true;
                }
            }
        }
        if (out.size() < needs.size()) {
            throw new IllegalArgumentException("the graph has a cycle");
        }
        return out;
    }

    /**
     * The forward expression of one node of a container, adding the attribute it needs to the
     * class and its arrays to the name map.
     */
    private String call(NetNode node, NodePath path, InferenceResult inf, String name, String prefix,
                        List<String> inputs, Map<String, String> sizes, Body body) {
        return call(node, path, inf, name, name, prefix, inputs, sizes, body);
    }

    /** As above, naming a container's class after {@code hint} rather than its attribute. */
    private String call(NetNode node, NodePath path, InferenceResult inf, String name, String hint, String prefix,
                        List<String> inputs, Map<String, String> sizes, Body body) {
        if (node instanceof Layer) {
            LayerInfo info = inf.layer(path);
            if (info == null) {
                throw new IllegalArgumentException("inference knows nothing of " + path);
            }
            String size = LayerSource.varyingSize(info);
            String attr = body.attributes.claim(name);
            LayerSource.Code code = LayerSource.of(info, "self." + attr, inputs, size == null ? null : sizes.get(size));
            helpers.addAll(code.helpers());
            if (code.module() != null) {
                body.init.add("self." + attr + " = " + code.module());
            }
            for (ArraySpec spec : info.arrays()) {
                String parameter = LayerSource.parameterName(info.layer().type(), spec.name());
                arrays.put(Weights.key(path, spec.name()), prefix + attr + (parameter.isEmpty() ? "" : "." + parameter));
            }
            return code.forward();
        }
        String attr = body.attributes.claim(name);
        if (node instanceof Chain chain && isSequential(chain, path, inf)) {
            body.init.add("self." + attr + " = " + sequential(chain, path, inf, hint, prefix + attr + "."));
            return "self." + attr + "(" + inputs.get(0) + ")";
        }
        ClassRef cls = containerClass(node, path, inf, hint, prefix + attr + ".", false);
        body.init.add("self." + attr + " = " + cls.name() + "()");
        List<String> args = new ArrayList<>(inputs);
        for (String size : cls.sizes()) {
            args.add(sizes.getOrDefault(size, "None"));
        }
        while (!args.isEmpty() && args.size() > inputs.size() && "None".equals(args.get(args.size() - 1))) {
            args.remove(args.size() - 1);
        }
        return "self." + attr + "(" + String.join(", ", args) + ")";
    }

    /**
     * Whether a nested chain is what PyTorch writes as {@code nn.Sequential} (as torchvision does):
     * its elements named 0, 1, 2 … in order, each a module called on the one tensor (a layer with a
     * module of its own, a chain or a graph of one input and one output), and no varying lengths.
     */
    private static boolean isSequential(Chain chain, NodePath path, InferenceResult inf) {
        if (!sizesOf(List.of(inf.inputType(path, "Input"))).isEmpty() || chain.elements().isEmpty()) {
            return false;
        }
        for (int i = 0; i < chain.elements().size(); i++) {
            Chain.Element e = chain.elements().get(i);
            if (!e.name().equals(Integer.toString(i))) {
                return false;
            }
            NetNode n = e.node();
            if (n instanceof Layer) {
                LayerInfo info = inf.layer(path.child(e.name()));
                if (info == null || n.inputNames().size() != 1) {
                    return false;
                }
                LayerSource.Code code = LayerSource.of(info, "self.m", List.of("x"), null);
                if (code.module() == null || !code.forward().equals("self.m(x)")) {
                    return false;
                }
            } else if (!(n instanceof Chain || n instanceof Graph) || n.inputNames().size() != 1
                    || n.outputNames().size() != 1) {
                return false;
            }
        }
        return true;
    }

    /** The {@code nn.Sequential(…)} of a chain that {@link #isSequential} accepts, its arrays named. */
    private String sequential(Chain chain, NodePath path, InferenceResult inf, String hint, String prefix) {
        List<String> modules = new ArrayList<>();
        for (Chain.Element e : chain.elements()) {
            NodePath at = path.child(e.name());
            String atPrefix = prefix + e.name() + ".";
            if (e.node() instanceof Layer) {
                LayerInfo info = inf.layer(at);
                modules.add(LayerSource.of(info, "self.m", List.of("x"), null).module());
                for (ArraySpec spec : info.arrays()) {
                    arrays.put(Weights.key(at, spec.name()),
                            atPrefix + LayerSource.parameterName(info.layer().type(), spec.name()));
                }
            } else {
                modules.add(containerClass(e.node(), at, inf, hint + "_" + e.name(), atPrefix, false).name() + "()");
            }
        }
        String one = String.join(", ", modules);
        if (one.length() <= 80) {
            return "nn.Sequential(" + one + ")";
        }
        return "nn.Sequential(\n" + INDENT + INDENT + INDENT + String.join(",\n" + INDENT + INDENT + INDENT, modules)
                + ",\n" + INDENT + INDENT + ")";
    }

    private ClassRef operatorClass(SequenceOperator op, NodePath path, InferenceResult outer, String hint, String prefix,
                                 boolean top) {
        OperatorInfo info = outer.operator(path);
        if (info == null) {
            throw new IllegalArgumentException("inference knows nothing of " + path);
        }
        Body body = new Body();
        String x = body.variables.claim(top ? op.inputNames().get(0) : "x");
        String lengths = body.variables.claim(top ? x + "_lengths" : "lengths");
        boolean takesLengths = !(op instanceof MapOperator);
        if (top) {
            forwardArgs.add(x);
            if (takesLengths && firstSize(info.inputs().get(0)) != null) {
                forwardArgs.add(lengths);
            }
        }
        body.signature = ", " + x + (takesLengths ? ", " + lengths + "=None" : "");
        body.doc = op.typeName() + ": " + shapes(info.inputs()) + " -> " + shapes(info.outputs()) + ".";
        if (op instanceof MapOperator map) {
            NodePath at = path.child(OneNetOperator.NET);
            InferenceResult inner = info.inner().get(OneNetOperator.NET);
            body.doc = "Map: the inner net on every element, " + shapes(info.inputs()) + " -> " + shapes(info.outputs()) + ".";
            body.forward.add("batch, steps = " + x + ".shape[:2]");
            String expr = call(map.net(), at, inner, "net", hint + " net", prefix, List.of(x + ".reshape(batch * steps, *"
                    + x + ".shape[2:])"), Map.of(), body);
            body.forward.add("y = " + expr + comment(map.net(), at, inner));
            body.forward.add("return y.reshape(batch, steps, *y.shape[1:])");
        } else if (op instanceof FoldOperator fold) {
            foldForward(fold, info, path, hint, prefix, x, lengths, body);
        } else {
            bidirectionalForward((BidirectionalOperator) op, info, path, hint, prefix, x, lengths, body);
        }
        TensorType in = info.inputs().get(0);
        List<String> taken = takesLengths && in.rankKnown() && in.rank() > 0 && in.dim(0) instanceof Dim.Symbolic sym
                ? List.of(sym.name()) : List.of();
        return new ClassRef(define(hint, body.text(top ? arraysAttribute() : null)), taken);
    }

    private void foldForward(FoldOperator fold, OperatorInfo info, NodePath path, String hint, String prefix, String x,
                             String lengths, Body body) {
        NodePath at = path.child(OneNetOperator.NET);
        InferenceResult inner = info.inner().get(OneNetOperator.NET);
        TensorType state = inner.inputType(at, FoldOperator.STATE);
        body.doc = "Fold: state(t) = net(element t, state(t - 1)) from a zero state, " + shapes(info.inputs())
                + " -> " + shapes(info.outputs()) + ".";
        body.forward.add("state = " + x + ".new_zeros(" + x + ".shape[0], " + sizesText(state) + ")");
        if (fold.returnSequences()) {
            body.forward.add("states = []");
        }
        body.forward.add("for t in range(" + x + ".shape[1]):");
        List<String> in = new ArrayList<>();
        for (String port : fold.net().inputNames()) {
            in.add(port.equals(FoldOperator.STATE) ? "state" : x + "[:, t]");
        }
        String expr = call(fold.net(), at, inner, "net", hint + " net", prefix, in, Map.of(), body);
        body.forward.add(INDENT + "new_state = " + expr + comment(fold.net(), at, inner));
        body.forward.add(INDENT + "if " + lengths + " is not None:");
        body.forward.add(INDENT + INDENT + "# an example's state stops changing after its own last element");
        body.forward.add(INDENT + INDENT + "new_state = torch.where((t < " + lengths + ").reshape(-1"
                + ", 1".repeat(state.rank()) + "), new_state, state)");
        body.forward.add(INDENT + "state = new_state");
        if (fold.returnSequences()) {
            body.forward.add(INDENT + "states.append(state)");
            body.forward.add("return torch.stack(states, 1)");
        } else {
            body.forward.add("return state");
        }
    }

    private void bidirectionalForward(BidirectionalOperator bi, OperatorInfo info, NodePath path, String hint, String prefix,
                                      String x, String lengths, Body body) {
        helpers.add("reverse_sequences");
        body.doc = "Bidirectional: one net reads the sequence forwards, the other backwards, " + shapes(info.inputs())
                + " -> " + shapes(info.outputs()) + ".";
        String[] results = new String[2];
        for (int i = 0; i < 2; i++) {
            String name = i == 0 ? "forward" : "backward";
            NodePath at = path.child(name);
            InferenceResult inner = info.inner().get(name);
            NetNode net = bi.inner(name);
            TensorType t = inner.inputType(at, net.inputNames().get(0));
            Map<String, String> sizes = new HashMap<>();
            if (t.rankKnown() && t.rank() > 0 && t.dim(0) instanceof Dim.Symbolic s) {
                sizes.put(s.name(), lengths);
            }
            String input = i == 0 ? x : "reverse_sequences(" + x + ", " + lengths + ")";
            String expr = call(net, at, inner, name + "_net", hint + " " + name, prefix, List.of(input), sizes, body);
            results[i] = body.variables.claim(name + "_out");
            body.forward.add(results[i] + " = " + expr + comment(net, at, inner));
        }
        if (info.backwardGivesSequence()) {
            body.forward.add("# element t of both outputs describes element t of the input");
            body.forward.add(results[1] + " = reverse_sequences(" + results[1] + ", " + lengths + ")");
        }
        body.forward.add("return " + (bi.merge().equals(BidirectionalOperator.CATENATE)
                ? "torch.cat([" + results[0] + ", " + results[1] + "], -1)" : results[0] + " + " + results[1]));
    }

    private String arraysAttribute() {
        StringBuilder sb = new StringBuilder();
        sb.append(INDENT).append("# NetStudio's array names -> this module's state-dict keys\n");
        sb.append(INDENT).append("netstudio_arrays = {");
        if (arrays.isEmpty()) {
            return sb.append("}\n").toString();
        }
        sb.append("\n");
        arrays.forEach((k, v) -> sb.append(INDENT).append(INDENT).append(py(k)).append(": ").append(py(v)).append(",\n"));
        return sb.append(INDENT).append("}\n").toString();
    }

    private static String comment(NetNode node, NodePath at, InferenceResult inf) {
        List<TensorType> outs = node.outputNames().stream().map(p -> inf.outputType(at, p)).toList();
        return "  # " + shapes(outs);
    }

    private static String shapes(List<TensorType> types) {
        List<String> s = new ArrayList<>();
        for (TensorType t : types) {
            s.add(t.kind() instanceof ElementKind.Index ? t.shapeText() + " indices" : t.shapeText());
        }
        return s.isEmpty() ? "nothing" : String.join(", ", s);
    }

    /** The varying sizes of types, in the order they first appear. */
    static List<String> sizesOf(List<TensorType> types) {
        Set<String> out = new LinkedHashSet<>();
        for (TensorType t : types) {
            for (int i = 0; t.rankKnown() && i < t.rank(); i++) {
                if (t.dim(i) instanceof Dim.Symbolic s) {
                    out.add(s.name());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The varying size of an operator's sequence axis, if it varies. */
    static String firstSize(TensorType t) {
        List<String> s = sizesOf(List.of(t));
        return s.isEmpty() ? null : s.get(0);
    }

    private static String sizesText(TensorType t) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < t.rank(); i++) {
            if (!t.dim(i).isFixed()) {
                throw new IllegalArgumentException("a Fold's state has no known size (" + t.shapeText() + ")");
            }
            s.add(t.dim(i).toString());
        }
        return String.join(", ", s);
    }

    static String pyList(List<String> items) {
        List<String> q = new ArrayList<>();
        items.forEach(i -> q.add(py(i)));
        return "[" + String.join(", ", q) + "]";
    }

    /** A Python string literal. */
    static String py(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0xD800 && c <= 0xDFFF)) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
