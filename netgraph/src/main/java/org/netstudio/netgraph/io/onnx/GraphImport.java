package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.netstudio.netgraph.catalog.OnnxInputs;
import org.netstudio.netgraph.catalog.OnnxTypeText;
import org.netstudio.netgraph.catalog.ParamKind;
import org.netstudio.netgraph.catalog.ParamSpec;
import org.netstudio.netgraph.catalog.PortRequirement;
import org.netstudio.netgraph.catalog.ShapeRule;
import org.netstudio.netgraph.io.NetNames;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** One import of one model: walks the ONNX graph in order and builds the net. Not reusable. */
final class GraphImport implements OperatorMappings.Context {

    private final ModelProto model;
    private final GraphProto graph;
    private final String source;
    private final long opset;

    private final Map<String, OnnxTensors.Constant> constants = new HashMap<>();
    private final Map<String, ValueInfo> infos = new HashMap<>();
    private final Map<String, PortRef> sources = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    /** Values computed by a Linear made from a MatMul, which a following Add may give a bias. */
    private final Map<String, String> biasless = new HashMap<>();

    private final Map<String, PortDecl> inputs = new LinkedHashMap<>();
    private final Map<String, NetNode> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, PortDecl> outputs = new LinkedHashMap<>();
    private final Map<String, WeightArray> weights = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final List<ImportReport.Entry> report = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    GraphImport(ModelProto model, String source) {
        this.model = model;
        this.graph = model.getGraph();
        this.source = source;
        long v = 0;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                v = o.getVersion();
            }
        }
        this.opset = v == 0 ? 13 : v;
    }

    OnnxImport run() {
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), OnnxTensors.decode(t));
        }
        for (ValueInfoProto v : graph.getValueInfoList()) {
            infos.put(v.getName(), info(v.getType()));
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            infos.put(v.getName(), info(v.getType()));
        }
        for (NodeProto n : graph.getNodeList()) {
            for (String i : n.getInputList()) {
                consumers.merge(i, 1, Integer::sum);
            }
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            consumers.merge(v.getName(), 1, Integer::sum);
        }
        for (ValueInfoProto v : graph.getInputList()) {
            if (constants.containsKey(v.getName())) {
                continue;
            }
            ValueInfo info = info(v.getType());
            infos.put(v.getName(), info);
            String name = uniqueName(v.getName(), "input");
            inputs.put(name, PortDecl.of(info.type()));
            sources.put(v.getName(), PortRef.graphPort(name));
        }
        for (NodeProto n : graph.getNodeList()) {
            importNode(new OnnxNode(n));
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            PortRef from = sources.get(v.getName());
            if (from == null) {
                notes.add("output \"" + v.getName() + "\" is " + (constants.containsKey(v.getName()) ? "a constant" : "not computed by any node")
                        + "; it was left out");
                continue;
            }
            String name = uniqueName(v.getName(), "output");
            outputs.put(name, PortDecl.UNSPECIFIED);
            edges.add(new Edge(from, PortRef.graphPort(name)));
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("none of the model's outputs is computed from its inputs");
        }
        NetNode net = asChain().<NetNode>map(c -> c).orElseGet(() -> new Graph(inputs, nodes, edges, outputs));
        String docName = graph.getName().isBlank() ? baseName(source) : graph.getName();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("source", "onnx");
        if (!model.getProducerName().isEmpty()) {
            meta.put("producer", model.getProducerName());
        }
        return new OnnxImport(new NetDocument(docName, net, null), Weights.of(weights.values(), meta),
                new ImportReport(report, notes));
    }

    private static String baseName(String source) {
        String n = source.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        return n.toLowerCase(Locale.ROOT).endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
    }

    // ---- one node ----

    private void importNode(OnnxNode n) {
        NodeProto p = n.proto();
        if (p.getOpType().equals("Constant") && (p.getDomain().isEmpty() || p.getDomain().equals("ai.onnx"))) {
            OnnxTensors.Constant c = constantOf(n);
            if (c != null && p.getOutputCount() == 1) {
                constants.put(p.getOutput(0), c);
                report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.FOLDED, "", "", ""));
                return;
            }
        }
        if (foldBias(n)) {
            return;
        }
        Mapping m;
        try {
            m = OperatorMappings.map(n, this);
        } catch (RuntimeException e) {
            m = new Mapping.Opaque(String.valueOf(e.getMessage()));
        }
        if (m instanceof Mapping.Layers l) {
            Mapping.Opaque refused = addLayers(n, l);
            if (refused == null) {
                return;
            }
            m = refused;
        }
        if (m instanceof Mapping.Alias a) {
            String out = p.getOutput(0);
            if (constants.containsKey(a.input())) {
                constants.put(out, constants.get(a.input()));
            } else if (sources.containsKey(a.input())) {
                sources.put(out, sources.get(a.input()));
                infos.put(out, info(a.input()));
            }
            report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.DROPPED, "", "", a.reason()));
            return;
        }
        addOpaque(n, ((Mapping.Opaque) m).reason());
    }

    /** The value of a Constant node, or null when it is not one NetStudio reads. */
    private static OnnxTensors.Constant constantOf(OnnxNode n) {
        AttributeProto a = n.proto().getAttributeCount() == 1 ? n.proto().getAttribute(0) : null;
        if (a == null) {
            return null;
        }
        try {
            return switch (a.getName()) {
                case "value" -> OnnxTensors.decode(a.getT());
                case "value_float" -> new OnnxTensors.Constant(new long[0], new float[] {a.getF()}, null, TensorProto.DataType.FLOAT_VALUE);
                case "value_int" -> new OnnxTensors.Constant(new long[0], null, new long[] {a.getI()}, TensorProto.DataType.INT64_VALUE);
                case "value_floats" -> {
                    float[] f = new float[a.getFloatsCount()];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = a.getFloats(i);
                    }
                    yield new OnnxTensors.Constant(new long[] {f.length}, f, null, TensorProto.DataType.FLOAT_VALUE);
                }
                case "value_ints" -> {
                    long[] l = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                    yield new OnnxTensors.Constant(new long[] {l.length}, null, l, TensorProto.DataType.INT64_VALUE);
                }
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A MatMul followed by the Add of a constant vector is one Linear with a bias. */
    private boolean foldBias(OnnxNode n) {
        NodeProto p = n.proto();
        if (!p.getOpType().equals("Add") || p.getInputCount() != 2 || p.getOutputCount() != 1) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            String x = p.getInput(side);
            String b = p.getInput(1 - side);
            String linear = biasless.get(x);
            if (linear == null || !constants.containsKey(b) || consumers.getOrDefault(x, 0) != 1) {
                continue;
            }
            Layer l = (Layer) nodes.get(linear);
            OnnxTensors.Constant bias = constants.get(b);
            int units = l.params().getInt("units");
            if (!bias.isReal() || bias.count() != units || bias.shape().length != 1) {
                continue;
            }
            nodes.put(linear, compact(l.with("bias", true)));
            putArray(linear, "biases", new long[] {units}, bias);
            sources.put(p.getOutput(0), sources.get(x));
            infos.put(p.getOutput(0), info(x));
            biasless.remove(x);
            report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.MAPPED, linear, "Linear",
                    "the bias of " + linear));
            return true;
        }
        return false;
    }

    /** Adds the layers of a mapping, or returns why it stays opaque (a shape rule refused it). */
    private Mapping.Opaque addLayers(OnnxNode n, Mapping.Layers m) {
        List<TensorType> types = new ArrayList<>();
        for (String v : m.inputs()) {
            types.add(info(v).type());
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
            String name = uniqueName(k == 0 ? n.label() : n.label() + "_" + s.layer().typeName().toLowerCase(Locale.ROOT),
                    s.layer().typeName().toLowerCase(Locale.ROOT));
            nodes.put(name, s.layer());
            List<String> ports = s.layer().inputNames();
            if (k == 0) {
                first = name;
                for (int i = 0; i < m.inputs().size(); i++) {
                    edges.add(new Edge(sources.get(m.inputs().get(i)), PortRef.of(name, ports.get(i))));
                }
            } else {
                edges.add(new Edge(prev, PortRef.of(name, ports.get(0))));
            }
            for (Map.Entry<String, OnnxTensors.Constant> a : s.arrays().entrySet()) {
                putArray(name, a.getKey(), a.getValue().shape(), a.getValue());
            }
            prev = PortRef.of(name, "Output");
        }
        String out = n.proto().getOutput(0);
        sources.put(out, prev);
        infos.put(out, new ValueInfo(outs.get(0), TensorProto.DataType.FLOAT_VALUE));
        if (n.proto().getOpType().equals("MatMul")) {
            biasless.put(out, first);
        }
        report.add(new ImportReport.Entry(n.label(), n.proto().getOpType(), ImportReport.Outcome.MAPPED, first,
                m.steps().get(0).layer().typeName(), m.steps().size() > 1 ? "with a Reshape that keeps ONNX's size-1 axes" : ""));
        return null;
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

    private void addOpaque(OnnxNode n, String reason) {
        NodeProto p = n.proto();
        List<OnnxInputs.Entry> entries = new ArrayList<>();
        List<String> wired = new ArrayList<>();
        Map<String, OnnxTensors.Constant> arrays = new LinkedHashMap<>();
        for (int i = 0; i < p.getInputCount(); i++) {
            String v = p.getInput(i);
            if (v.isEmpty()) {
                entries.add(new OnnxInputs.Entry(OnnxInputs.Kind.NONE, "", new long[0]));
            } else if (constants.containsKey(v)) {
                OnnxTensors.Constant c = constants.get(v);
                entries.add(new OnnxInputs.Entry(OnnxInputs.Kind.ARRAY, c.typeName(), c.shape()));
                arrays.put("array" + (i + 1), c);
            } else if (sources.containsKey(v)) {
                entries.add(new OnnxInputs.Entry(OnnxInputs.Kind.WIRE, typeWord(info(v).elementType()), new long[0]));
                wired.add(v);
            } else {
                throw new IllegalArgumentException("node \"" + n.label() + "\" (" + p.getOpType() + ") reads \"" + v
                        + "\", which no input, constant or earlier node gives");
            }
        }
        if (wired.isEmpty() && !graph.getInputList().isEmpty() && sources.containsKey(graph.getInput(0).getName())) {
            // A port takes at least one wire: the net's first input places the node without feeding it.
            entries.add(new OnnxInputs.Entry(OnnxInputs.Kind.ORDER, "", new long[0]));
            wired.add(graph.getInput(0).getName());
        }
        List<TensorType> outTypes = new ArrayList<>();
        for (int k = 0; k < Math.max(1, p.getOutputCount()); k++) {
            String v = k < p.getOutputCount() ? p.getOutput(k) : "";
            ValueInfo declared = infos.get(v);
            ValueInfo vi = declared != null && declared.type().rankKnown() ? declared : guess(n, declared);
            infos.put(v, vi);
            outTypes.add(vi.type());
        }
        // One node per output that is used (the first always): each gives one output of the ONNX node.
        List<Integer> used = new ArrayList<>(List.of(0));
        for (int k = 1; k < p.getOutputCount(); k++) {
            if (!p.getOutput(k).isEmpty() && consumers.containsKey(p.getOutput(k))) {
                used.add(k);
            }
        }
        String first = null;
        for (int k : used) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("op", n.op());
            String attrs = n.attributesText();
            if (!attrs.isBlank()) {
                values.put("attributes", attrs);
            }
            if (!entries.isEmpty()) {
                values.put("inputs", OnnxInputs.format(entries));
            }
            values.put("outputs", OnnxTypeText.format(outTypes.get(k)));
            if (k > 0) {
                values.put("output", k + 1);
            }
            values.put("node", Base64.getEncoder().encodeToString(p.toByteArray()));
            values.put("opset", (int) domainOpset(p.getDomain()));
            Layer layer = new Layer("OnnxOperator", values, wired.size());
            String name = uniqueName(k == 0 ? n.label() : n.label() + "_output" + (k + 1), p.getOpType().toLowerCase(Locale.ROOT));
            first = first == null ? name : first;
            nodes.put(name, layer);
            List<String> ports = layer.inputNames();
            for (int i = 0; i < wired.size(); i++) {
                edges.add(new Edge(sources.get(wired.get(i)), PortRef.of(name, ports.get(i))));
            }
            for (Map.Entry<String, OnnxTensors.Constant> a : arrays.entrySet()) {
                putArray(name, a.getKey(), a.getValue().shape(), a.getValue());
            }
            if (k < p.getOutputCount()) {
                sources.put(p.getOutput(k), PortRef.of(name, "Output"));
            }
        }
        String name = first;
        report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.OPAQUE, name, "OnnxOperator", reason));
    }

    private long domainOpset(String domain) {
        if (domain.isEmpty() || domain.equals("ai.onnx")) {
            return opset;
        }
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().equals(domain)) {
                return Math.max(1, o.getVersion());
            }
        }
        return 1;
    }

    /** The element type of an opaque node's output when the model does not declare it. */
    private ValueInfo guess(OnnxNode n, ValueInfo declared) {
        int elem = declared == null ? 0 : declared.elementType();
        if (elem == 0) {
            elem = switch (n.proto().getOpType()) {
                case "Shape", "Size", "ArgMax", "ArgMin", "NonZero" -> TensorProto.DataType.INT64_VALUE;
                case "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf" ->
                        TensorProto.DataType.BOOL_VALUE;
                case "Cast" -> (int) n.i("to", 0);
                case "Where" -> firstElementType(n, 1);
                default -> firstElementType(n, 0);
            };
        }
        List<Dim> dims = OpaqueShapes.dims(n, this);
        return new ValueInfo(new TensorType(kindOf(elem), dims), elem);
    }

    private int firstElementType(OnnxNode n, int from) {
        for (int i = from; i < n.proto().getInputCount(); i++) {
            String v = n.proto().getInput(i);
            if (constants.containsKey(v)) {
                return constants.get(v).dataType();
            }
            if (infos.containsKey(v) && infos.get(v).elementType() != 0) {
                return infos.get(v).elementType();
            }
        }
        return 0;
    }

    private static String typeWord(int elementType) {
        return elementType == 0 ? "" : OnnxTensors.Constant.typeName(elementType);
    }

    private void putArray(String node, String array, long[] shape, OnnxTensors.Constant c) {
        float[] values = c.floats();
        if (values == null) {
            values = new float[c.longs().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = c.longs()[i];
            }
        }
        String key = Weights.key(NodePath.of(node), array);
        weights.put(key, WeightArray.of(key, shape, values));
    }

    // ---- values ----

    @Override
    public boolean isConstant(String value) {
        return constants.containsKey(value);
    }

    @Override
    public OnnxTensors.Constant constant(String value) {
        return constants.get(value);
    }

    @Override
    public ValueInfo info(String value) {
        return infos.getOrDefault(value, ValueInfo.UNKNOWN);
    }

    @Override
    public long opset() {
        return opset;
    }

    /** The per-example type of an ONNX type: the first (batch) axis dropped. */
    private static ValueInfo info(TypeProto t) {
        if (!t.hasTensorType()) {
            return ValueInfo.UNKNOWN;
        }
        TypeProto.Tensor tt = t.getTensorType();
        int elem = tt.getElemType();
        ElementKind kind = kindOf(elem);
        if (!tt.hasShape()) {
            return new ValueInfo(new TensorType(kind, null), elem);
        }
        List<Dim> dims = new ArrayList<>();
        List<TensorShapeProto.Dimension> ds = tt.getShape().getDimList();
        for (int i = 1; i < ds.size(); i++) {
            TensorShapeProto.Dimension d = ds.get(i);
            if (d.hasDimValue() && d.getDimValue() >= 0 && d.getDimValue() <= Integer.MAX_VALUE) {
                dims.add(Dim.of((int) d.getDimValue()));
            } else if (d.hasDimParam() && !d.getDimParam().isBlank()) {
                dims.add(Dim.symbolic(symbol(d.getDimParam())));
            } else {
                dims.add(Dim.UNKNOWN);
            }
        }
        return new ValueInfo(new TensorType(kind, ds.isEmpty() ? List.of() : dims), elem);
    }

    private static String symbol(String param) {
        String s = param.strip().replaceAll("[^A-Za-z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "n" + s : s;
    }

    private static ElementKind kindOf(int elem) {
        if (elem == 0) {
            return ElementKind.ANY;
        }
        return OnnxTensors.isRealType(elem) ? ElementKind.REAL
                : elem == TensorProto.DataType.STRING_VALUE ? ElementKind.ANY : ElementKind.INTEGER;
    }

    // ---- names and shape of the net ----

    private String uniqueName(String wanted, String fallback) {
        String base = wanted == null ? "" : wanted.strip();
        while (base.startsWith("/")) {
            base = base.substring(1);
        }
        base = base.replace('.', '_').replace('/', '_');
        while (base.startsWith("$") || base.startsWith("_") && base.length() > 1 && base.charAt(1) == '_') {
            base = base.substring(1);
        }
        base = base.chars().anyMatch(Character::isISOControl) ? "" : base.strip();
        if (base.length() > 180) {
            base = base.substring(base.length() - 180);
        }
        if (base.isEmpty() || !NetNames.isValid(base)) {
            base = fallback;
        }
        String name = base;
        for (int k = 2; !names.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    /** The net as a Chain when it is one line from its single input to its single output. */
    private java.util.Optional<Chain> asChain() {
        if (inputs.size() != 1 || outputs.size() != 1 || nodes.isEmpty() || edges.size() != nodes.size() + 1) {
            return java.util.Optional.empty();
        }
        PortRef expected = PortRef.graphPort(inputs.keySet().iterator().next());
        List<String> order = new ArrayList<>(nodes.keySet());
        Map<PortRef, PortRef> into = new HashMap<>();
        for (Edge e : edges) {
            into.put(e.to(), e.from());
        }
        for (String name : order) {
            NetNode node = nodes.get(name);
            if (node.inputNames().size() != 1 || !expected.equals(into.get(PortRef.of(name, node.inputNames().get(0))))) {
                return java.util.Optional.empty();
            }
            expected = PortRef.of(name, "Output");
        }
        if (!expected.equals(into.get(PortRef.graphPort(outputs.keySet().iterator().next())))) {
            return java.util.Optional.empty();
        }
        List<NetNode> list = order.stream().map(nodes::get).toList();
        return java.util.Optional.of(Chain.named(inputs.values().iterator().next(), list, order, PortDecl.UNSPECIFIED));
    }
}
