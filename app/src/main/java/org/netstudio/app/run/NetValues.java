package org.netstudio.app.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.netstudio.engine.run.NetPorts;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.Probe;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * A net loaded to show what flows through it: for one example, the output of every node (a
 * container's is what leaves it; the layers inside a sequence operator run as the operator) and
 * the values at the net's own inputs and outputs. For the canvas previews. Not thread-safe; close
 * it to free the engine's memory.
 */
public final class NetValues implements AutoCloseable {

    /** The values of one example, each without the batch axis. */
    public record Example(Map<NodePath, TensorValue> nodes, Map<String, TensorValue> inputs,
                          Map<String, TensorValue> outputs) {
        public Example {
            nodes = Map.copyOf(nodes);
            inputs = Map.copyOf(inputs);
            outputs = Map.copyOf(outputs);
        }
    }

    private final NetNode net;
    private final NetRunner runner;
    private final boolean untrained;
    /** Port name → node path, for every node whose output can be read. */
    private final Map<String, NodePath> readable = new LinkedHashMap<>();

    private NetValues(NetNode net, NetRunner runner, boolean untrained) {
        this.net = net;
        this.runner = runner;
        this.untrained = untrained;
        collect(net, NodePath.ROOT);
    }

    /**
     * Loads a net. Weights that no longer fit it (a layer edited since they were trained) give
     * way to the seeded initial values, as no weights do; {@link #untrained()} says so.
     *
     * @param net     a valid net
     * @param weights its weights, or null for seeded initial values
     * @throws IllegalArgumentException in a sentence when the net does not compile
     */
    public static NetValues load(NetNode net, Weights weights) {
        Objects.requireNonNull(net, "net");
        if (weights != null) {
            try {
                return new NetValues(net, NetRunner.load(net, weights), false);
            } catch (IllegalArgumentException e) {
                // The weights are of the net before an edit; show what the edited net does from its start.
            }
        }
        return new NetValues(net, NetRunner.untrained(net, NetRunners.UNTRAINED_SEED), true);
    }

    /** Whether the net runs with seeded initial values rather than trained weights. */
    public boolean untrained() {
        return untrained;
    }

    /** The per-example types of the net's inputs, in port order. */
    public List<org.netstudio.netgraph.tensor.TensorType> inputTypes() {
        return runner.inputTypes();
    }

    private void collect(NetNode node, NodePath path) {
        if (!path.isRoot()) {
            try {
                NetPorts.resolve(net, path.toString());
                readable.put(path.toString(), path);
            } catch (IllegalArgumentException e) {
                // A container that passes its input through unchanged has no value of its own.
            }
        }
        if (node instanceof SequenceOperator) {
            return;
        }
        if (node instanceof Chain chain) {
            for (Chain.Element e : chain.elements()) {
                collect(e.node(), path.child(e.name()));
            }
        } else if (node instanceof Graph graph) {
            graph.nodes().forEach((name, child) -> collect(child, path.child(name)));
        }
    }

    /**
     * Runs one example.
     *
     * @param inputs one value per net input, in port order, each without the batch axis
     * @return every node's output and the net's inputs and outputs
     * @throws IllegalArgumentException when an input does not fit the net
     */
    public Example run(List<TensorValue> inputs) {
        List<TensorValue> batch = new ArrayList<>(inputs.size());
        for (TensorValue v : inputs) {
            batch.add(withBatch(v));
        }
        List<String> names = new ArrayList<>(readable.keySet());
        names.addAll(net.outputNames());
        Probe probe = runner.probe(batch, names, null);
        Map<NodePath, TensorValue> nodes = new LinkedHashMap<>();
        readable.forEach((name, path) -> nodes.put(path, withoutBatch(probe.values().get(name))));
        Map<String, TensorValue> outs = new LinkedHashMap<>();
        for (String o : net.outputNames()) {
            outs.put(o, withoutBatch(probe.values().get(o)));
        }
        Map<String, TensorValue> ins = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            ins.put(net.inputNames().get(i), inputs.get(i));
        }
        return new Example(nodes, ins, outs);
    }

    private static TensorValue withBatch(TensorValue v) {
        long[] s = v.shape();
        long[] b = new long[s.length + 1];
        b[0] = 1;
        System.arraycopy(s, 0, b, 1, s.length);
        return v.reshaped(b);
    }

    private static TensorValue withoutBatch(TensorValue v) {
        long[] s = v.shape();
        long[] b = new long[Math.max(0, s.length - 1)];
        System.arraycopy(s, 1, b, 0, b.length);
        return v.reshaped(b);
    }

    @Override
    public void close() {
        runner.close();
    }
}
