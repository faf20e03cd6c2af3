package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.recurrent.RNN;
import org.netstudio.netgraph.catalog.Params;

/**
 * Embedding, UnitVector, the recurrent layers and SequenceLast/SequenceReverse. Sequences are
 * batch-first, {@code (batch, n, d)}; all sequences of a batch have the same length.
 */
final class SequenceKernels {

    private static final NDIndex LAST_STEP = new NDIndex(":, -1");

    private SequenceKernels() {
    }

    static LayerKernel of(String type, Params p) {
        return switch (type) {
            case "Embedding" -> (in, a, training) ->
                    Embedding.embedding(Kernels.indices(in.head()), a[0], SparseFormat.DENSE);
            case "UnitVector" -> {
                int size = p.getInt("size");
                yield Kernels.unary(x -> Kernels.indices(x).oneHot(size));
            }
            case "LSTM", "GRU", "RNN" -> recurrent(type, p.getInt("units"), p.getBool("returnSequences"));
            case "SequenceLast" -> Kernels.unary(x -> x.get(LAST_STEP));
            case "SequenceReverse" -> Kernels.unary(x -> x.flip(1));
            default -> throw new IllegalArgumentException(type);
        };
    }

    /**
     * One layer, one direction, starting from a zero state. Arrays inputWeights, stateWeights,
     * inputBiases, stateBiases, in PyTorch's layout and gate order (LSTM i, f, g, o; GRU r, z, n).
     * {@code (batch, n, d) → (batch, n, units)}, or {@code (batch, units)} for the last step only.
     */
    private static LayerKernel recurrent(String type, int units, boolean returnSequences) {
        return (in, a, training) -> {
            NDArray x = in.head();
            NDManager m = x.getManager();
            Shape state = new Shape(1, x.getShape().get(0), units);
            NDList weights = new NDList(a[0], a[1], a[2], a[3]);
            NDArray h0 = m.zeros(state, x.getDataType(), x.getDevice());
            NDList out = switch (type) {
                case "LSTM" -> x.getNDArrayInternal().lstm(x, new NDList(h0, m.zeros(state, x.getDataType(), x.getDevice())),
                        weights, true, 1, 0, training, false, true);
                case "GRU" -> x.getNDArrayInternal().gru(x, h0, weights, true, 1, 0, training, false, true);
                default -> x.getNDArrayInternal().rnn(x, h0, weights, true, 1, RNN.Activation.TANH, 0, training, false,
                        true);
            };
            NDArray sequence = out.head();
            return new NDList(returnSequences ? sequence : sequence.get(LAST_STEP));
        };
    }
}
