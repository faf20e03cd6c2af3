package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.netgraph.net.NodePath;

/**
 * Measures {@link NodeHealth} on one batch of a training: watches the forward pass for each
 * layer's output statistics, reads the gradients before the optimiser's step and the weights'
 * change after it. Used every {@link TrainingLoop#HEALTH_EVERY} batches, so its reads (a few
 * numbers per layer) cost little; on the training thread only.
 */
final class HealthCheck {

    private final List<NDArray> weights;
    private final List<NodePath> nodeOfWeight;
    /** Whether a step is a node of the person's net (not a loss the training attached). */
    private final java.util.function.Predicate<NodePath> isNode;
    private final Map<NodePath, String> types = new LinkedHashMap<>();
    private final Map<NodePath, double[]> outputs = new LinkedHashMap<>();
    private double[] gradientSquares;
    private double[] weightSquares;
    private NDArray[] before;

    /**
     * @param net     the net being trained
     * @param weights its learnable arrays, as the optimiser updates them
     * @param nodes   the layer of each of them
     */
    HealthCheck(List<NDArray> weights, List<NodePath> nodes, java.util.function.Predicate<NodePath> isNode) {
        this.weights = List.copyOf(weights);
        this.nodeOfWeight = List.copyOf(nodes);
        this.isNode = isNode;
    }

    /** The learnable arrays of a compiled net with their layers, in the order the optimiser has them. */
    static HealthCheck of(CompiledNet net, List<ai.djl.nn.Parameter> parameters, List<NDArray> arrays) {
        Map<ai.djl.nn.Parameter, NodePath> node = new java.util.IdentityHashMap<>();
        for (org.netstudio.engine.compile.NetArray a : net.arrays()) {
            node.put(a.parameter(), a.node());
        }
        List<NodePath> nodes = new ArrayList<>();
        for (ai.djl.nn.Parameter p : parameters) {
            nodes.add(node.getOrDefault(p, NodePath.of(p.getName())));
        }
        NetNodeCheck check = new NetNodeCheck(net.net());
        return new HealthCheck(arrays, nodes, check::has);
    }

    /** Whether a path names a node of a net. */
    private record NetNodeCheck(org.netstudio.netgraph.net.NetNode net) {
        boolean has(NodePath path) {
            return org.netstudio.netgraph.edit.NetPaths.find(net, path).isPresent();
        }
    }

    /** Watches a forward pass: each step's first output's mean, standard deviation and share of zeros. */
    CompiledNet.StepWatch watch() {
        outputs.clear();
        types.clear();
        return (step, type, out) -> {
            if (!isNode.test(step)) {
                return out;
            }
            types.put(step, type);
            NDArray o = out.isEmpty() ? null : out.get(0);
            if (o != null && o.getDataType().isFloating() && o.size() > 0) {
                boolean recording = PyTorchSupport.isGradMode();
                PyTorchSupport.setGradMode(false);
                try (NDArray mean = o.mean(); NDArray square = o.square().mean(); NDArray zeros = o.eq(0).countNonzero()) {
                    double m = mean.getFloat();
                    double var = Math.max(0, square.getFloat() - m * m);
                    outputs.put(step, new double[] {m, Math.sqrt(var), zeros.getLong() / (double) o.size()});
                } finally {
                    PyTorchSupport.setGradMode(recording);
                }
            }
            return out;
        };
    }

    /** Before the optimiser's step: the gradients' and weights' sizes, and the weights as they are. */
    void beforeUpdate() {
        gradientSquares = new double[weights.size()];
        weightSquares = new double[weights.size()];
        before = new NDArray[weights.size()];
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            try (NDArray g = w.getGradient(); NDArray gs = g.square().sum(); NDArray ws = w.square().sum()) {
                gradientSquares[i] = gs.getFloat();
                weightSquares[i] = ws.getFloat();
            }
            before[i] = w.duplicate();
        }
    }

    /** After the step: each layer's health, layers in the order the forward pass met them. */
    List<NodeHealth> afterUpdate() {
        Map<NodePath, double[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            double change;
            try (NDArray d = weights.get(i).sub(before[i]); NDArray ds = d.square().sum()) {
                change = ds.getFloat();
            } finally {
                before[i].close();
            }
            double[] s = sums.computeIfAbsent(nodeOfWeight.get(i), k -> new double[3]);
            s[0] += gradientSquares[i];
            s[1] += weightSquares[i];
            s[2] += change;
        }
        before = null;
        List<NodeHealth> health = new ArrayList<>();
        for (Map.Entry<NodePath, String> e : types.entrySet()) {
            double[] s = sums.remove(e.getKey());
            double[] o = outputs.getOrDefault(e.getKey(), new double[] {Double.NaN, Double.NaN, Double.NaN});
            health.add(new NodeHealth(e.getKey(), e.getValue(), s == null ? Double.NaN : Math.sqrt(s[0]),
                    s == null || s[1] == 0 ? Double.NaN : Math.sqrt(s[2] / s[1]), o[0], o[1], o[2]));
        }
        // Learnable arrays of steps the watch did not see by path (inside an operator): by their own node.
        sums.forEach((node, s) -> health.add(new NodeHealth(node, "", Math.sqrt(s[0]),
                s[1] == 0 ? Double.NaN : Math.sqrt(s[2] / s[1]), Double.NaN, Double.NaN, Double.NaN)));
        return health;
    }
}
