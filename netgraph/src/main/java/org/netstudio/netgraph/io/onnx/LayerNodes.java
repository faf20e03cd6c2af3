package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netstudio.netgraph.catalog.ParamKind;
import org.netstudio.netgraph.catalog.ParamSpec;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.catalog.ShapeRule;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.text.Shown;

/**
 * Puts the catalog layers an ONNX node maps to into the net: each is checked against its port
 * requirements and shape rule first (else the node stays opaque, saying why), then named, wired
 * and given its arrays. Also folds the Add of a constant vector after a MatMul into the Linear's
 * bias, and makes a Gather of a constant table by token ids an Embedding.
 */
final class LayerNodes extends ImportPart {

    /** Values computed by a Linear made from a MatMul, which a following Add may give a bias. */
    private final Map<String, String> biasless = new HashMap<>();

    LayerNodes(ImportParts parts) {
        super(parts);
    }

    /** Adds the layers of a mapping, or returns why it stays opaque (a shape rule refused it). */
    Mapping.Opaque add(OnnxNode n, Mapping.Layers m) {
        List<TensorType> types = new ArrayList<>();
        for (String v : m.inputs()) {
            // A layer's input is a wire: an input left out (ONNX's empty name) or a constant cannot feed it.
            if (!values.isComputed(v)) {
                int at = n.proto().getInputList().indexOf(v) + 1;
                return new Mapping.Opaque((at > 0 ? "its input " + at : "an input") + (v.isEmpty() ? " is left out"
                        : ", \"" + Shown.text(v) + "\", is " + (values.isConstant(v) ? "a constant" : "not computed by the net")
                        + ", where a layer takes a wire"));
            }
            types.add(values.info(v).type());
        }
        List<TensorType> outs = null;
        for (Mapping.Step s : m.steps()) {
            List<String> ports = s.layer().inputNames();
            for (int i = 0; i < types.size() && i < ports.size(); i++) {
                if (s.layer().layerType().inputSpec(ports.get(i)).requirement().check(types.get(i))
                        instanceof PortRequirement.Mismatch mismatch) {
                    return new Mapping.Opaque(s.layer().typeName() + " would not fit: its input " + mismatch.reason());
                }
            }
            ShapeRule.Outcome o = s.layer().layerType().shapeRule().infer(s.layer().params(), types);
            if (o instanceof ShapeRule.Rejected r) {
                return new Mapping.Opaque(s.layer().typeName() + " would not fit: " + r.message());
            }
            outs = ((ShapeRule.Inferred) o).outputs();
            types = outs;
        }
        String first = null;
        PortRef prev = null;
        for (int k = 0; k < m.steps().size(); k++) {
            Mapping.Step s = new Mapping.Step(compact(m.steps().get(k).layer()), m.steps().get(k).arrays());
            String name = net.name(k == 0 ? n.label() : n.label() + "_" + s.layer().typeName().toLowerCase(Locale.ROOT),
                    s.layer().typeName().toLowerCase(Locale.ROOT));
            net.putNode(name, s.layer());
            List<String> ports = s.layer().inputNames();
            if (k == 0) {
                first = name;
                for (int i = 0; i < m.inputs().size(); i++) {
                    net.connect(values.source(m.inputs().get(i)), PortRef.of(name, ports.get(i)));
                }
            } else {
                net.connect(prev, PortRef.of(name, ports.get(0)));
            }
            for (Map.Entry<String, OnnxTensors.Constant> a : s.arrays().entrySet()) {
                net.putArray(name, a.getKey(), a.getValue().shape(), a.getValue());
            }
            prev = PortRef.of(name, "Output");
        }
        String out = n.proto().getOutput(0);
        values.putSource(out, prev);
        values.putInfo(out, new ValueInfo(outs.get(0), TensorProto.DataType.FLOAT_VALUE));
        if (n.proto().getOpType().equals("MatMul")) {
            biasless.put(out, first);
        }
        log.mapped(n, first, m.steps().get(0).layer().typeName(),
                m.steps().size() > 1 && m.steps().get(1).layer().type().equals("Reshape") ? "with a Reshape that keeps ONNX's size-1 axes"
                        : m.steps().size() > 1 ? "then " + m.steps().get(1).layer().typeName() : "");
        return null;
    }

    /** A MatMul followed by the Add of a constant vector is one Linear with a bias; false when the node is no such Add. */
    boolean foldBias(OnnxNode n) {
        NodeProto p = n.proto();
        if (!p.getOpType().equals("Add") || p.getInputCount() != 2 || p.getOutputCount() != 1) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            String x = p.getInput(side);
            String b = p.getInput(1 - side);
            String linear = biasless.get(x);
            if (linear == null || !values.isConstant(b) || model.uses(x) != 1) {
                continue;
            }
            Layer l = (Layer) net.node(linear);
            OnnxTensors.Constant bias = values.constant(b);
            int units = l.params().getInt("units");
            if (!bias.isReal() || bias.count() != units || bias.shape().length != 1) {
                continue;
            }
            net.putNode(linear, compact(l.with("bias", true)));
            net.putArray(linear, "biases", new long[] {units}, bias);
            values.alias(p.getOutput(0), x);
            biasless.remove(x);
            log.mapped(n, linear, "Linear", "the bias of " + linear);
            return true;
        }
        return false;
    }

    /** A Gather of a constant table by indices: the catalog Embedding when the indices are typed as indices. */
    Mapping embedding(NodeProto p, OnnxTensors.Constant table) {
        String ids = p.getInput(1);
        if (!values.isComputed(ids)) {
            return new Mapping.Opaque("its indices are not computed in the net");
        }
        if (!(values.info(ids).type().kind() instanceof ElementKind.Index)) {
            return new Mapping.Opaque(model.isInput(ids)
                    ? "its indices, input \"" + ids + "\", are also passed on by an Identity or Dropout node to layers that take numbers, "
                            + "so they stay integers"
                    : "its indices are computed inside the model, not token ids given as input; an Embedding takes indices");
        }
        long[] s = table.shape();
        Layer layer = Layer.of("Embedding", "size", (int) s[1]).with("vocabulary", (int) s[0]);
        return Mapping.layer(layer, Map.of("weights", table), ids);
    }

    /**
     * The layer as a person would write it: parameters at their defaults left out, the same size
     * on every axis written once ([3, 3] → 3), a pooling stride equal to its kernel left out.
     */
    static Layer compact(Layer l) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : l.values().entrySet()) {
            Object value = e.getValue();
            ParamSpec spec = l.layerType().param(e.getKey());
            if (value instanceof List<?> list && !list.isEmpty() && spec != null
                    && (spec.kind() == ParamKind.INT_OR_LIST || spec.kind() == ParamKind.PADDING)
                    && list.stream().distinct().count() == 1) {
                value = list.get(0);
            }
            if (spec != null && value.equals(spec.defaultValue())) {
                continue;
            }
            v.put(e.getKey(), value);
        }
        if (l.type().equals("Pooling") && v.containsKey("stride") && v.get("stride").equals(v.get("kernel"))) {
            v.remove("stride");
        }
        return new Layer(l.type(), v, l.inputCount());
    }
}
