package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.catalog.ShapeRule;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Imports an LSTM, GRU or RNN node that reads a batch-first sequence as catalog layers: a
 * forward node as one recurrent layer (with a SequenceLast when both its sequence and its last
 * state are read), a reverse or bidirectional one as a {@link RecurrentDirections} graph. Its
 * outputs, which ONNX gives time-major with a direction axis, are recorded with {@link SequenceAxes}
 * so that the nodes taking them apart need no node of their own.
 */
final class RecurrentImport extends ImportPart {

    private final LayerNodes layers;
    private final OpaqueNodes opaque;
    private final SequenceAxes axes;
    private final RecurrentReaders readers;

    RecurrentImport(ImportParts parts, LayerNodes layers, OpaqueNodes opaque, SequenceAxes axes, RecurrentReaders readers) {
        super(parts);
        this.layers = layers;
        this.opaque = opaque;
        this.axes = axes;
        this.readers = readers;
    }

    /**
     * Maps an LSTM, GRU or RNN node that reads a batch-first sequence: either one transposed to
     * time-major inside the model, whose outputs are then read only with their direction axis
     * dropped (or, bidirectional, with the directions joined on the last axis and each last state
     * taken apart), or one given as is with layout=1. Its sequence Y and last state Y_h become the
     * layer's outputs (a SequenceLast gives Y_h when both are read). A reverse or bidirectional
     * node becomes a {@link RecurrentDirections} graph. Returns why not, or null.
     */
    String map(OnnxNode n) {
        NodeProto p = n.proto();
        if (p.getInputCount() < 3) {
            return "it has " + p.getInputCount() + " inputs, but " + p.getOpType() + " reads at least X, W and R";
        }
        String x = p.getInput(0);
        long layout = n.i("layout", 0);
        boolean batchwise = layout == 1;
        if (layout != 0 && layout != 1) {
            return "layout=" + layout + " is not an ONNX layout";
        }
        int directions = RecurrentMappings.directions(n);
        if (directions == 0) {
            return "direction " + n.s("direction", "forward") + " is not an ONNX direction";
        }
        boolean reverse = n.s("direction", "forward").equals("reverse");
        if (!batchwise && axes.batchFirstOf(x) == null) {
            return "its input is time-major, [sequence, batch, features], and NetStudio takes the first axis for the batch; "
                    + "only a sequence transposed from batch-first inside the model can be read";
        }
        if (batchwise && (!values.isComputed(x) || !values.info(x).isReal())) {
            return "its input is not a sequence computed in the net";
        }
        String y = p.getOutputCount() > 0 ? p.getOutput(0) : "";
        String yh = p.getOutputCount() > 1 ? p.getOutput(1) : "";
        boolean sequenceRead = !y.isEmpty() && model.isUsed(y);
        boolean lastRead = !yh.isEmpty() && model.isUsed(yh);
        for (int k = 2; k < p.getOutputCount(); k++) {
            if (!p.getOutput(k).isEmpty() && model.isUsed(p.getOutput(k))) {
                return "its last cell state Y_c is used";
            }
        }
        if (!sequenceRead && !lastRead) {
            return "none of its outputs is used";
        }
        if (!batchwise && directions == 1) {
            if (sequenceRead && (model.isOutput(y) || !model.readers(y).stream().allMatch(r -> readers.squeezes(r, 1)))) {
                return "its output Y is used other than with its direction axis dropped";
            }
            if (lastRead && (model.isOutput(yh) || !model.readers(yh).stream().allMatch(r -> readers.squeezes(r, 0)))) {
                return "its output Y_h is used other than with its direction axis dropped";
            }
        }
        if (!batchwise && directions == 2) {
            if (sequenceRead && (model.isOutput(y) || !model.readers(y).stream().allMatch(readers::directionsJoined))) {
                return "its output Y is used other than with its two directions joined on the last axis, as PyTorch exports it";
            }
            if (lastRead && (model.isOutput(yh) || !model.readers(yh).stream().allMatch(r -> readers.directionTaken(r) >= 0))) {
                return "its output Y_h is used other than by taking one direction's last state";
            }
        }
        String batchFirst = batchwise ? x : axes.batchFirstOf(x);
        List<Mapping.Step> steps = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            Mapping m;
            try {
                m = RecurrentMappings.map(n, values, batchFirst, sequenceRead, this::isZeroState, d);
            } catch (RuntimeException e) {
                return String.valueOf(e.getMessage());
            }
            if (m instanceof Mapping.Opaque o) {
                return o.reason();
            }
            steps.add(((Mapping.Layers) m).steps().get(0));
        }
        int units = steps.get(0).layer().params().getInt("units");
        String layerOut = (y.isEmpty() ? yh : y) + " (batch first)";
        List<String> lasts = new ArrayList<>();
        if (directions == 1 && !reverse) {
            Mapping.Opaque refused = layers.add(withOutput(n, "", layerOut), new Mapping.Layers(steps, List.of(batchFirst)));
            if (refused != null) {
                return refused.reason();
            }
            if (lastRead && sequenceRead) {
                lasts.add(yh + " (last step)");
                layers.add(withOutput(n, "_Y_h", lasts.get(0)), (Mapping.Layers) Mapping.layer(Layer.of("SequenceLast"), layerOut));
            } else if (lastRead) {
                lasts.add(layerOut);
            }
        } else {
            String refused = addDirections(n, steps, reverse, batchFirst, sequenceRead ? layerOut : null, lastRead ? yh : null, lasts);
            if (refused != null) {
                return refused;
            }
        }
        if (sequenceRead) {
            if (batchwise) {
                // Y is [batch, n, directions, units]: the direction axis stays.
                layers.add(withOutput(n, "_Y", y), (Mapping.Layers) Mapping.layer(Layer.of("Reshape", "shape", List.of(-1, directions, units)),
                        layerOut));
            } else if (directions == 1) {
                axes.recurrentSequence(y, layerOut);
            } else {
                axes.bidirectionalSequence(y, layerOut);
            }
        }
        if (lastRead) {
            if (batchwise && directions == 1) {
                layers.add(withOutput(n, "_Y_h_axes", yh), (Mapping.Layers) Mapping.layer(Layer.of("Reshape", "shape", List.of(1, units)),
                        lasts.get(0)));
            } else if (batchwise) {
                // Y_h is [batch, 2, units]: both last states, forward first.
                layers.add(withOutput(n, "_Y_h_axes", yh), new Mapping.Layers(List.of(
                        new Mapping.Step(new Layer("Catenate", Map.of(), 2), Map.of()),
                        new Mapping.Step(Layer.of("Reshape", "shape", List.of(2, units)), Map.of())), lasts));
            } else if (directions == 1) {
                axes.recurrentLast(yh, lasts.get(0));
            } else {
                axes.bidirectionalLast(yh, lasts);
            }
        }
        for (int i = 5; i < Math.min(7, p.getInputCount()); i++) {
            if (!p.getInput(i).isEmpty()) {
                opaque.unused(p.getInput(i));
            }
        }
        return null;
    }

    /**
     * Adds a reverse or bidirectional node as one {@link RecurrentDirections} graph reading
     * {@code x}: its joined sequence becomes value {@code sequence} (when not null), each
     * direction's last state a value named after {@code last}, added to {@code lasts}. Returns why not, or null.
     */
    private String addDirections(OnnxNode n, List<Mapping.Step> steps, boolean reverse, String x, String sequence, String last,
            List<String> lasts) {
        TensorType in = values.info(x).type();
        for (Mapping.Step s : steps) {
            Layer l = LayerNodes.compact(s.layer());
            if (l.layerType().inputSpec("Input").requirement().check(in) instanceof PortRequirement.Mismatch mismatch) {
                return l.typeName() + " would not fit: its input " + mismatch.reason();
            }
            if (l.layerType().shapeRule().infer(l.params(), List.of(in)) instanceof ShapeRule.Rejected r) {
                return l.typeName() + " would not fit: " + r.message();
            }
        }
        RecurrentDirections block = RecurrentDirections.of(steps.stream().map(s -> LayerNodes.compact(s.layer())).toList(), reverse,
                sequence != null, last != null);
        String name = net.name(n.label(), n.op().toLowerCase(Locale.ROOT));
        net.putNode(name, block.graph());
        net.connect(values.source(x), PortRef.of(name, RecurrentDirections.INPUT));
        for (int d = 0; d < steps.size(); d++) {
            for (Map.Entry<String, OnnxTensors.Constant> a : steps.get(d).arrays().entrySet()) {
                net.putArray(NodePath.of(name, block.layerNames().get(d)), a.getKey(), a.getValue().shape(), a.getValue());
            }
        }
        int units = steps.get(0).layer().params().getInt("units");
        if (sequence != null) {
            values.putSource(sequence, PortRef.of(name, RecurrentDirections.SEQUENCE));
            Dim length = in.rankKnown() ? in.dim(0) : Dim.UNKNOWN;
            values.putInfo(sequence, new ValueInfo(TensorType.real(List.of(length, Dim.of(steps.size() * units))),
                    TensorProto.DataType.FLOAT_VALUE));
        }
        if (last != null) {
            for (int d = 0; d < steps.size(); d++) {
                String v = last + " (" + block.stateNames().get(d) + ")";
                values.putSource(v, PortRef.of(name, block.stateNames().get(d)));
                values.putInfo(v, new ValueInfo(TensorType.real(List.of(Dim.of(units))), TensorProto.DataType.FLOAT_VALUE));
                lasts.add(v);
            }
        }
        log.mapped(n, n.op(), name, n.op(), steps.size() == 2
                ? "bidirectional: a graph of two " + n.op() + " layers, one reading the sequence reversed, their outputs joined"
                : "reverse: a graph reading the sequence reversed with a " + n.op() + " layer");
        return null;
    }

    /** The node as one that gives only {@code output}, named with a suffix: one of the layers it maps to. */
    private static OnnxNode withOutput(OnnxNode n, String suffix, String output) {
        return new OnnxNode(n.proto().toBuilder().setName(n.label() + suffix).clearOutput().addOutput(output).build());
    }

    /**
     * Absent, a constant of zeros, or a ConstantOfShape of zero (PyTorch's zero state sized to the batch),
     * or a Slice of one: a stacked layer's state, which PyTorch cuts out of one zero state for all its layers.
     */
    private boolean isZeroState(String value) {
        if (value.isEmpty()) {
            return true;
        }
        if (values.isConstant(value)) {
            OnnxTensors.Constant c = values.constant(value);
            for (int i = 0; i < c.count(); i++) {
                if (c.value(i) != 0) {
                    return false;
                }
            }
            return true;
        }
        NodeProto p = model.producer(value);
        if (p != null && p.getOpType().equals("Slice") && p.getInputCount() > 0) {
            return isZeroState(p.getInput(0));
        }
        if (p == null || !p.getOpType().equals("ConstantOfShape")) {
            return false;
        }
        OnnxNode n = new OnnxNode(p);
        if (!n.has("value")) {
            return true;
        }
        OnnxTensors.Constant c = OnnxTensors.decode(n.attribute("value").getT());
        return c.count() == 1 && c.value(0) == 0;
    }
}
