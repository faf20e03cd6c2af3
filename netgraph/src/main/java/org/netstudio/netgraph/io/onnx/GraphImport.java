package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.ElementKind;

/**
 * One import of one model: reads the graph's values, walks its nodes in order and hands each to
 * the part that knows its kind — a Constant is folded, a bias or an axis swap is followed
 * ({@link LayerNodes}, {@link SequenceAxes}), a recurrent node is mapped by {@link RecurrentImport},
 * any other by the operator mappings into catalog layers ({@link LayerNodes}) or else kept as it is
 * ({@link OpaqueNodes}) — then gives the net its outputs. Not reusable.
 */
final class GraphImport extends ImportPart {

    private final String source;
    private final LayerNodes layers;
    private final OpaqueNodes opaque;
    private final SequenceAxes axes;
    private final RecurrentImport recurrent;

    GraphImport(ModelProto original, String source) {
        this(shared(original), source);
    }

    private GraphImport(ImportParts parts, String source) {
        super(parts);
        this.source = source;
        this.layers = new LayerNodes(parts);
        this.opaque = new OpaqueNodes(parts);
        RecurrentReaders readers = new RecurrentReaders(model, values);
        this.axes = new SequenceAxes(values, log, readers, opaque);
        this.recurrent = new RecurrentImport(parts, layers, opaque, axes, readers);
    }

    /** What the parts of an import of {@code original} share, its written-out layers folded first. */
    private static ImportParts shared(ModelProto original) {
        ImportLog log = new ImportLog();
        ModelGraph model = new ModelGraph(WrittenOutLayers.fold(original, log));
        return new ImportParts(model, new ImportedValues(model), new NetAssembly(), log);
    }

    OnnxImport run() {
        GraphProto graph = model.graph();
        ValueOrder.check(graph);
        for (TensorProto t : graph.getInitializerList()) {
            values.putConstant(t.getName(), OnnxTensors.decode(t));
        }
        for (ValueInfoProto v : graph.getValueInfoList()) {
            values.putInfo(v.getName(), ValueInfo.of(v.getType()));
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            values.putInfo(v.getName(), ValueInfo.of(v.getType()));
        }
        for (ValueInfoProto v : graph.getInputList()) {
            if (!values.isConstant(v.getName())) {
                addInput(v);
            }
        }
        for (NodeProto n : graph.getNodeList()) {
            importNode(new OnnxNode(n));
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            axes.materialize(v.getName());
        }
        opaque.dropDead();
        for (ValueInfoProto v : graph.getOutputList()) {
            PortRef from = values.source(v.getName());
            if (from == null) {
                log.note("output \"" + v.getName() + "\" is " + (values.isConstant(v.getName()) ? "a constant" : "not computed by any node")
                        + "; it was left out");
                continue;
            }
            net.addOutput(v.getName(), from);
        }
        if (!net.hasOutputs()) {
            throw new IllegalArgumentException("none of the model's outputs is computed from its inputs");
        }
        NetNode result = net.net();
        String docName = graph.getName().isBlank() ? baseName(source) : graph.getName();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("source", "onnx");
        if (!model.producerName().isEmpty()) {
            meta.put("producer", model.producerName());
        }
        return new OnnxImport(new NetDocument(docName, result, null), Weights.of(net.arrays(), meta), log.report());
    }

    /** A model input becomes an input port of the net; token ids looked up in embedding tables are typed as indices. */
    private void addInput(ValueInfoProto v) {
        ValueInfo info = ValueInfo.of(v.getType());
        int range = EmbeddingLookups.indexRange(v.getName(), info.elementType(), model.readers(v.getName()), values::constant);
        if (range > 0) {
            // Token ids looked up in embedding tables: indices, so the lookups can be Embedding layers.
            info = new ValueInfo(info.type().withKind(ElementKind.index(range)), info.elementType());
        }
        values.putInfo(v.getName(), info);
        String name = net.addInput(v.getName(), PortDecl.of(info.type()));
        values.putSource(v.getName(), PortRef.graphPort(name));
    }

    private static String baseName(String source) {
        String n = source.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        return n.toLowerCase(Locale.ROOT).endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
    }

    private void importNode(OnnxNode n) {
        NodeProto p = n.proto();
        if (p.getOpType().equals("Constant") && (p.getDomain().isEmpty() || p.getDomain().equals("ai.onnx"))) {
            OnnxTensors.Constant c = ModelGraph.constantOf(n);
            if (c != null && p.getOutputCount() == 1) {
                values.putConstant(p.getOutput(0), c);
                log.folded(n);
                return;
            }
        }
        if (layers.foldBias(n) || axes.follow(n)) {
            return;
        }
        if (p.getOpType().equals("LSTM") || p.getOpType().equals("GRU") || p.getOpType().equals("RNN")) {
            String refused = recurrent.map(n);
            if (refused == null) {
                return;
            }
            p.getInputList().forEach(axes::materialize);
            opaque.add(n, refused);
            return;
        }
        p.getInputList().forEach(axes::materialize);
        Mapping m;
        try {
            OnnxTensors.Constant table = EmbeddingLookups.table(p, values::constant);
            m = table != null ? layers.embedding(p, table)
                    : WrittenOutAttention.isFused(p) ? WrittenOutAttention.layer(n)
                    : SequencePositions.isFused(p) ? SequencePositions.layer(n) : OperatorMappings.map(n, values);
        } catch (RuntimeException e) {
            m = new Mapping.Opaque(String.valueOf(e.getMessage()));
        }
        if (m instanceof Mapping.Layers l) {
            Mapping.Opaque refused = layers.add(n, l);
            if (refused == null) {
                // A layer takes a size the model computes (a Reshape's target) as fixed: the nodes computing it go.
                p.getInputList().stream().filter(v -> values.shapes().isBatchless(v))
                        .forEach(v -> opaque.unused(v, "it only computes a size that a layer after it holds fixed"));
                return;
            }
            m = refused;
        }
        if (m instanceof Mapping.Alias a) {
            String out = p.getOutput(0);
            if (values.isConstant(a.input())) {
                values.putConstant(out, values.constant(a.input()));
            } else if (values.isComputed(a.input())) {
                values.alias(out, a.input());
                values.shapes().alias(out, a.input());
            }
            log.dropped(n, a.reason());
            return;
        }
        opaque.add(n, ((Mapping.Opaque) m).reason());
    }
}
