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
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> readers = new HashMap<>();
    /** Uses of a value that no longer need it: zero initial states a recurrent layer starts from anyway. */
    private final Map<String, Integer> deadUses = new HashMap<>();
    /** The ONNX node of each opaque net node, to drop those that end up feeding nothing. */
    private final Map<String, NodeProto> opaqueNodes = new LinkedHashMap<>();
    /** The shape vectors the model computes (Shape and what follows it), for the shapes of opaque nodes. */
    private final ShapeValues shapes = new ShapeValues();

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
        ValueOrder.check(graph);
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
                readers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
            for (String o : n.getOutputList()) {
                producers.put(o, n);
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
            int range = EmbeddingLookups.indexRange(v.getName(), info.elementType(), readers.getOrDefault(v.getName(), List.of()),
                    constants::get);
            if (range > 0) {
                // Token ids looked up in embedding tables: indices, so the lookups can be Embedding layers.
                info = new ValueInfo(info.type().withKind(ElementKind.index(range)), info.elementType());
            }
            infos.put(v.getName(), info);
            String name = uniqueName(v.getName(), "input");
            inputs.put(name, PortDecl.of(info.type()));
            sources.put(v.getName(), PortRef.graphPort(name));
        }
        for (NodeProto n : graph.getNodeList()) {
            importNode(new OnnxNode(n));
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            materialize(v.getName());
        }
        dropDeadNodes();
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
        if (foldBias(n) || sequenceAxes(n)) {
            return;
        }
        if (p.getOpType().equals("LSTM") || p.getOpType().equals("GRU") || p.getOpType().equals("RNN")) {
            String refused = recurrent(n);
            if (refused == null) {
                return;
            }
            p.getInputList().forEach(this::materialize);
            addOpaque(n, refused);
            return;
        }
        p.getInputList().forEach(this::materialize);
        Mapping m;
        try {
            OnnxTensors.Constant table = EmbeddingLookups.table(p, constants::get);
            m = table != null ? embedding(p, table) : OperatorMappings.map(n, this);
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
                shapes.alias(out, a.input());
            }
            report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.DROPPED, "", "", a.reason()));
            return;
        }
        addOpaque(n, ((Mapping.Opaque) m).reason());
    }

    /** A Gather of a constant table by indices: the catalog Embedding when the indices are typed as indices. */
    private Mapping embedding(NodeProto p, OnnxTensors.Constant table) {
        String ids = p.getInput(1);
        if (!sources.containsKey(ids)) {
            return new Mapping.Opaque("its indices are not computed in the net");
        }
        if (!(info(ids).type().kind() instanceof ElementKind.Index)) {
            return new Mapping.Opaque(graph.getInputList().stream().anyMatch(v -> v.getName().equals(ids))
                    ? "its indices, input \"" + ids + "\", are also passed on by an Identity or Dropout node to layers that take numbers, "
                            + "so they stay integers"
                    : "its indices are computed inside the model, not token ids given as input; an Embedding takes indices");
        }
        long[] s = table.shape();
        Layer layer = Layer.of("Embedding", "size", (int) s[1]).with("vocabulary", (int) s[0]);
        return Mapping.layer(layer, Map.of("weights", table), ids);
    }

    // ---- recurrent layers and the time-major sequences around them ----

    /**
     * Follows the axis swaps around recurrent nodes without adding nodes: a Transpose swapping the
     * first two axes of a sequence (to time-major or back), and the Squeeze that drops the
     * direction axis of a recurrent node's outputs. False when the node is none of these.
     */
    private boolean sequenceAxes(OnnxNode n) {
        NodeProto p = n.proto();
        if (p.getOutputCount() != 1 || p.getInputCount() < 1) {
            return false;
        }
        String x = p.getInput(0);
        String out = p.getOutput(0);
        if (p.getOpType().equals("Transpose") && java.util.Arrays.equals(n.ints("perm"), new int[] {1, 0, 2})) {
            if (timeMajor.containsKey(x)) {
                alias(out, timeMajor.get(x));
                report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.DROPPED, "", "",
                        "puts a time-major sequence back in batch-first order"));
                return true;
            }
            if (sources.containsKey(x) && info(x).isReal()) {
                timeMajor.put(out, x);
                report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.DROPPED, "", "",
                        "makes a sequence time-major for a recurrent node, which reads it batch-first instead"));
                return true;
            }
            return false;
        }
        if (bidirectionalLast.containsKey(x) && directionTaken(p) >= 0) {
            int d = directionTaken(p);
            alias(out, bidirectionalLast.get(x).get(d));
            report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.DROPPED, "", "",
                    "takes the " + (d == 0 ? "forward" : "backward") + " direction's last state of a bidirectional recurrent node"));
            return true;
        }
        if (bidirectionalSequence.containsKey(x) && swapsDirectionAndBatch(p)) {
            bidirectionalInterleaved.put(out, bidirectionalSequence.get(x));
            report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.DROPPED, "", "",
                    "puts the batch axis of a bidirectional recurrent node's output before its direction axis"));
            return true;
        }
        if (bidirectionalInterleaved.containsKey(x) && joinsDirections(p)) {
            timeMajor.put(out, bidirectionalInterleaved.get(x));
            report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.DROPPED, "", "",
                    "joins the two directions of a bidirectional recurrent node on the last axis"));
            return true;
        }
        if (recurrentLast.containsKey(x) && takesOnlyDirection(p)) {
            alias(out, recurrentLast.get(x));
            report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.DROPPED, "", "",
                    "takes the one direction of a recurrent node's last state"));
            return true;
        }
        if (p.getOpType().equals("Squeeze") && (recurrentSequence.containsKey(x) || recurrentLast.containsKey(x))) {
            int[] axes = squeezeAxes(n);
            if (recurrentSequence.containsKey(x) && axes != null && axes.length == 1 && (axes[0] == 1 || axes[0] == -3)) {
                timeMajor.put(out, recurrentSequence.get(x));
            } else if (recurrentLast.containsKey(x) && axes != null && axes.length == 1 && (axes[0] == 0 || axes[0] == -3)) {
                alias(out, recurrentLast.get(x));
            } else {
                return false;
            }
            report.add(new ImportReport.Entry(n.label(), p.getOpType(), ImportReport.Outcome.DROPPED, "", "",
                    "drops the direction axis of a recurrent node's output"));
            return true;
        }
        return false;
    }

    private int[] squeezeAxes(OnnxNode n) {
        if (n.has("axes")) {
            return n.ints("axes");
        }
        NodeProto p = n.proto();
        if (p.getInputCount() < 2) {
            return null;
        }
        OnnxTensors.Constant c = constants.get(p.getInput(1));
        NodeProto producer = producers.get(p.getInput(1));
        if (c == null && producer != null && producer.getOpType().equals("Constant")) {
            // A recurrent node looks ahead at its readers, whose Constant axes may come later in the graph.
            c = constantOf(new OnnxNode(producer));
        }
        return c == null || c.isReal() ? null : java.util.Arrays.stream(c.longs()).mapToInt(Math::toIntExact).toArray();
    }

    private void alias(String value, String of) {
        sources.put(value, sources.get(of));
        infos.put(value, info(of));
    }

    /** Whether the Squeeze reading a recurrent output only drops its direction axis, {@code axis}. */
    private boolean squeezes(NodeProto reader, int axis) {
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
    private boolean takesOnlyDirection(NodeProto reader) {
        Long k = gatheredDirection(reader);
        return k != null && (k == 0 || k == -1);
    }

    /**
     * Which direction of a bidirectional Y_h a Gather takes ({@code h_n[-2]} or {@code h_n[0]} the
     * forward one, 0; {@code h_n[-1]} or {@code h_n[1]} the backward one, 1), or -1 when it is no such Gather.
     */
    private int directionTaken(NodeProto reader) {
        Long k = gatheredDirection(reader);
        return k == null ? -1 : k == 0 || k == -2 ? 0 : k == 1 || k == -1 ? 1 : -1;
    }

    /** The one index a Gather on the first axis takes, or null when it is not such a Gather. */
    private Long gatheredDirection(NodeProto reader) {
        if (!reader.getOpType().equals("Gather") || reader.getInputCount() != 2 || reader.getOutputCount() != 1
                || new OnnxNode(reader).i("axis", 0) != 0) {
            return null;
        }
        OnnxTensors.Constant k = constantInput(reader.getInput(1));
        return k != null && !k.isReal() && k.shape().length == 0 ? k.longs()[0] : null;
    }

    /** A constant value, or that of a Constant node, which may come later in the graph than a recurrent node looking ahead. */
    private OnnxTensors.Constant constantInput(String value) {
        OnnxTensors.Constant k = constants.get(value);
        NodeProto producer = producers.get(value);
        if (k == null && producer != null && producer.getOpType().equals("Constant")) {
            k = constantOf(new OnnxNode(producer));
        }
        return k;
    }

    /** A Transpose of a bidirectional Y to {@code [n, batch, 2, units]}, as PyTorch exports before joining the directions. */
    private static boolean swapsDirectionAndBatch(NodeProto reader) {
        return reader.getOpType().equals("Transpose") && reader.getOutputCount() == 1
                && java.util.Arrays.equals(new OnnxNode(reader).ints("perm"), new int[] {0, 2, 1, 3});
    }

    /** A Reshape of {@code [n, batch, 2, units]} to {@code [n, batch, 2·units]} (shape {@code [0, 0, -1]}). */
    private boolean joinsDirections(NodeProto reader) {
        if (!reader.getOpType().equals("Reshape") || reader.getInputCount() != 2 || reader.getOutputCount() != 1
                || new OnnxNode(reader).i("allowzero", 0) != 0) {
            return false;
        }
        OnnxTensors.Constant shape = constantInput(reader.getInput(1));
        return shape != null && !shape.isReal() && shape.longs().length == 3 && shape.longs()[0] == 0 && shape.longs()[1] == 0
                && shape.longs()[2] == -1;
    }

    /** Whether every reader of a bidirectional Y swaps its axes and joins its directions, as PyTorch exports. */
    private boolean directionsJoined(NodeProto reader) {
        if (!swapsDirectionAndBatch(reader)) {
            return false;
        }
        List<NodeProto> next = readers.getOrDefault(reader.getOutput(0), List.of());
        return !next.isEmpty() && !graphOutput(reader.getOutput(0)) && next.stream().allMatch(this::joinsDirections);
    }

    /**
     * Maps an LSTM, GRU or RNN node that reads a batch-first sequence: either one transposed to
     * time-major inside the model, whose outputs are then read only with their direction axis
     * dropped (or, bidirectional, with the directions joined on the last axis and each last state
     * taken apart), or one given as is with layout=1. Its sequence Y and last state Y_h become the
     * layer's outputs (a SequenceLast gives Y_h when both are read). A reverse or bidirectional
     * node becomes a {@link RecurrentDirections} graph. Returns why not, or null.
     */
    private String recurrent(OnnxNode n) {
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
        if (!batchwise && !timeMajor.containsKey(x)) {
            return "its input is time-major, [sequence, batch, features], and NetStudio takes the first axis for the batch; "
                    + "only a sequence transposed from batch-first inside the model can be read";
        }
        if (batchwise && (!sources.containsKey(x) || !info(x).isReal())) {
            return "its input is not a sequence computed in the net";
        }
        String y = p.getOutputCount() > 0 ? p.getOutput(0) : "";
        String yh = p.getOutputCount() > 1 ? p.getOutput(1) : "";
        boolean sequenceRead = !y.isEmpty() && consumers.containsKey(y);
        boolean lastRead = !yh.isEmpty() && consumers.containsKey(yh);
        for (int k = 2; k < p.getOutputCount(); k++) {
            if (!p.getOutput(k).isEmpty() && consumers.containsKey(p.getOutput(k))) {
                return "its last cell state Y_c is used";
            }
        }
        if (!sequenceRead && !lastRead) {
            return "none of its outputs is used";
        }
        if (!batchwise && directions == 1) {
            if (sequenceRead && (graphOutput(y) || !readers.get(y).stream().allMatch(r -> squeezes(r, 1)))) {
                return "its output Y is used other than with its direction axis dropped";
            }
            if (lastRead && (graphOutput(yh) || !readers.get(yh).stream().allMatch(r -> squeezes(r, 0)))) {
                return "its output Y_h is used other than with its direction axis dropped";
            }
        }
        if (!batchwise && directions == 2) {
            if (sequenceRead && (graphOutput(y) || !readers.get(y).stream().allMatch(this::directionsJoined))) {
                return "its output Y is used other than with its two directions joined on the last axis, as PyTorch exports it";
            }
            if (lastRead && (graphOutput(yh) || !readers.get(yh).stream().allMatch(r -> directionTaken(r) >= 0))) {
                return "its output Y_h is used other than by taking one direction's last state";
            }
        }
        String batchFirst = batchwise ? x : timeMajor.get(x);
        List<Mapping.Step> layers = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            Mapping m;
            try {
                m = RecurrentMappings.map(n, this, batchFirst, sequenceRead, this::isZeroState, d);
            } catch (RuntimeException e) {
                return String.valueOf(e.getMessage());
            }
            if (m instanceof Mapping.Opaque o) {
                return o.reason();
            }
            layers.add(((Mapping.Layers) m).steps().get(0));
        }
        int units = layers.get(0).layer().params().getInt("units");
        String layerOut = (y.isEmpty() ? yh : y) + " (batch first)";
        List<String> lasts = new ArrayList<>();
        if (directions == 1 && !reverse) {
            Mapping.Opaque refused = addLayers(withOutput(n, "", layerOut), new Mapping.Layers(layers, List.of(batchFirst)));
            if (refused != null) {
                return refused.reason();
            }
            if (lastRead && sequenceRead) {
                lasts.add(yh + " (last step)");
                addLayers(withOutput(n, "_Y_h", lasts.get(0)), (Mapping.Layers) Mapping.layer(Layer.of("SequenceLast"), layerOut));
            } else if (lastRead) {
                lasts.add(layerOut);
            }
        } else {
            String refused = addDirections(n, layers, reverse, batchFirst, sequenceRead ? layerOut : null, lastRead ? yh : null, lasts);
            if (refused != null) {
                return refused;
            }
        }
        if (sequenceRead) {
            if (batchwise) {
                // Y is [batch, n, directions, units]: the direction axis stays.
                addLayers(withOutput(n, "_Y", y), (Mapping.Layers) Mapping.layer(Layer.of("Reshape", "shape", List.of(-1, directions, units)),
                        layerOut));
            } else if (directions == 1) {
                recurrentSequence.put(y, layerOut);
            } else {
                bidirectionalSequence.put(y, layerOut);
            }
        }
        if (lastRead) {
            if (batchwise && directions == 1) {
                addLayers(withOutput(n, "_Y_h_axes", yh), (Mapping.Layers) Mapping.layer(Layer.of("Reshape", "shape", List.of(1, units)),
                        lasts.get(0)));
            } else if (batchwise) {
                // Y_h is [batch, 2, units]: both last states, forward first.
                addLayers(withOutput(n, "_Y_h_axes", yh), new Mapping.Layers(List.of(
                        new Mapping.Step(new Layer("Catenate", Map.of(), 2), Map.of()),
                        new Mapping.Step(Layer.of("Reshape", "shape", List.of(2, units)), Map.of())), lasts));
            } else if (directions == 1) {
                recurrentLast.put(yh, lasts.get(0));
            } else {
                bidirectionalLast.put(yh, lasts);
            }
        }
        for (int i = 5; i < Math.min(7, p.getInputCount()); i++) {
            if (!p.getInput(i).isEmpty()) {
                deadUses.merge(p.getInput(i), 1, Integer::sum);
            }
        }
        return null;
    }

    /**
     * Adds a reverse or bidirectional node as one {@link RecurrentDirections} graph reading
     * {@code x}: its joined sequence becomes value {@code sequence} (when not null), each
     * direction's last state a value named after {@code last}, added to {@code lasts}. Returns why not, or null.
     */
    private String addDirections(OnnxNode n, List<Mapping.Step> layers, boolean reverse, String x, String sequence, String last,
            List<String> lasts) {
        TensorType in = info(x).type();
        for (Mapping.Step s : layers) {
            Layer l = compact(s.layer());
            if (l.layerType().inputSpec("Input").requirement().check(in) instanceof PortRequirement.Mismatch mismatch) {
                return l.typeName() + " would not fit: its input " + mismatch.reason();
            }
            if (l.layerType().shapeRule().infer(l.params(), List.of(in)) instanceof ShapeRule.Rejected r) {
                return l.typeName() + " would not fit: " + r.message();
            }
        }
        RecurrentDirections block = RecurrentDirections.of(layers.stream().map(s -> compact(s.layer())).toList(), reverse,
                sequence != null, last != null);
        String name = uniqueName(n.label(), n.op().toLowerCase(Locale.ROOT));
        nodes.put(name, block.graph());
        edges.add(new Edge(sources.get(x), PortRef.of(name, RecurrentDirections.INPUT)));
        for (int d = 0; d < layers.size(); d++) {
            for (Map.Entry<String, OnnxTensors.Constant> a : layers.get(d).arrays().entrySet()) {
                putArray(NodePath.of(name, block.layerNames().get(d)), a.getKey(), a.getValue().shape(), a.getValue());
            }
        }
        int units = layers.get(0).layer().params().getInt("units");
        if (sequence != null) {
            sources.put(sequence, PortRef.of(name, RecurrentDirections.SEQUENCE));
            Dim steps = in.rankKnown() ? in.dim(0) : Dim.UNKNOWN;
            infos.put(sequence, new ValueInfo(TensorType.real(List.of(steps, Dim.of(layers.size() * units))), TensorProto.DataType.FLOAT_VALUE));
        }
        if (last != null) {
            for (int d = 0; d < layers.size(); d++) {
                String v = last + " (" + block.stateNames().get(d) + ")";
                sources.put(v, PortRef.of(name, block.stateNames().get(d)));
                infos.put(v, new ValueInfo(TensorType.real(List.of(Dim.of(units))), TensorProto.DataType.FLOAT_VALUE));
                lasts.add(v);
            }
        }
        report.add(new ImportReport.Entry(n.label(), n.op(), ImportReport.Outcome.MAPPED, name, n.op(), layers.size() == 2
                ? "bidirectional: a graph of two " + n.op() + " layers, one reading the sequence reversed, their outputs joined"
                : "reverse: a graph reading the sequence reversed with a " + n.op() + " layer"));
        return null;
    }

    /** The node as one that gives only {@code output}, named with a suffix: one of the layers it maps to. */
    private static OnnxNode withOutput(OnnxNode n, String suffix, String output) {
        return new OnnxNode(n.proto().toBuilder().setName(n.label() + suffix).clearOutput().addOutput(output).build());
    }

    private boolean graphOutput(String value) {
        return graph.getOutputList().stream().anyMatch(v -> v.getName().equals(value));
    }

    /** Absent, a constant of zeros, or a ConstantOfShape of zero (PyTorch's zero state sized to the batch). */
    private boolean isZeroState(String value) {
        if (value.isEmpty()) {
            return true;
        }
        if (constants.containsKey(value)) {
            OnnxTensors.Constant c = constants.get(value);
            for (int i = 0; i < c.count(); i++) {
                if (c.value(i) != 0) {
                    return false;
                }
            }
            return true;
        }
        NodeProto p = producers.get(value);
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

    /** Gives a time-major value a node (an opaque Transpose) when something other than a recurrent node reads it. */
    private void materialize(String value) {
        String from = timeMajor.get(value);
        if (from == null || sources.containsKey(value)) {
            return;
        }
        NodeProto t = NodeProto.newBuilder().setOpType("Transpose").setName(value).addInput(from).addOutput(value)
                .addAttribute(AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS)
                        .addInts(1).addInts(0).addInts(2)).build();
        addOpaque(new OnnxNode(t), "it swaps the batch axis with the sequence axis");
    }

    /**
     * Removes opaque nodes that feed nothing because what they computed was only a zero initial
     * state, and the nodes feeding only those, and reports them dropped.
     */
    private void dropDeadNodes() {
        if (deadUses.isEmpty()) {
            return;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, NodeProto> e : new ArrayList<>(opaqueNodes.entrySet())) {
                String name = e.getKey();
                NodeProto p = e.getValue();
                boolean feeds = edges.stream().anyMatch(ed -> name.equals(ed.from().node()));
                boolean read = p.getOutputList().stream()
                        .anyMatch(o -> !o.isEmpty() && consumers.getOrDefault(o, 0) > deadUses.getOrDefault(o, 0));
                if (feeds || read) {
                    continue;
                }
                nodes.remove(name);
                opaqueNodes.remove(name);
                edges.removeIf(ed -> name.equals(ed.to().node()));
                weights.keySet().removeIf(k -> k.startsWith(Weights.key(NodePath.of(name), "")));
                p.getInputList().forEach(v -> deadUses.merge(v, 1, Integer::sum));
                report.replaceAll(r -> name.equals(r.node()) && r.outcome() == ImportReport.Outcome.OPAQUE
                        ? new ImportReport.Entry(r.onnxName(), r.opType(), ImportReport.Outcome.DROPPED, "", "",
                                "it only computes the zero initial state of a recurrent layer")
                        : r);
                changed = true;
            }
        }
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
        // A shape vector has no batch axis, so a declared type (read as batch first) would be wrong for it.
        ShapeValues.Value shapeValue = shapes.track(n, this);
        for (int k = 0; k < Math.max(1, p.getOutputCount()); k++) {
            String v = k < p.getOutputCount() ? p.getOutput(k) : "";
            ValueInfo declared = infos.get(v);
            ValueInfo vi = shapeValue != null ? guess(n, declared, k, shapeValue)
                    : declared != null && declared.type().rankKnown()
                            ? graphOutput(v) ? outputType(v, declared, guess(n, declared, k, null))
                                    : refined(declared, guess(n, declared, k, null))
                    : guess(n, declared, k, null);
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
            opaqueNodes.put(name, p);
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
        List<Dim> dims = shapeValue != null ? shapeValue.dims() : OpaqueShapes.dims(n, this, shapes, output);
        return new ValueInfo(new TensorType(kindOf(elem), dims), elem);
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
            notes.add("output \"" + value + "\" is declared " + declared.type().shapeText() + " but its operators give "
                    + guessed.type().shapeText() + "; the declared shape was kept");
            return declared;
        }
        Set<String> inputNames = inputSymbols();
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

    /** The names of the dynamic axes of the model's inputs, as the net's input ports read them ("n"). */
    private Set<String> inputSymbols() {
        Set<String> symbols = new HashSet<>();
        for (PortDecl p : inputs.values()) {
            if (p.type() != null && p.type().rankKnown()) {
                p.type().dims().stream().filter(x -> x instanceof Dim.Symbolic).forEach(x -> symbols.add(((Dim.Symbolic) x).name()));
            }
        }
        return symbols;
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
        putArray(NodePath.of(node), array, shape, c);
    }

    private void putArray(NodePath node, String array, long[] shape, OnnxTensors.Constant c) {
        float[] values = c.floats();
        if (values == null) {
            values = new float[c.longs().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = c.longs()[i];
            }
        }
        String key = Weights.key(node, array);
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
                // Some exporters name every dynamic axis after the batch ([batch, batch] token ids):
                // a per-example length is not the batch size, so it gets a name of its own.
                boolean batchName = ds.get(0).hasDimParam() && ds.get(0).getDimParam().equals(d.getDimParam());
                dims.add(Dim.symbolic(batchName ? "n" : symbol(d.getDimParam())));
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
