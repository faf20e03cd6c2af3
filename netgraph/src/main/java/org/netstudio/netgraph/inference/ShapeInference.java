package org.netstudio.netgraph.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.catalog.ArraySpec;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.catalog.ShapeRule;
import org.netstudio.netgraph.inference.Diagnostic.Kind;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Whole-net type and shape inference. The net is flattened into catalog layers joined by wires
 * (containers become transparent), declared input and output types are put on their wires, and a
 * worklist runs each layer's shape rule forwards (inputs → outputs) and backwards (outputs →
 * inputs) until nothing changes. Types only ever get more specific, so it terminates; a 1,000-node
 * graph takes about a millisecond. A sequence operator is one step of the flattened net whose
 * inner nets are inferred on their own ({@link OperatorInference}). Never throws on a bad net:
 * problems become diagnostics.
 */
public final class ShapeInference {

    private final Wires wires = new Wires();
    private final List<Site> sites = new ArrayList<>();
    private final Map<PortKey, Integer> portWires = new LinkedHashMap<>();
    private final List<Diagnostic> structural = new ArrayList<>();
    private final Map<Site, Diagnostic> siteProblems = new HashMap<>();
    /** Where the net inferred sits: the root, or an inner net of an operator ("map1/net"). */
    private final NodePath rootPath;
    /** The types given to the net's inputs (an inner net's), or null for a top-level net. */
    private final List<TensorType> given;
    /** How messages name what feeds each input of an inner net, e.g. "each element of what 'map1' (Map) takes". */
    private final List<String> givenPhrases;
    private int[] netIn;
    private int[] netOut;

    private ShapeInference(NodePath rootPath, List<TensorType> given, List<String> givenPhrases) {
        this.rootPath = rootPath;
        this.given = given;
        this.givenPhrases = givenPhrases;
    }

    /** Infers every port's type of a top-level net. */
    public static InferenceResult infer(NetNode net) {
        return new ShapeInference(NodePath.ROOT, null, null).run(net);
    }

    /**
     * Infers an operator's inner net on its own: placed at {@code at} (so its paths are the whole
     * net's), its inputs given these types, each fed by what {@code phrases} name in messages.
     */
    static InferenceResult inferInner(NetNode net, NodePath at, List<TensorType> inputs, List<String> phrases) {
        return new ShapeInference(at, inputs, phrases).run(net);
    }

    private InferenceResult run(NetNode net) {
        int[] in = fresh(net.inputNames().size());
        int[] out = fresh(net.outputNames().size());
        netIn = in;
        netOut = out;
        for (int i = 0; i < in.length; i++) {
            String name = net.inputNames().get(i);
            wires.setProducer(in[i], new Wires.Producer(null, i,
                    given == null ? "the net's input '" + name + "'" : givenPhrases.get(i)));
            if (given != null) {
                wires.constrain(in[i], given.get(i), null);
            }
        }
        flatten(net, rootPath, in, out, null, 0);
        List<Site> order = topologicalOrder();
        solve(order);
        return result(order);
    }

    // ---- flattening ------------------------------------------------------------------------

    private int[] fresh(int n) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = wires.create();
        }
        return w;
    }

    /**
     * Places {@code node} at {@code path}, its input ports on wires {@code in} and outputs on
     * {@code out}. {@code chainPos} is its 1-based position in a parent chain, 0 in a graph.
     */
    private void flatten(NetNode node, NodePath path, int[] in, int[] out, String parentName, int chainPos) {
        List<String> ins = node.inputNames();
        List<String> outs = node.outputNames();
        for (int i = 0; i < ins.size(); i++) {
            portWires.put(PortKey.in(path, ins.get(i)), in[i]);
        }
        for (int i = 0; i < outs.size(); i++) {
            portWires.put(PortKey.out(path, outs.get(i)), out[i]);
        }
        String where = where(path, node, parentName, chainPos);
        if (node instanceof Layer layer) {
            place(new Site(sites.size(), path, where, layer, in, out));
        } else if (node instanceof Chain chain) {
            flattenChain(chain, path, in[0], out[0], where);
        } else if (node instanceof Graph graph) {
            flattenGraph(graph, path, in, out, where);
        } else if (node instanceof SequenceOperator op) {
            place(new Site(sites.size(), path, where, op, in, out));
        }
    }

    /** Adds a layer's or operator's site: the consumer of its input wires and the producer of its output wires. */
    private void place(Site s) {
        sites.add(s);
        for (int i = 0; i < s.in.length; i++) {
            wires.addConsumer(s.in[i], new Site.Ref(s, i));
        }
        for (int i = 0; i < s.out.length; i++) {
            wires.setProducer(s.out[i], new Wires.Producer(s, i, null));
        }
    }

    /** The name messages give a container's layers as their parent: its own, or for an inner net its path. */
    private String parentName(NodePath path) {
        if (!path.equals(rootPath)) {
            return path.leaf();
        }
        return rootPath.isRoot() ? null : rootPath.toString();
    }

    private String where(NodePath path, NetNode node, String parentName, int chainPos) {
        if (path.isRoot()) {
            return "the net";
        }
        if (path.equals(rootPath)) {
            return "'" + path + "' (" + node.typeName() + ")";
        }
        StringBuilder sb = new StringBuilder("'").append(path.leaf()).append("' (").append(node.typeName());
        if (chainPos > 0) {
            sb.append(", layer ").append(chainPos);
            if (parentName != null) {
                sb.append(" of '").append(parentName).append("'");
            }
        } else if (parentName != null) {
            sb.append(", in '").append(parentName).append("'");
        }
        return sb.append(")").toString();
    }

    private void declare(int wire, PortDecl decl, NodePath node, String port, boolean input, String ownerWhere) {
        if (decl.isUnspecified()) {
            return;
        }
        String what = (node.isRoot() ? "the net's " : ownerWhere + "'s ") + (input ? "input '" : "output '") + port + "'"
                + (decl.coder() != null ? " (" + coderPhrase(decl) + ")" : "");
        long elements = decl.type().elementCount();
        if (elements > TensorType.MAX_ELEMENTS) {
            structural.add(Diagnostic.error(Kind.STRUCTURE, node, port, capitalize(what) + " is declared as "
                    + decl.type().shapeText() + ", which is more elements than NetStudio can hold in one array."));
        }
        String conflict = wires.constrain(wire, decl.type(), input ? null : what);
        if (conflict != null) {
            structural.add(Diagnostic.error(Kind.TYPE_MISMATCH, node, port,
                    capitalize(what) + " is declared as " + decl.type().describe() + ", which does not fit "
                            + wires.type(wire).describe() + ": " + conflict + "."));
        }
    }

    private static String coderPhrase(PortDecl decl) {
        List<String> labels = Coders.labels(decl.coder());
        if (!labels.isEmpty()) {
            return "a Class " + (decl.type().rank() == 0 ? "encoder" : "decoder") + " with " + labels.size() + " labels";
        }
        String type = decl.coder().type();
        return ("AEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type + " coder";
    }

    private void flattenChain(Chain chain, NodePath path, int inWire, int outWire, String where) {
        declare(inWire, chain.input(), path, "Input", true, where);
        int cur = inWire;
        String parentName = parentName(path);
        List<Chain.Element> els = chain.elements();
        for (int i = 0; i < els.size(); i++) {
            NetNode child = els.get(i).node();
            NodePath childPath = path.child(els.get(i).name());
            int nIn = child.inputNames().size();
            int[] childIn = fresh(nIn);
            if (nIn > 0) {
                childIn[0] = cur;
            }
            if (nIn != 1) {
                structural.add(Diagnostic.error(Kind.STRUCTURE, childPath, null,
                        where(childPath, child, parentName, i + 1) + " has " + nIn
                                + " inputs, but a chain feeds each layer exactly one; put it in a Graph instead."));
            }
            int[] childOut = fresh(child.outputNames().size());
            flatten(child, childPath, childIn, childOut, parentName, i + 1);
            if (childOut.length == 0) {
                return;
            }
            cur = childOut[0];
        }
        String conflict = wires.union(cur, outWire);
        if (conflict != null) {
            structural.add(Diagnostic.error(Kind.TYPE_MISMATCH, path, "Output",
                    "The output of the chain does not fit where it goes: " + conflict + "."));
        }
        declare(outWire, chain.output(), path, "Output", false, where);
    }

    private void flattenGraph(Graph graph, NodePath path, int[] in, int[] out, String where) {
        String parentName = parentName(path);
        List<String> ins = graph.inputNames();
        List<String> outs = graph.outputNames();
        for (int i = 0; i < ins.size(); i++) {
            declare(in[i], graph.inputs().get(ins.get(i)), path, ins.get(i), true, where);
        }
        Map<String, int[]> nodeIn = new HashMap<>();
        Map<String, int[]> nodeOut = new HashMap<>();
        for (Map.Entry<String, NetNode> e : graph.nodes().entrySet()) {
            NetNode child = e.getValue();
            int[] ci = fresh(child.inputNames().size());
            int[] co = fresh(child.outputNames().size());
            nodeIn.put(e.getKey(), ci);
            nodeOut.put(e.getKey(), co);
            flatten(child, path.child(e.getKey()), ci, co, parentName, 0);
        }
        Map<PortRef, Edge> wiredTargets = new HashMap<>();
        for (Edge edge : graph.edges()) {
            Integer from = endpoint(graph, path, edge.from(), true, in, nodeOut, edge);
            Integer to = endpoint(graph, path, edge.to(), false, out, nodeIn, edge);
            if (from == null || to == null) {
                continue;
            }
            Edge previous = wiredTargets.putIfAbsent(edge.to(), edge);
            NodePath target = edge.to().isGraphPort() ? path : path.child(edge.to().node());
            if (!edge.to().isGraphPort() && edge.to().node().equals(edge.from().node())) {
                structural.add(Diagnostic.error(Kind.STRUCTURE, target, edge.to().port(),
                        capitalize(portPhrase(graph, path, edge.to())) + " is wired from its own output "
                                + edge.from().port() + "; a net must not feed a layer's output back into its input."));
            }
            if (previous != null) {
                structural.add(Diagnostic.error(Kind.STRUCTURE, target, edge.to().port(),
                        portPhrase(graph, path, edge.to()) + " is wired twice, from " + edge.from() + " and from "
                                + previous.from() + "; an input takes one wire."));
                continue;
            }
            TensorType before = wires.type(to);
            String conflict = wires.union(from, to);
            if (conflict != null) {
                Wires.Producer p = wires.producer(from);
                structural.add(Diagnostic.error(Kind.TYPE_MISMATCH, target, edge.to().port(),
                        capitalize(portPhrase(graph, path, edge.to())) + " expects " + before.describe() + ", but "
                                + (p == null ? edge.from().toString() : p.describe()) + " gives "
                                + wires.type(from).describe() + ": " + conflict + "."));
            }
        }
        for (Map.Entry<String, NetNode> e : graph.nodes().entrySet()) {
            List<String> portNames = e.getValue().inputNames();
            for (String port : portNames) {
                PortRef ref = PortRef.of(e.getKey(), port);
                if (!wiredTargets.containsKey(ref)) {
                    NodePath childPath = path.child(e.getKey());
                    structural.add(Diagnostic.error(Kind.STRUCTURE, childPath, port,
                            portPhrase(graph, path, ref) + " is not connected."));
                }
            }
        }
        for (int i = 0; i < outs.size(); i++) {
            if (!wiredTargets.containsKey(PortRef.graphPort(outs.get(i)))) {
                structural.add(Diagnostic.error(Kind.STRUCTURE, path, outs.get(i),
                        capitalize((path.isRoot() ? "the net's" : where + "'s") + " output '" + outs.get(i)
                                + "' is not connected to any layer.")));
            }
            declare(out[i], graph.outputs().get(outs.get(i)), path, outs.get(i), false, where);
        }
    }

    private String portPhrase(Graph graph, NodePath path, PortRef ref) {
        if (ref.isGraphPort()) {
            return (path.isRoot() ? "the net's" : "the graph's") + " output '" + ref.port() + "'";
        }
        NetNode n = graph.nodes().get(ref.node());
        String where = where(path.child(ref.node()), n, parentName(path), 0);
        return ref.port() + " of " + where;
    }

    /** The wire of an edge's end, or null (with a diagnostic) when it names nothing that exists. */
    private Integer endpoint(Graph graph, NodePath path, PortRef ref, boolean source, int[] graphPorts,
                             Map<String, int[]> nodePorts, Edge edge) {
        if (ref.isGraphPort()) {
            List<String> names = source ? graph.inputNames() : graph.outputNames();
            int idx = names.indexOf(ref.port());
            if (idx < 0) {
                structural.add(Diagnostic.error(Kind.STRUCTURE, path, null, "The wire " + edge + " starts or ends at '"
                        + ref.port() + "', which is neither a node nor " + (source ? "an input" : "an output")
                        + " of the " + (path.isRoot() ? "net" : "graph") + "."));
                return null;
            }
            return graphPorts[idx];
        }
        NetNode n = graph.nodes().get(ref.node());
        if (n == null) {
            structural.add(Diagnostic.error(Kind.STRUCTURE, path, null,
                    "The wire " + edge + " refers to a node '" + ref.node() + "' that does not exist."));
            return null;
        }
        List<String> names = source ? n.outputNames() : n.inputNames();
        int idx = names.indexOf(ref.port());
        if (idx < 0) {
            structural.add(Diagnostic.error(Kind.STRUCTURE, path.child(ref.node()), null, "The wire " + edge + " uses "
                    + (source ? "an output" : "an input") + " port '" + ref.port() + "' that " + ref.node() + " ("
                    + n.typeName() + ") does not have (it has " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")."));
            return null;
        }
        return nodePorts.get(ref.node())[idx];
    }

    // ---- solving ---------------------------------------------------------------------------

    private List<Site> topologicalOrder() {
        int n = sites.size();
        int[] pending = new int[n];
        List<List<Site>> next = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            next.add(new ArrayList<>());
        }
        for (Site s : sites) {
            for (int w : s.in) {
                Wires.Producer p = wires.producer(w);
                if (p != null && p.site() != null && p.site() != s) {
                    pending[s.index]++;
                    next.get(p.site().index).add(s);
                }
            }
        }
        ArrayDeque<Site> ready = new ArrayDeque<>();
        for (Site s : sites) {
            if (pending[s.index] == 0) {
                ready.add(s);
            }
        }
        List<Site> order = new ArrayList<>(n);
        boolean[] placed = new boolean[n];
        while (!ready.isEmpty()) {
            Site s = ready.poll();
            order.add(s);
            placed[s.index] = true;
            for (Site t : next.get(s.index)) {
                if (--pending[t.index] == 0) {
                    ready.add(t);
                }
            }
        }
        if (order.size() < n) {
            for (Site s : sites) {
                if (!placed[s.index]) {
                    order.add(s);
                    structural.add(Diagnostic.error(Kind.STRUCTURE, s.path, null,
                            s.where + " is part of a cycle; a net must not feed a layer's output back into its input."));
                }
            }
        }
        return order;
    }

    private void solve(List<Site> order) {
        ArrayDeque<Site> queue = new ArrayDeque<>(order);
        order.forEach(s -> s.queued = true);
        long budget = 64L * (order.size() + 1);
        while (!queue.isEmpty() && budget-- > 0) {
            Site s = queue.poll();
            s.queued = false;
            step(s, queue);
        }
    }

    private void step(Site s, ArrayDeque<Site> queue) {
        List<TensorType> ins = new ArrayList<>(s.in.length);
        for (int w : s.in) {
            ins.add(wires.type(w));
        }
        if (s.operator != null) {
            operatorStep(s, ins, queue);
            return;
        }
        for (int i = 0; i < ins.size(); i++) {
            PortRequirement req = s.type.inputSpec(s.inputNames.get(i)).requirement();
            if (req.check(ins.get(i)) instanceof PortRequirement.Mismatch m) {
                siteProblems.put(s, Diagnostic.error(Kind.TYPE_MISMATCH, s.path, s.inputNames.get(i),
                        s.inputNames.get(i) + " of " + s.where + " must be " + req.description() + ", but "
                                + sourcePhrase(s.in[i]) + " " + ins.get(i).describe() + ": " + m.reason() + "."));
                return;
            }
        }
        ShapeRule.Outcome outcome = s.type.shapeRule().infer(s.params, ins);
        if (outcome instanceof ShapeRule.Rejected r) {
            siteProblems.put(s, rejection(s, ins, r));
            return;
        }
        List<TensorType> outs = ((ShapeRule.Inferred) outcome).outputs();
        siteProblems.remove(s);
        if (!refineOutputs(s, outs, queue)) {
            return;
        }
        List<TensorType> current = new ArrayList<>(s.out.length);
        for (int w : s.out) {
            current.add(wires.type(w));
        }
        refineInputs(s, ins, s.type.shapeRule().refineInputs(s.params, ins, current), queue);
    }

    /** A sequence operator's step: its inner nets inferred with its input types (again only when they changed). */
    private void operatorStep(Site s, List<TensorType> ins, ArrayDeque<Site> queue) {
        OperatorInference.Outcome outcome = s.inner(ins);
        OperatorInference.Problem problem = outcome.problem();
        if (problem != null) {
            siteProblems.put(s, problem.requirement() == null
                    ? Diagnostic.error(problem.kind(), s.path, null, problem.reason())
                    : Diagnostic.error(problem.kind(), s.path, s.inputNames.get(0), s.inputNames.get(0) + " of " + s.where
                            + " must be " + problem.requirement() + ", but " + sourcePhrase(s.in[0]) + " "
                            + ins.get(0).describe() + ": " + problem.reason() + "."));
            return;
        }
        siteProblems.remove(s);
        if (refineOutputs(s, outcome.outputs(), queue)) {
            refineInputs(s, ins, outcome.inputs(), queue);
        }
    }

    /** Puts a step's output types on its wires; false (with the site's problem recorded) on a conflict. */
    private boolean refineOutputs(Site s, List<TensorType> outs, ArrayDeque<Site> queue) {
        for (int i = 0; i < s.out.length && i < outs.size(); i++) {
            String[] conflict = new String[1];
            if (wires.refine(s.out[i], outs.get(i), conflict)) {
                enqueueConsumers(s.out[i], queue);
            } else if (conflict[0] != null) {
                String expected = wires.expectation(s.out[i]);
                siteProblems.put(s, Diagnostic.error(Kind.TYPE_MISMATCH, s.path, s.outputNames.get(i),
                        capitalize(s.where) + " outputs " + outs.get(i).describe() + ", but "
                                + (expected != null ? expected : "what it feeds") + " expects "
                                + wires.type(s.out[i]).describe() + ": " + conflict[0] + "."));
                return false;
            }
        }
        return true;
    }

    /** Puts what a step learned about its inputs back on their wires, waking their producers and readers. */
    private void refineInputs(Site s, List<TensorType> ins, List<TensorType> refined, ArrayDeque<Site> queue) {
        for (int i = 0; i < s.in.length; i++) {
            if (refined.get(i) != ins.get(i) && wires.refine(s.in[i], refined.get(i), new String[1])) {
                Wires.Producer p = wires.producer(s.in[i]);
                if (p != null && p.site() != null && !p.site().queued) {
                    p.site().queued = true;
                    queue.add(p.site());
                }
                enqueueConsumers(s.in[i], queue);
            }
        }
    }

    private void enqueueConsumers(int wire, ArrayDeque<Site> queue) {
        for (Site.Ref ref : wires.consumers(wire)) {
            if (!ref.site().queued) {
                ref.site().queued = true;
                queue.add(ref.site());
            }
        }
    }

    /** "'dense1' (Linear, layer 1) outputs", "the net's input 'Input' is", "its unconnected Input holds". */
    private String sourcePhrase(int wire) {
        Wires.Producer p = wires.producer(wire);
        if (p == null) {
            return "it receives";
        }
        return p.site() != null ? p.describe() + " outputs" : p.describe() + " is";
    }

    private Diagnostic rejection(Site s, List<TensorType> ins, ShapeRule.Rejected r) {
        if (r.inputIndex() < 0) {
            return Diagnostic.error(Kind.PARAMETER, s.path, null, capitalize(s.where) + ": " + r.message() + ".");
        }
        int i = r.inputIndex();
        Wires.Producer p = wires.producer(s.in[i]);
        String from = p == null ? "" : " from " + p.describe();
        String port = s.in.length > 1 ? " as its " + s.inputNames.get(i) : "";
        return Diagnostic.error(Kind.TYPE_MISMATCH, s.path, s.inputNames.get(i), capitalize(s.where) + " cannot take "
                + ins.get(i).describe() + from + port + ": " + r.message() + ".");
    }

    private static String capitalize(String s) {
        return s.isEmpty() || s.charAt(0) == '\'' ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- result ----------------------------------------------------------------------------

    private InferenceResult result(List<Site> order) {
        Map<PortKey, TensorType> ports = new LinkedHashMap<>();
        for (Map.Entry<PortKey, Integer> e : portWires.entrySet()) {
            ports.put(e.getKey(), wires.type(e.getValue()));
        }
        List<LayerInfo> layers = new ArrayList<>(order.size());
        Map<NodePath, OperatorInfo> operators = new LinkedHashMap<>();
        for (Site s : order) {
            List<TensorType> ins = Arrays.stream(s.in).mapToObj(wires::type).toList();
            if (s.operator != null) {
                OperatorInference.Outcome o = s.inner(ins);
                List<TensorType> outs = Arrays.stream(s.out).mapToObj(wires::type).toList();
                operators.put(s.path, new OperatorInfo(s.path, s.where, s.operator, ins, outs, o.inner()));
                for (InferenceResult r : o.inner().values()) {
                    layers.addAll(r.layers());
                    ports.putAll(r.ports());
                }
                continue;
            }
            List<TensorType> outs = Arrays.stream(s.out).mapToObj(wires::type).toList();
            // A layer whose inputs it cannot take has arrays of unknown size, not sizes made up from bad input.
            boolean bad = siteProblems.containsKey(s);
            List<TensorType> known = bad ? ins.stream().map(t -> TensorType.ANY_REAL).toList() : ins;
            List<ArraySpec> arrays = s.type.arrayRule().arrays(s.params, known, outs);
            long macs = bad ? -1 : s.type.costRule().multiplyAdds(s.params, ins, outs);
            layers.add(new LayerInfo(s.path, s.where, s.layer, s.params, ins, outs, arrays, macs));
        }
        List<Diagnostic> diagnostics = new ArrayList<>(structural);
        for (Site s : order) {
            Diagnostic d = siteProblems.get(s);
            if (d != null) {
                diagnostics.add(d);
            }
            if (s.operator != null) {
                s.innerOutcome.inner().values().forEach(r -> diagnostics.addAll(r.diagnostics()));
            }
        }
        return new InferenceResult(ports, layers, diagnostics, wiring(order), operators);
    }

    /** Numbers the merged wires densely, in the order the net's inputs and the layers meet them. */
    private Wiring wiring(List<Site> order) {
        Map<Integer, Integer> dense = new HashMap<>();
        java.util.function.Function<int[], List<Integer>> number = ws -> {
            List<Integer> out = new ArrayList<>(ws.length);
            for (int w : ws) {
                out.add(dense.computeIfAbsent(wires.find(w), root -> dense.size()));
            }
            return out;
        };
        List<Integer> inputs = number.apply(netIn);
        List<Wiring.Step> steps = new ArrayList<>(order.size());
        for (Site s : order) {
            steps.add(new Wiring.Step(s.path, number.apply(s.in), number.apply(s.out)));
        }
        List<Integer> outputs = number.apply(netOut);
        return new Wiring(dense.size(), inputs, outputs, steps);
    }
}
