package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.netstudio.netgraph.catalog.OnnxInputs;
import org.netstudio.netgraph.catalog.OnnxTypeText;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Keeps what no catalog layer computes as OnnxOperator nodes that hold the ONNX node itself: its
 * inputs (wires, constant arrays), the types of its outputs (as declared, refined by the shape
 * rules, or guessed), one net node per output that is used. At the end, takes out again the
 * opaque nodes that only computed a zero initial state a recurrent layer no longer reads.
 */
final class OpaqueNodes extends ImportPart {

    /** The ONNX node of each opaque net node, to drop those that end up feeding nothing. */
    private final Map<String, NodeProto> onnxNodes = new LinkedHashMap<>();
    /** Uses of a value that no longer need it: zero initial states a recurrent layer starts from anyway. */
    private final Map<String, Integer> deadUses = new HashMap<>();
    private final Map<String, String> deadReasons = new HashMap<>();
    private static final String ZERO_STATE = "it only computes the zero initial state of a recurrent layer";

    OpaqueNodes(ImportParts parts) {
        super(parts);
    }

    /** Adds the node as it is in ONNX, reported opaque for {@code reason}. */
    void add(OnnxNode n, String reason) {
        NodeProto p = n.proto();
        GraphProto graph = model.graph();
        List<OnnxInputs.Entry> entries = new ArrayList<>();
        List<String> wired = new ArrayList<>();
        Map<String, OnnxTensors.Constant> arrays = new LinkedHashMap<>();
        for (int i = 0; i < p.getInputCount(); i++) {
            String v = p.getInput(i);
            if (v.isEmpty()) {
                entries.add(new OnnxInputs.Entry(OnnxInputs.Kind.NONE, "", new long[0]));
            } else if (values.isConstant(v)) {
                OnnxTensors.Constant c = values.constant(v);
                entries.add(new OnnxInputs.Entry(OnnxInputs.Kind.ARRAY, c.typeName(), c.shape()));
                arrays.put("array" + (i + 1), c);
            } else if (values.isComputed(v)) {
                entries.add(new OnnxInputs.Entry(OnnxInputs.Kind.WIRE, typeWord(values.info(v).elementType()), new long[0]));
                wired.add(v);
            } else {
                throw new IllegalArgumentException("node \"" + n.label() + "\" (" + p.getOpType() + ") reads \"" + v
                        + "\", which no input, constant or earlier node gives");
            }
        }
        if (wired.isEmpty() && !graph.getInputList().isEmpty() && values.isComputed(graph.getInput(0).getName())) {
            // A port takes at least one wire: the net's first input places the node without feeding it.
            entries.add(new OnnxInputs.Entry(OnnxInputs.Kind.ORDER, "", new long[0]));
            wired.add(graph.getInput(0).getName());
        }
        List<TensorType> outTypes = new ArrayList<>();
        // A shape vector has no batch axis, so a declared type (read as batch first) would be wrong for it.
        ShapeValues.Value shapeValue = values.shapes().track(n, values);
        for (int k = 0; k < Math.max(1, p.getOutputCount()); k++) {
            String v = k < p.getOutputCount() ? p.getOutput(k) : "";
            ValueInfo declared = values.known(v);
            ValueInfo vi = shapeValue != null ? guess(n, declared, k, shapeValue)
                    : declared != null && declared.type().rankKnown()
                            ? model.isOutput(v) ? outputType(v, declared, guess(n, declared, k, null))
                                    : refined(declared, guess(n, declared, k, null))
                    : guess(n, declared, k, null);
            values.putInfo(v, vi);
            outTypes.add(vi.type());
        }
        // One node per output that is used (the first always): each gives one output of the ONNX node.
        List<Integer> used = new ArrayList<>(List.of(0));
        for (int k = 1; k < p.getOutputCount(); k++) {
            if (!p.getOutput(k).isEmpty() && model.isUsed(p.getOutput(k))) {
                used.add(k);
            }
        }
        String first = null;
        for (int k : used) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("op", n.op());
            String attrs = n.attributesText();
            if (!attrs.isBlank()) {
                params.put("attributes", attrs);
            }
            if (!entries.isEmpty()) {
                params.put("inputs", OnnxInputs.format(entries));
            }
            params.put("outputs", OnnxTypeText.format(outTypes.get(k)));
            if (k > 0) {
                params.put("output", k + 1);
            }
            params.put("node", Base64.getEncoder().encodeToString(p.toByteArray()));
            params.put("opset", (int) model.opset(p.getDomain()));
            Layer layer = new Layer("OnnxOperator", params, wired.size());
            String name = net.name(k == 0 ? n.label() : n.label() + "_output" + (k + 1), p.getOpType().toLowerCase(Locale.ROOT));
            first = first == null ? name : first;
            net.putNode(name, layer);
            onnxNodes.put(name, p);
            List<String> ports = layer.inputNames();
            for (int i = 0; i < wired.size(); i++) {
                net.connect(values.source(wired.get(i)), PortRef.of(name, ports.get(i)));
            }
            for (Map.Entry<String, OnnxTensors.Constant> a : arrays.entrySet()) {
                net.putArray(name, a.getKey(), a.getValue().shape(), a.getValue());
            }
            if (k < p.getOutputCount()) {
                values.putSource(p.getOutput(k), PortRef.of(name, "Output"));
            }
        }
        log.opaque(n, first, reason);
    }

    /** One use of the value is no longer needed (a zero initial state a recurrent layer starts from anyway). */
    void unused(String value) {
        unused(value, ZERO_STATE);
    }

    /** One use of the value is no longer needed, for a reason the nodes that only computed it are dropped with. */
    void unused(String value, String reason) {
        deadUses.merge(value, 1, Integer::sum);
        deadReasons.putIfAbsent(value, reason);
    }

    /**
     * Removes opaque nodes that feed nothing because what they computed was only a zero initial
     * state, and the nodes feeding only those, and reports them dropped.
     */
    void dropDead() {
        if (deadUses.isEmpty()) {
            return;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, NodeProto> e : new ArrayList<>(onnxNodes.entrySet())) {
                String name = e.getKey();
                NodeProto p = e.getValue();
                boolean read = p.getOutputList().stream()
                        .anyMatch(o -> !o.isEmpty() && model.uses(o) > deadUses.getOrDefault(o, 0));
                // Only what a released use made dead goes: an opaque node that never fed anything stays, as imported.
                boolean released = p.getOutputList().stream().anyMatch(deadUses::containsKey);
                if (net.feeds(name) || read || !released) {
                    continue;
                }
                String reason = p.getOutputList().stream().map(deadReasons::get).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(ZERO_STATE);
                net.remove(name);
                onnxNodes.remove(name);
                p.getInputList().forEach(v -> unused(v, reason));
                log.droppedAfterAll(name, reason);
                changed = true;
            }
        }
    }

    /** The element type of an opaque node's output when the model does not declare it. */
    private ValueInfo guess(OnnxNode n, ValueInfo declared, int output, ShapeValues.Value shapeValue) {
        int elem = declared == null ? 0 : declared.elementType();
        if (elem == 0) {
            elem = switch (n.proto().getOpType()) {
                case "Shape", "Size", "ArgMax", "ArgMin", "NonZero" -> TensorProto.DataType.INT64_VALUE;
                case "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf" ->
                        TensorProto.DataType.BOOL_VALUE;
                case "Cast" -> (int) n.i("to", 0);
                // Its value attribute gives the element type, float when absent; its input is only a shape.
                case "ConstantOfShape" -> n.has("value") ? n.attribute("value").getT().getDataType() : TensorProto.DataType.FLOAT_VALUE;
                case "Where" -> firstElementType(n, 1);
                default -> firstElementType(n, 0);
            };
        }
        List<Dim> dims = shapeValue != null ? shapeValue.dims() : OpaqueShapes.dims(n, values, values.shapes(), output);
        return new ValueInfo(new TensorType(ValueInfo.kindOf(elem), dims), elem);
    }

    /**
     * A declared type with what the shape rules tell put in where it names no size: an exporter's
     * made-up name for a dynamic axis ("Add_output_0_dim_1") becomes the length it really is (n).
     * A declared fixed size always stands. The model's outputs go through {@link #outputType}.
     */
    private static ValueInfo refined(ValueInfo declared, ValueInfo guessed) {
        List<Dim> d = declared.type().dims();
        List<Dim> g = guessed.type().dims();
        if (g == null || g.size() != d.size()) {
            return declared;
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            out.add(d.get(i).isFixed() || !g.get(i).isKnown() || g.get(i).isFixed() && d.get(i).isKnown() ? d.get(i) : g.get(i));
        }
        return new ValueInfo(declared.type().withDims(out), declared.elementType());
    }

    /**
     * A model output's type: as declared, with each dynamic axis whose name is an exporter's
     * artefact ("Addoutput_0_dim_1", a name no model input uses) given the length the shape rules
     * find, so the output reads n×384 like the inputs' n. A declared fixed size and a name the
     * inputs share always stand; when the rules give another rank or another fixed size the
     * declared type is kept whole, with a note.
     */
    private ValueInfo outputType(String value, ValueInfo declared, ValueInfo guessed) {
        List<Dim> d = declared.type().dims();
        List<Dim> g = guessed.type().dims();
        if (g == null) {
            return declared;
        }
        boolean agrees = g.size() == d.size();
        for (int i = 0; agrees && i < d.size(); i++) {
            agrees = !(d.get(i).isFixed() && g.get(i).isFixed() && d.get(i).size() != g.get(i).size());
        }
        if (!agrees) {
            log.note("output \"" + value + "\" is declared " + declared.type().shapeText() + " but its operators give "
                    + guessed.type().shapeText() + "; the declared shape was kept");
            return declared;
        }
        Set<String> inputNames = net.inputSymbols();
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            Dim di = d.get(i);
            Dim gi = g.get(i);
            boolean artefact = !di.isKnown() || di instanceof Dim.Symbolic s && !inputNames.contains(s.name());
            // A fixed size the rules find does not replace a named one: the file says the axis varies.
            out.add(artefact && gi instanceof Dim.Symbolic || !di.isKnown() && gi.isFixed() ? gi : di);
        }
        return new ValueInfo(declared.type().withDims(out), declared.elementType());
    }

    private int firstElementType(OnnxNode n, int from) {
        for (int i = from; i < n.proto().getInputCount(); i++) {
            String v = n.proto().getInput(i);
            if (values.isConstant(v)) {
                return values.constant(v).dataType();
            }
            ValueInfo known = values.known(v);
            if (known != null && known.elementType() != 0) {
                return known.elementType();
            }
        }
        return 0;
    }

    private static String typeWord(int elementType) {
        return elementType == 0 ? "" : OnnxTensors.Constant.typeName(elementType);
    }
}
