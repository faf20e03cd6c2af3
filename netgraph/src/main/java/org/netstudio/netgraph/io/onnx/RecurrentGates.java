package org.netstudio.netgraph.io.onnx;

/**
 * The gate order of recurrent weights. NetStudio keeps PyTorch's (LSTM i, f, g, o; GRU r, z, n),
 * ONNX stacks them as LSTM i, o, f, c and GRU z, r, h; the arrays are otherwise laid out alike
 * (gates × units rows), so converting moves whole row blocks. A simple RNN has one block, the
 * same in both. Stateless.
 */
final class RecurrentGates {

    /** For each ONNX gate block, the NetStudio block it holds. */
    private static final int[] LSTM_ONNX_FROM_NETSTUDIO = {0, 3, 1, 2};
    private static final int[] GRU_ONNX_FROM_NETSTUDIO = {1, 0, 2};
    private static final int[] RNN_ONNX_FROM_NETSTUDIO = {0};

    private RecurrentGates() {
    }

    /** Whether the layer type has an ONNX operator with these weights. */
    static boolean isRecurrent(String type) {
        return type.equals("LSTM") || type.equals("GRU") || type.equals("RNN");
    }

    static int gates(String type) {
        return switch (type) {
            case "LSTM" -> 4;
            case "GRU" -> 3;
            default -> 1;
        };
    }

    private static int[] order(String type) {
        return switch (type) {
            case "LSTM" -> LSTM_ONNX_FROM_NETSTUDIO;
            case "GRU" -> GRU_ONNX_FROM_NETSTUDIO;
            default -> RNN_ONNX_FROM_NETSTUDIO;
        };
    }

    /** NetStudio rows (gates·units × k) in ONNX's gate order. */
    static float[] toOnnx(String type, float[] values) {
        int[] order = order(type);
        int block = values.length / order.length;
        float[] out = new float[values.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(values, order[k] * block, out, k * block, block);
        }
        return out;
    }

    /** ONNX rows (gates·units × k) in NetStudio's gate order. */
    static float[] fromOnnx(String type, float[] values) {
        int[] order = order(type);
        int block = values.length / order.length;
        float[] out = new float[values.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(values, k * block, out, order[k] * block, block);
        }
        return out;
    }
}
