package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the axis swaps around recurrent nodes without adding nodes: a Transpose that makes a
 * batch-first sequence time-major (or back), and the Squeeze, Gather, Transpose and Reshape that
 * take a recurrent node's outputs apart as PyTorch exports them. A time-major value gets a node
 * of its own (an opaque Transpose) only when something other than a recurrent node reads it.
 */
final class SequenceAxes {

    private final ImportedValues values;
    private final ImportLog log;
    private final RecurrentReaders readers;
    private final OpaqueNodes opaque;
    /**
     * Time-major sequences, {@code [n, batch, d]}: ONNX values that are a batch-first value with
     * its first two axes swapped. They get no node unless something other than a recurrent layer reads them.
     */
    private final Map<String, String> timeMajor = new HashMap<>();
    /** A recurrent node's outputs Y ({@code [n, 1, batch, units]}) and Y_h ({@code [1, batch, units]}): their batch-first values. */
    private final Map<String, String> recurrentSequence = new HashMap<>();
    private final Map<String, String> recurrentLast = new HashMap<>();
    /**
     * A bidirectional node's Y ({@code [n, 2, batch, units]}), that Y with its direction and batch
     * axes swapped ({@code [n, batch, 2, units]}), and its Y_h ({@code [2, batch, units]}): the
     * batch-first sequence with both directions joined on the last axis, and each direction's last state.
     */
    private final Map<String, String> bidirectionalSequence = new HashMap<>();
    private final Map<String, String> bidirectionalInterleaved = new HashMap<>();
    private final Map<String, List<String>> bidirectionalLast = new HashMap<>();

    SequenceAxes(ImportedValues values, ImportLog log, RecurrentReaders readers, OpaqueNodes opaque) {
        this.values = values;
        this.log = log;
        this.readers = readers;
        this.opaque = opaque;
    }

    /** The batch-first value a time-major one swaps the axes of, or null when it is none. */
    String batchFirstOf(String value) {
        return timeMajor.get(value);
    }

    /** A recurrent node's Y, batch-first as {@code layerOut}. */
    void recurrentSequence(String y, String layerOut) {
        recurrentSequence.put(y, layerOut);
    }

    /** A recurrent node's Y_h, batch-first as {@code last}. */
    void recurrentLast(String yh, String last) {
        recurrentLast.put(yh, last);
    }

    /** A bidirectional node's Y, its directions joined batch-first as {@code layerOut}. */
    void bidirectionalSequence(String y, String layerOut) {
        bidirectionalSequence.put(y, layerOut);
    }

    /** A bidirectional node's Y_h, each direction's last state batch-first as {@code lasts}. */
    void bidirectionalLast(String yh, List<String> lasts) {
        bidirectionalLast.put(yh, lasts);
    }

    /**
     * Follows the node when it swaps the axes of a sequence around a recurrent node, reporting it
     * dropped. False when the node is none of these.
     */
    boolean follow(OnnxNode n) {
        NodeProto p = n.proto();
        if (p.getOutputCount() != 1 || p.getInputCount() < 1) {
            return false;
        }
        String x = p.getInput(0);
        String out = p.getOutput(0);
        if (p.getOpType().equals("Transpose") && Arrays.equals(n.ints("perm"), new int[] {1, 0, 2})) {
            if (timeMajor.containsKey(x)) {
                values.alias(out, timeMajor.get(x));
                log.dropped(n, "puts a time-major sequence back in batch-first order");
                return true;
            }
            if (values.isComputed(x) && values.info(x).isReal()) {
                timeMajor.put(out, x);
                log.dropped(n, "makes a sequence time-major for a recurrent node, which reads it batch-first instead");
                return true;
            }
            return false;
        }
        if (bidirectionalLast.containsKey(x) && readers.directionTaken(p) >= 0) {
            int d = readers.directionTaken(p);
            values.alias(out, bidirectionalLast.get(x).get(d));
            log.dropped(n, "takes the " + (d == 0 ? "forward" : "backward") + " direction's last state of a bidirectional recurrent node");
            return true;
        }
        if (bidirectionalSequence.containsKey(x) && RecurrentReaders.swapsDirectionAndBatch(p)) {
            bidirectionalInterleaved.put(out, bidirectionalSequence.get(x));
            log.dropped(n, "puts the batch axis of a bidirectional recurrent node's output before its direction axis");
            return true;
        }
        if (bidirectionalInterleaved.containsKey(x) && readers.joinsDirections(p)) {
            timeMajor.put(out, bidirectionalInterleaved.get(x));
            log.dropped(n, "joins the two directions of a bidirectional recurrent node on the last axis");
            return true;
        }
        if (recurrentLast.containsKey(x) && readers.takesOnlyDirection(p)) {
            values.alias(out, recurrentLast.get(x));
            log.dropped(n, "takes the one direction of a recurrent node's last state");
            return true;
        }
        if (p.getOpType().equals("Squeeze") && (recurrentSequence.containsKey(x) || recurrentLast.containsKey(x))) {
            int[] axes = readers.squeezeAxes(n);
            if (recurrentSequence.containsKey(x) && axes != null && axes.length == 1 && (axes[0] == 1 || axes[0] == -3)) {
                timeMajor.put(out, recurrentSequence.get(x));
            } else if (recurrentLast.containsKey(x) && axes != null && axes.length == 1 && (axes[0] == 0 || axes[0] == -3)) {
                values.alias(out, recurrentLast.get(x));
            } else {
                return false;
            }
            log.dropped(n, "drops the direction axis of a recurrent node's output");
            return true;
        }
        return false;
    }

    /** Gives a time-major value a node (an opaque Transpose) when something other than a recurrent node reads it. */
    void materialize(String value) {
        String from = timeMajor.get(value);
        if (from == null || values.isComputed(value)) {
            return;
        }
        NodeProto t = NodeProto.newBuilder().setOpType("Transpose").setName(value).addInput(from).addOutput(value)
                .addAttribute(AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS)
                        .addInts(1).addInts(0).addInts(2)).build();
        opaque.add(new OnnxNode(t), "it swaps the batch axis with the sequence axis");
    }
}
