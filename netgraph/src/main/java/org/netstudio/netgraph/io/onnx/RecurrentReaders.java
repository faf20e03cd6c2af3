package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;

/**
 * How a node reads an output of a recurrent node, in the ways PyTorch exports them: a Squeeze of
 * the direction axis, a Gather of one direction's last state, the Transpose and Reshape that join
 * the two directions of a bidirectional sequence. Looks ahead in the graph: the Constant node
 * that gives the axes or the index may come after the recurrent node.
 */
final class RecurrentReaders {

    private final ModelGraph model;
    private final ImportedValues values;

    RecurrentReaders(ModelGraph model, ImportedValues values) {
        this.model = model;
        this.values = values;
    }

    /** The axes a Squeeze drops, from its attribute or its constant second input; null when they cannot be told. */
    int[] squeezeAxes(OnnxNode n) {
        if (n.has("axes")) {
            return n.ints("axes");
        }
        NodeProto p = n.proto();
        if (p.getInputCount() < 2) {
            return null;
        }
        OnnxTensors.Constant c = values.constantInput(p.getInput(1));
        return c == null || c.isReal() ? null : Arrays.stream(c.longs()).mapToInt(Math::toIntExact).toArray();
    }

    /** Whether the Squeeze reading a recurrent output only drops its direction axis, {@code axis}. */
    boolean squeezes(NodeProto reader, int axis) {
        if (axis == 0 && takesOnlyDirection(reader)) {
            return true;
        }
        if (!reader.getOpType().equals("Squeeze") || reader.getOutputCount() != 1) {
            return false;
        }
        int[] axes = squeezeAxes(new OnnxNode(reader));
        return axes != null && axes.length == 1 && (axes[0] == axis || axes[0] == -3);
    }

    /** A Gather of element 0 (or -1) of the one direction of Y_h, as PyTorch writes {@code h_n[-1]}. */
    boolean takesOnlyDirection(NodeProto reader) {
        Long k = gatheredDirection(reader);
        return k != null && (k == 0 || k == -1);
    }

    /**
     * Which direction of a bidirectional Y_h a Gather takes ({@code h_n[-2]} or {@code h_n[0]} the
     * forward one, 0; {@code h_n[-1]} or {@code h_n[1]} the backward one, 1), or -1 when it is no such Gather.
     */
    int directionTaken(NodeProto reader) {
        Long k = gatheredDirection(reader);
        return k == null ? -1 : k == 0 || k == -2 ? 0 : k == 1 || k == -1 ? 1 : -1;
    }

    /** The one index a Gather on the first axis takes, or null when it is not such a Gather. */
    private Long gatheredDirection(NodeProto reader) {
        if (!reader.getOpType().equals("Gather") || reader.getInputCount() != 2 || reader.getOutputCount() != 1
                || new OnnxNode(reader).i("axis", 0) != 0) {
            return null;
        }
        OnnxTensors.Constant k = values.constantInput(reader.getInput(1));
        return k != null && !k.isReal() && k.shape().length == 0 ? k.longs()[0] : null;
    }

    /** A Transpose of a bidirectional Y to {@code [n, batch, 2, units]}, as PyTorch exports before joining the directions. */
    static boolean swapsDirectionAndBatch(NodeProto reader) {
        return reader.getOpType().equals("Transpose") && reader.getOutputCount() == 1
                && Arrays.equals(new OnnxNode(reader).ints("perm"), new int[] {0, 2, 1, 3});
    }

    /** A Reshape of {@code [n, batch, 2, units]} to {@code [n, batch, 2·units]} (shape {@code [0, 0, -1]}). */
    boolean joinsDirections(NodeProto reader) {
        if (!reader.getOpType().equals("Reshape") || reader.getInputCount() != 2 || reader.getOutputCount() != 1
                || new OnnxNode(reader).i("allowzero", 0) != 0) {
            return false;
        }
        OnnxTensors.Constant shape = values.constantInput(reader.getInput(1));
        return shape != null && !shape.isReal() && shape.longs().length == 3 && shape.longs()[0] == 0 && shape.longs()[1] == 0
                && shape.longs()[2] == -1;
    }

    /** Whether every reader of a bidirectional Y swaps its axes and joins its directions, as PyTorch exports. */
    boolean directionsJoined(NodeProto reader) {
        if (!swapsDirectionAndBatch(reader)) {
            return false;
        }
        List<NodeProto> next = model.readers(reader.getOutput(0));
        return !next.isEmpty() && !model.isOutput(reader.getOutput(0)) && next.stream().allMatch(this::joinsDirections);
    }
}
