package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.inference.OperatorInfo;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Fold: the inner net step by step, {@code state(t) = net(element t, state(t − 1))} from a zero
 * state: {@code (batch, n, …) → (batch, n, …state)}, or {@code (batch, …state)} for the last state.
 * In a padded batch an example's state stops changing after its last element, so its last state is
 * its own; the states after it repeat that state. A net that generates one element per call carries
 * the state from call to call ({@link Carry}).
 */
final class FoldBlock extends OperatorBlock {

    private final TensorType state;
    private final boolean every;

    FoldBlock(OperatorInfo info, long seed) {
        super(info, seed);
        NodePath at = info.path().child("net");
        this.state = info.inner().get("net").inputType(at, FoldOperator.STATE);
        this.every = ((FoldOperator) info.operator()).returnSequences();
        if (!state.isFullyKnown()) {
            throw new IllegalArgumentException("The state of " + info.where() + " has no known size ("
                    + state.describe() + ")");
        }
    }

    @Override
    NDList apply(ParameterStore store, NDList inputs, boolean training, Lengths lengths) {
        return fold(store, inputs.head(), training, lengths, null).outputs();
    }

    /** A Fold carries its state from call to call when a net generates one element at a time. */
    @Override
    boolean isRecurrent() {
        return true;
    }

    @Override
    LayerKernel.Recurrent.Stepped step(ParameterStore store, NDList inputs, NDList state) {
        return fold(store, inputs.head(), false, Lengths.NONE, state == null ? null : state.head());
    }

    /** Folds the net over {@code x} from the state {@code start} (null: zeros); the output, then the last state. */
    private LayerKernel.Recurrent.Stepped fold(ParameterStore store, NDArray x, boolean training, Lengths lengths,
                                               NDArray start) {
        long batch = x.getShape().get(0);
        long n = x.getShape().get(1);
        CompiledNet net = inner("net");
        int stateIndex = net.inputNames().indexOf(FoldOperator.STATE);
        int inputIndex = 1 - stateIndex;
        NDArray s = start != null ? start
                : x.getManager().zeros(LayerBlock.batched(batch, state), x.getDataType(), x.getDevice());
        NDArray length = lengths.of(0, 1);
        NDList extra = lengthsFor(net, inputIndex, lengths, 1, len -> len);
        List<NDArray> states = new ArrayList<>((int) n);
        for (long t = 0; t < n; t++) {
            NDArray[] in = new NDArray[2];
            in[inputIndex] = x.get(new NDIndex(":, {}", t));
            in[stateIndex] = s;
            NDList step = new NDList(in);
            step.addAll(extra);
            NDArray next = run(net, store, step, training).head();
            s = length == null ? next : NDArrays.where(stillReading(length, t, next), next, s);
            states.add(s);
        }
        NDArray out = !every ? s
                : n == 0 ? s.expandDims(1).get(new NDIndex(":, 0:0")) : NDArrays.stack(new NDList(states), 1);
        return new LayerKernel.Recurrent.Stepped(new NDList(out), new NDList(s));
    }

    /** Whether each example still has an element at step t, shaped to broadcast against a state. */
    private static NDArray stillReading(NDArray length, long t, NDArray like) {
        long[] shape = new long[like.getShape().dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = like.getShape().get(0);
        // DJL's where does not broadcast its condition.
        return length.gt(t).reshape(new Shape(shape)).broadcast(like.getShape());
    }

    @Override
    Shape[] innerShapes(String name, Shape input) {
        CompiledNet net = inner(name);
        Shape[] shapes = new Shape[2];
        int stateIndex = net.inputNames().indexOf(FoldOperator.STATE);
        shapes[stateIndex] = LayerBlock.batched(input.get(0), state);
        shapes[1 - stateIndex] = join(new Shape(input.get(0)), input, 2);
        return shapes;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape s = LayerBlock.batched(x.get(0), state);
        return new Shape[] {every ? join(new Shape(x.get(0), x.get(1)), s, 1) : s};
    }
}
