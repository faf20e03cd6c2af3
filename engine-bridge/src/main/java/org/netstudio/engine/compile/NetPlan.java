package org.netstudio.engine.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;

/**
 * A valid net flattened into catalog layers joined by wires: containers are dissolved, each wire
 * is one tensor with one producer (a net input or a layer output) and any number of readers. The
 * steps are in the evaluation order of inference (chains in order, graphs topologically).
 * Immutable once built.
 */
final class NetPlan {

    /**
     * One catalog layer of the flattened net.
     *
     * @param in         the wire of each input port, in port order
     * @param out        the wire of each output port, in port order
     * @param fromLogits for a cross-entropy loss whose Softmax (or Sigmoid) was fused into it: its
     *                   Input wire carries the scores before that layer
     */
    record Step(NodePath path, Layer layer, LayerInfo info, int[] in, int[] out, boolean fromLogits) {

        String type() {
            return layer.type();
        }

        /** Whether this is a Softmax over the last axis of each example. */
        boolean isLastAxisSoftmax() {
            if (!type().equals("Softmax")) {
                return false;
            }
            int axis = info.params().getInt("axis");
            int rank = info.inputs().get(0).rank();
            return axis == -1 || (rank > 0 && axis == rank - 1);
        }
    }

    private final List<Step> steps;
    private final int[] inputs;
    private final int[] outputs;
    private final int wireCount;

    private NetPlan(List<Step> steps, int[] inputs, int[] outputs, int wireCount) {
        this.steps = List.copyOf(steps);
        this.inputs = inputs;
        this.outputs = outputs;
        this.wireCount = wireCount;
    }

    /** Flattens a net that inference found valid. */
    static NetPlan of(NetNode net, InferenceResult inference) {
        return new Flattener().flatten(net, inference);
    }

    List<Step> steps() {
        return steps;
    }

    /** The wire of each net input. */
    int[] inputs() {
        return inputs.clone();
    }

    /** The wire of each net output. */
    int[] outputs() {
        return outputs.clone();
    }

    int wireCount() {
        return wireCount;
    }

    /** The step that produces a wire, or null when a net input does (or nothing). */
    Step producer(int wire) {
        for (Step s : steps) {
            for (int w : s.out()) {
                if (w == wire) {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * A plan where each cross-entropy loss fed by a Softmax over the last axis (index or
     * probability targets) or by a Sigmoid (binary targets) reads the scores before that layer
     * instead, and computes its logarithm stably itself. The Softmax or Sigmoid still runs when
     * something else reads its output.
     */
    NetPlan withFusedLosses() {
        List<Step> fused = new ArrayList<>(steps.size());
        for (Step s : steps) {
            Step p = s.type().equals("CrossEntropyLoss") ? producer(s.in()[0]) : null;
            boolean binary = s.type().equals("CrossEntropyLoss") && "binary".equals(s.info().params().getString("target"));
            if (p != null && (binary ? p.type().equals("Sigmoid") : p.isLastAxisSoftmax())) {
                int[] in = s.in().clone();
                in[0] = p.in()[0];
                fused.add(new Step(s.path(), s.layer(), s.info(), in, s.out(), true));
            } else {
                fused.add(s);
            }
        }
        return new NetPlan(fused, inputs, outputs, wireCount);
    }

    /** The steps that readers of these output wires need, in evaluation order. */
    List<Step> needed(int[] outputWires) {
        boolean[] wanted = new boolean[wireCount];
        for (int w : outputWires) {
            wanted[w] = true;
        }
        boolean[] keep = new boolean[steps.size()];
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step s = steps.get(i);
            for (int w : s.out()) {
                if (wanted[w]) {
                    keep[i] = true;
                }
            }
            if (keep[i]) {
                for (int w : s.in()) {
                    wanted[w] = true;
                }
            }
        }
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (keep[i]) {
                out.add(steps.get(i));
            }
        }
        return out;
    }

    /** Builds the plan with a union-find over port wires, as inference does. */
    private static final class Flattener {
        private final List<Integer> parent = new ArrayList<>();
        private final Map<NodePath, int[][]> layerWires = new HashMap<>();
        private final Map<NodePath, Layer> layers = new HashMap<>();

        NetPlan flatten(NetNode net, InferenceResult inference) {
            int[] in = fresh(net.inputNames().size());
            int[] out = fresh(net.outputNames().size());
            place(net, NodePath.ROOT, in, out);
            int[] dense = new int[parent.size()];
            Arrays.fill(dense, -1);
            int[] count = {0};
            List<Step> steps = new ArrayList<>();
            for (LayerInfo info : inference.layers()) {
                int[][] wires = layerWires.get(info.path());
                if (wires == null) {
                    throw new IllegalStateException("inference names a layer the net does not have: " + info.path());
                }
                steps.add(new Step(info.path(), layers.get(info.path()), info, renumber(wires[0], dense, count),
                        renumber(wires[1], dense, count), false));
            }
            int[] netIn = renumber(in, dense, count);
            int[] netOut = renumber(out, dense, count);
            return new NetPlan(steps, netIn, netOut, count[0]);
        }

        private int[] renumber(int[] wires, int[] dense, int[] count) {
            int[] out = new int[wires.length];
            for (int i = 0; i < wires.length; i++) {
                int root = find(wires[i]);
                if (dense[root] < 0) {
                    dense[root] = count[0]++;
                }
                out[i] = dense[root];
            }
            return out;
        }

        private int[] fresh(int n) {
            int[] w = new int[n];
            for (int i = 0; i < n; i++) {
                w[i] = parent.size();
                parent.add(w[i]);
            }
            return w;
        }

        private int find(int w) {
            while (parent.get(w) != w) {
                parent.set(w, parent.get(parent.get(w)));
                w = parent.get(w);
            }
            return w;
        }

        private void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                parent.set(rb, ra);
            }
        }

        private void place(NetNode node, NodePath path, int[] in, int[] out) {
            if (node instanceof Layer layer) {
                layerWires.put(path, new int[][] {in, out});
                layers.put(path, layer);
            } else if (node instanceof Chain chain) {
                int cur = in[0];
                for (Chain.Element e : chain.elements()) {
                    NetNode child = e.node();
                    int[] childIn = fresh(child.inputNames().size());
                    if (childIn.length > 0) {
                        childIn[0] = cur;
                    }
                    int[] childOut = fresh(child.outputNames().size());
                    place(child, path.child(e.name()), childIn, childOut);
                    if (childOut.length == 0) {
                        return;
                    }
                    cur = childOut[0];
                }
                union(cur, out[0]);
            } else if (node instanceof Graph graph) {
                placeGraph(graph, path, in, out);
            }
        }

        private void placeGraph(Graph graph, NodePath path, int[] in, int[] out) {
            Map<String, int[]> nodeIn = new HashMap<>();
            Map<String, int[]> nodeOut = new HashMap<>();
            for (Map.Entry<String, NetNode> e : graph.nodes().entrySet()) {
                int[] ci = fresh(e.getValue().inputNames().size());
                int[] co = fresh(e.getValue().outputNames().size());
                nodeIn.put(e.getKey(), ci);
                nodeOut.put(e.getKey(), co);
                place(e.getValue(), path.child(e.getKey()), ci, co);
            }
            for (Edge edge : graph.edges()) {
                int from = endpoint(graph, edge.from(), true, in, nodeOut);
                int to = endpoint(graph, edge.to(), false, out, nodeIn);
                union(from, to);
            }
        }

        private static int endpoint(Graph graph, PortRef ref, boolean source, int[] graphPorts, Map<String, int[]> nodePorts) {
            if (ref.isGraphPort()) {
                List<String> names = source ? graph.inputNames() : graph.outputNames();
                return graphPorts[names.indexOf(ref.port())];
            }
            NetNode n = graph.nodes().get(ref.node());
            List<String> names = source ? n.outputNames() : n.inputNames();
            return nodePorts.get(ref.node())[names.indexOf(ref.port())];
        }
    }
}
