package org.netstudio.netgraph.io.onnx;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.Layer;

/**
 * Maps one direction of an ONNX LSTM, GRU or RNN node to the catalog's layer of that name when it
 * computes what the engine computes: the default activations (a simple RNN's tanh), no clipping or
 * peepholes, sequences of equal length, a zero initial state and, for GRU, the reset gate applied
 * after the state's linear map (linear_before_reset=1, as PyTorch exports). Which of the node's
 * outputs are read, how the time-major axes are put back in order and how a reverse direction
 * reads its sequence backwards is the concern of {@link RecurrentImport} and {@link SequenceAxes}. Stateless.
 */
final class RecurrentMappings {

    private static final List<String> LSTM_ACTIVATIONS = List.of("Sigmoid", "Tanh", "Tanh");
    private static final List<String> GRU_ACTIVATIONS = List.of("Sigmoid", "Tanh");
    private static final List<String> RNN_ACTIVATIONS = List.of("Tanh");

    private RecurrentMappings() {
    }

    /** How many directions the node's direction attribute asks for, or 0 when it is not one ONNX knows. */
    static int directions(OnnxNode n) {
        return switch (n.s("direction", "forward")) {
            case "forward", "reverse" -> 1;
            case "bidirectional" -> 2;
            default -> 0;
        };
    }

    /**
     * The layer for direction {@code direction} (0 or, when bidirectional, 1) of the node, reading
     * the batch-first sequence {@code x} in the order that direction reads it, or why it stays
     * opaque. {@code zeroState} tells whether an input value is known to be all zeros.
     */
    static Mapping map(OnnxNode n, OperatorMappings.Context c, String x, boolean returnSequences,
            java.util.function.Predicate<String> zeroState, int direction) {
        String type = n.op();
        List<String> in = n.proto().getInputList();
        List<String> other = n.attributesOtherThan("hidden_size", "direction", "activations", "layout", "linear_before_reset",
                "input_forget");
        if (!other.isEmpty()) {
            return new Mapping.Opaque("attributes " + other + " are not supported");
        }
        int directions = directions(n);
        if (directions == 0) {
            return new Mapping.Opaque("direction " + n.s("direction", "forward") + " is not an ONNX direction");
        }
        List<String> defaults = switch (type) {
            case "LSTM" -> LSTM_ACTIVATIONS;
            case "GRU" -> GRU_ACTIVATIONS;
            default -> RNN_ACTIVATIONS;
        };
        if (n.has("activations") && !activations(n).equals(repeated(defaults, directions))) {
            return new Mapping.Opaque("activations " + activations(n) + " are not " + (type.equals("RNN")
                    ? "Tanh, the only one NetStudio's RNN has" : "the default ones"));
        }
        if (n.i("input_forget", 0) != 0) {
            return new Mapping.Opaque("input_forget=1 couples the input and forget gates");
        }
        if (type.equals("GRU") && n.i("linear_before_reset", 0) == 0) {
            return new Mapping.Opaque("linear_before_reset=0 resets the state before its linear map; NetStudio's GRU (PyTorch's) resets after it");
        }
        if (in.size() < 3 || !c.isConstant(in.get(1)) || !c.isConstant(in.get(2))
                || (in.size() > 3 && !in.get(3).isEmpty() && !c.isConstant(in.get(3)))) {
            return new Mapping.Opaque("its weights are not constants");
        }
        if (in.size() > 4 && !in.get(4).isEmpty()) {
            return new Mapping.Opaque("sequence_lens gives sequences of different lengths");
        }
        for (int i = 5; i < Math.min(in.size(), 7); i++) {
            if (!zeroState.test(in.get(i))) {
                return new Mapping.Opaque("its initial state is not known to be zero");
            }
        }
        if (in.size() > 7 && !in.get(7).isEmpty()) {
            return new Mapping.Opaque("peephole weights are not supported");
        }
        OnnxTensors.Constant w = c.constant(in.get(1));
        OnnxTensors.Constant r = c.constant(in.get(2));
        int gates = RecurrentGates.gates(type);
        if (!w.isReal() || !r.isReal() || w.shape().length != 3 || r.shape().length != 3 || w.shape()[0] != directions
                || r.shape()[0] != directions || w.shape()[1] % gates != 0 || r.shape()[1] != w.shape()[1]
                || r.shape()[2] != w.shape()[1] / gates) {
            return new Mapping.Opaque("its weights of shapes " + Arrays.toString(w.shape()) + " and "
                    + Arrays.toString(r.shape()) + " do not fit " + directions + " direction" + (directions == 1 ? "" : "s"));
        }
        int units = (int) (w.shape()[1] / gates);
        if (n.has("hidden_size") && n.i("hidden_size", 0) != units) {
            return new Mapping.Opaque("hidden_size " + n.i("hidden_size", 0) + " does not fit its weights");
        }
        int d = (int) w.shape()[2];
        int gu = gates * units;
        float[] bias = new float[2 * gu];
        if (in.size() > 3 && !in.get(3).isEmpty()) {
            OnnxTensors.Constant b = c.constant(in.get(3));
            if (!b.isReal() || b.count() != (long) directions * 2 * gu) {
                return new Mapping.Opaque("its biases of shape " + Arrays.toString(b.shape()) + " do not fit its weights");
            }
            bias = Arrays.copyOfRange(b.floats(), direction * 2 * gu, (direction + 1) * 2 * gu);
        }
        // Each direction's arrays are one slice along the first axis.
        float[] wd = Arrays.copyOfRange(w.floats(), direction * gu * d, (direction + 1) * gu * d);
        float[] rd = Arrays.copyOfRange(r.floats(), direction * gu * units, (direction + 1) * gu * units);
        Map<String, OnnxTensors.Constant> arrays = new LinkedHashMap<>();
        arrays.put("inputWeights", real(new long[] {gu, d}, RecurrentGates.fromOnnx(type, wd)));
        arrays.put("stateWeights", real(new long[] {gu, units}, RecurrentGates.fromOnnx(type, rd)));
        arrays.put("inputBiases", real(new long[] {gu}, RecurrentGates.fromOnnx(type, Arrays.copyOfRange(bias, 0, gu))));
        arrays.put("stateBiases", real(new long[] {gu}, RecurrentGates.fromOnnx(type, Arrays.copyOfRange(bias, gu, 2 * gu))));
        return Mapping.layer(Layer.of(type, "units", units, "returnSequences", returnSequences), arrays, x);
    }

    private static OnnxTensors.Constant real(long[] shape, float[] values) {
        return new OnnxTensors.Constant(shape, values, null, ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT_VALUE);
    }

    private static List<String> repeated(List<String> list, int times) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(list);
        }
        return out;
    }

    private static List<String> activations(OnnxNode n) {
        return n.attribute("activations").getStringsList().stream().map(b -> b.toStringUtf8()).toList();
    }
}
