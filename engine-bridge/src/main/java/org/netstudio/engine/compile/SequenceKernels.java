package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.recurrent.RNN;
import java.util.Map;
import java.util.function.Function;
import org.netstudio.netgraph.catalog.Params;

/**
 * Embedding, UnitVector, the recurrent layers, SequenceLast/SequenceReverse and SequenceIndices. Sequences are
 * batch-first, {@code (batch, n, d)}; in a padded batch each example's length is told by
 * {@link Lengths}, and the last element and the reversal are each example's own.
 */
final class SequenceKernels {

    private static final NDIndex LAST_STEP = new NDIndex(":, -1");

    private SequenceKernels() {
    }

    /** The kernel of each layer type this family runs, made from its parameters; {@link Kernels#of} looks them up. */
    static final Map<String, Function<Params, LayerKernel>> BY_TYPE = Map.of(
            "Embedding", p -> (in, a, training) ->
                    Embedding.embedding(Kernels.indices(in.head()), a[0], SparseFormat.DENSE),
            "UnitVector", p -> {
                int size = p.getInt("size");
                return Kernels.unary(x -> Kernels.indices(x).oneHot(size));
            },
            "LSTM", p -> recurrent("LSTM", p),
            "GRU", p -> recurrent("GRU", p),
            "RNN", p -> recurrent("RNN", p),
            "SequenceLast", p -> (LayerKernel.Masked) (in, a, training, lengths) -> {
                NDArray n = lengths.of(0, 1);
                return new NDList(n == null ? in.head().get(LAST_STEP) : Lengths.last(in.head(), n));
            },
            "SequenceReverse", p -> (LayerKernel.Masked) (in, a, training, lengths) -> {
                NDArray n = lengths.of(0, 1);
                return new NDList(n == null ? in.head().flip(1) : Lengths.reverse(in.head(), n));
            },
            "SequenceIndices", p -> Kernels.unary(SequenceKernels::positions));

    private static LayerKernel recurrent(String type, Params p) {
        return recurrent(type, p.getInt("units"), p.getBool("returnSequences"));
    }

    /**
     * {@code (batch, n, …) → (batch, n)}: 0 … n-1 in every row, as int64 since an Embedding looks them
     * up as they are. The same in a padded batch: padding comes after each sequence's own positions.
     */
    private static NDArray positions(NDArray x) {
        long batch = x.getShape().get(0);
        long n = x.getShape().get(1);
        return x.getManager().arange(0f, (float) n, 1f, DataType.INT64).reshape(1, n).broadcast(new Shape(batch, n));
    }

    /**
     * One layer, one direction, starting from a zero state. Arrays inputWeights, stateWeights,
     * inputBiases, stateBiases, in PyTorch's layout and gate order (LSTM i, f, g, o; GRU r, z, n).
     * {@code (batch, n, d) → (batch, n, units)}, or {@code (batch, units)} for the last step only.
     * In a padded batch the padding comes after each sequence, so the steps of a sequence never
     * see it; the last step is each example's own last one.
     */
    private static LayerKernel recurrent(String type, int units, boolean returnSequences) {
        return new LayerKernel.Recurrent() {
            @Override
            public NDList forward(NDList in, NDArray[] a, boolean training, Lengths lengths) {
                NDList out = run(type, units, in.head(), a, training, null);
                NDArray sequence = out.head();
                NDArray n = lengths.of(0, 1);
                if (returnSequences) {
                    return new NDList(sequence);
                }
                return new NDList(n == null ? sequence.get(LAST_STEP) : Lengths.last(sequence, n));
            }

            @Override
            public Stepped step(NDList in, NDArray[] a, NDList state) {
                NDList out = run(type, units, in.head(), a, false, state);
                NDArray sequence = out.head();
                NDList last = new NDList(out.subList(1, out.size()));
                return new Stepped(new NDList(returnSequences ? sequence : sequence.get(LAST_STEP)), last);
            }
        };
    }

    /** The fused PyTorch layer: the sequence of outputs, then the final hidden (and, for an LSTM, cell) state. */
    private static NDList run(String type, int units, NDArray x, NDArray[] a, boolean training, NDList state) {
        NDManager m = x.getManager();
        Shape shape = new Shape(1, x.getShape().get(0), units);
        NDList weights = new NDList(a[0], a[1], a[2], a[3]);
        NDArray h0 = state != null ? state.get(0) : m.zeros(shape, x.getDataType(), x.getDevice());
        return switch (type) {
            case "LSTM" -> x.getNDArrayInternal().lstm(x, new NDList(h0, state != null ? state.get(1)
                    : m.zeros(shape, x.getDataType(), x.getDevice())), weights, true, 1, 0, training, false, true);
            case "GRU" -> x.getNDArrayInternal().gru(x, h0, weights, true, 1, 0, training, false, true);
            default -> x.getNDArrayInternal().rnn(x, h0, weights, true, 1, RNN.Activation.TANH, 0, training, false,
                    true);
        };
    }
}
