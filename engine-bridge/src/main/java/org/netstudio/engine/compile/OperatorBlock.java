package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.OperatorInfo;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.MapOperator;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A sequence operator as one step of a compiled net: it holds each inner net compiled on its own
 * from the inference inference made of it ({@link OperatorInfo#inner()}), as a child block named
 * after the inner net ("net", "forward", "backward"), and runs them along the sequence. The inner
 * nets' arrays keep their paths ({@code map1/net/linear1/weights}), so weights files and
 * fine-tuning see them as any other layer's. Sequences are batch-first, {@code (batch, n, …)}.
 */
abstract class OperatorBlock extends StepBlock {

    private static final byte VERSION = 1;

    final OperatorInfo info;
    private final Map<String, CompiledNet> inner = new LinkedHashMap<>();

    OperatorBlock(OperatorInfo info, long seed) {
        super(VERSION);
        this.info = info;
        for (Map.Entry<String, InferenceResult> e : info.inner().entrySet()) {
            NodePath at = info.path().child(e.getKey());
            CompiledNet net = new CompiledNet(info.operator().inner(e.getKey()), at, e.getValue(),
                    NetPlan.of(e.getValue()), seed);
            inner.put(e.getKey(), net);
            addChildBlock(e.getKey(), net);
        }
    }

    /** The block of an operator. */
    static OperatorBlock of(OperatorInfo info, long seed) {
        if (info.operator() instanceof MapOperator) {
            return new MapBlock(info, seed);
        }
        if (info.operator() instanceof FoldOperator) {
            return new FoldBlock(info, seed);
        }
        if (info.operator() instanceof BidirectionalOperator) {
            return new BidirectionalBlock(info, seed);
        }
        throw new IllegalArgumentException("The engine cannot run " + info.where() + " yet");
    }

    /** The inner net of this name, compiled. */
    @Override
    void fixStatistics(java.util.function.Predicate<NodePath> fixed) {
        inner.values().forEach(net -> net.fixStatistics(fixed));
    }

    CompiledNet inner(String name) {
        return inner.get(name);
    }

    /** Runs an inner net; its outputs in its output order. */
    static NDList run(CompiledNet net, ParameterStore store, NDList inputs, boolean training) {
        return net.forwardInternal(store, inputs, training, null);
    }

    /**
     * The lengths an inner net takes after its inputs in a padded batch, or none when the batch is
     * not padded. Each varying size of the inner net is read from the axis of {@code port} that
     * carries it; that axis is {@code shift} axes further on in the operator's input (1 for Map and
     * Fold, whose inner net sees one element), and the lengths are brought to the inner batch by
     * {@code toInnerBatch}.
     */
    static NDList lengthsFor(CompiledNet net, int port, Lengths lengths, int shift, UnaryOperator<NDArray> toInnerBatch) {
        NDList out = new NDList();
        if (lengths == Lengths.NONE || net.varyingSizes().isEmpty()) {
            return out;
        }
        TensorType t = net.inputTypes().get(port);
        for (String size : net.varyingSizes()) {
            NDArray found = null;
            for (int d = 0; t.rankKnown() && d < t.rank() && found == null; d++) {
                if (t.dim(d) instanceof Dim.Symbolic s && s.name().equals(size)) {
                    found = lengths.of(0, d + 1 + shift);
                }
            }
            if (found == null) {
                return new NDList();
            }
            out.add(toInnerBatch.apply(found));
        }
        return out;
    }

    @Override
    List<NetArray> arrays() {
        List<NetArray> out = new ArrayList<>();
        inner.values().forEach(n -> out.addAll(n.arrays()));
        return out;
    }

    @Override
    public boolean isInitialized() {
        return inner.values().stream().allMatch(CompiledNet::isInitialized);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> extra) {
        return apply(store, inputs, training, Lengths.NONE);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Map.Entry<String, CompiledNet> e : inner.entrySet()) {
            e.getValue().initialize(manager, dataType, innerShapes(e.getKey(), inputShapes[0]));
        }
    }

    /** The batched input shapes of an inner net for the operator's batched input shape. */
    abstract Shape[] innerShapes(String name, Shape input);

    /** {@code shape} without its first {@code k} axes, after {@code head}. */
    static Shape join(Shape head, Shape shape, int k) {
        long[] rest = new long[shape.dimension() - k];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = shape.get(k + i);
        }
        return head.addAll(new Shape(rest));
    }

    @Override
    public String toString() {
        return info.path() + " (" + info.operator().typeName() + ")";
    }
}
