package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Exports a net with its weights as an ONNX model (opset {@value #OPSET}, or the opset from 13 on
 * of the imported ONNX operators it holds) that ONNX Runtime runs
 * with NetStudio's outputs. Every input and output gets a leading batch axis named
 * {@code batch}. Catalog layers map back to ONNX operators ({@link LayerExport}); an imported
 * {@code OnnxOperator} is written as the node it was. Stateless and thread-safe.
 */
public final class OnnxExporter {

    /** The opset written. */
    public static final int OPSET = 17;

    private OnnxExporter() {
    }

    /**
     * The layers of a net that cannot be exported, each as {@code 'name' (Type)}, or an empty list.
     */
    public static List<String> unsupported(NetNode net) {
        List<String> out = new ArrayList<>();
        LayerExport.collectUnsupported(net, NodePath.ROOT, LayerExport.opsetOf(net), out);
        return out;
    }

    /**
     * The ONNX model of a net.
     *
     * @param doc     the net, valid
     * @param weights a value for every array of the net
     * @return the model's bytes
     * @throws IllegalArgumentException when the net is invalid, holds layers ONNX export does not
     *                                  cover (all of them listed), or lacks weights
     */
    public static byte[] export(NetDocument doc, Weights weights) {
        return model(doc, weights, false).toByteArray();
    }

    /**
     * The ONNX model of a net for ONNX Runtime to run rather than for a person to read back: {@link #export}'s,
     * without the steps that only undo one another where layers meet and with one of ONNX Runtime's own fused
     * operators where it fits ({@link ExportFolds}). It computes the same, but does not import as the same layers: an LSTM's last step, say, comes back as an LSTM that
     * returns no sequence, not as the LSTM and SequenceLast the net holds.
     *
     * @throws IllegalArgumentException as {@link #export} does
     */
    public static byte[] exportToRun(NetDocument doc, Weights weights) {
        return model(doc, weights, true).toByteArray();
    }

    /** Writes the model of a net to a file, atomically. */
    public static void write(Path file, NetDocument doc, Weights weights) throws IOException {
        byte[] bytes = export(doc, weights);
        AtomicFiles.write(file, bytes);
    }

    static ModelProto model(NetDocument doc, Weights weights) {
        return model(doc, weights, false);
    }

    /** The model; {@code toRun}: with {@link ExportFolds}' folds, for ONNX Runtime to run. */
    private static ModelProto model(NetDocument doc, Weights weights, boolean toRun) {
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(weights, "weights");
        NetNode net = doc.net();
        List<String> unsupported = unsupported(net);
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("These layers cannot be exported to ONNX: " + String.join(", ", unsupported));
        }
        InferenceResult inference = ShapeInference.infer(net);
        List<Diagnostic> errors = inference.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("The net is not valid: " + errors.get(0).message());
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName(doc.name().isBlank() ? "net" : doc.name());
        LayerExport export = new LayerExport(g, inference, weights, LayerExport.opsetOf(net));
        List<String> inNames = net.inputNames();
        List<String> values = new ArrayList<>();
        for (String in : inNames) {
            TensorType t = inference.outputType(NodePath.ROOT, in);
            if (!t.rankKnown()) {
                t = declared(net, in, true);
            }
            g.addInput(valueInfo(in, t));
            export.declare(in, t);
            values.add(in);
        }
        List<String> outs = export.node(net, NodePath.ROOT, values);
        List<String> outNames = net.outputNames();
        for (int i = 0; i < outNames.size(); i++) {
            String name = outNames.get(i);
            String produced = outs.get(i);
            if (!produced.equals(name)) {
                g.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name).addInput(produced).addOutput(name));
            }
            TensorType t = inference.inputType(NodePath.ROOT, name);
            g.addOutput(valueInfo(name, t.rankKnown() ? t : export.typeOf(produced)));
        }
        GraphProto graph = toRun ? ExportFolds.fold(g.build(), export::typeOf) : g.build();
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(8).setProducerName("NetStudio").setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(LayerExport.opsetOf(net)))
                .addAllOpsetImport(export.extraDomains());
        if (graph.getNodeList().stream().anyMatch(n -> n.getDomain().equals(ExportFolds.RUNTIME_DOMAIN))
                && model.getOpsetImportList().stream().noneMatch(o -> o.getDomain().equals(ExportFolds.RUNTIME_DOMAIN))) {
            model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ExportFolds.RUNTIME_DOMAIN).setVersion(1));
        }
        return model.build();
    }

    private static TensorType declared(NetNode net, String port, boolean input) {
        PortDecl d = net instanceof Chain c ? (input ? c.input() : c.output())
                : net instanceof Graph g ? (input ? g.inputs().get(port) : g.outputs().get(port)) : null;
        return d == null ? TensorType.ANY : d.type();
    }

    /** An ONNX value with a batch axis in front of the per-example type. */
    static ValueInfoProto valueInfo(String name, TensorType t) {
        TypeProto.Tensor.Builder tt = TypeProto.Tensor.newBuilder().setElemType(
                t.kind() instanceof ElementKind.Real || t.kind() instanceof ElementKind.AnyKind
                        ? TensorProto.DataType.FLOAT_VALUE : TensorProto.DataType.INT64_VALUE);
        if (t.rankKnown()) {
            TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
            for (Dim d : t.dims()) {
                TensorShapeProto.Dimension.Builder b = TensorShapeProto.Dimension.newBuilder();
                if (d instanceof Dim.Fixed f) {
                    b.setDimValue(f.size());
                } else if (d instanceof Dim.Symbolic sym) {
                    b.setDimParam(sym.name());
                }
                s.addDim(b);
            }
            tt.setShape(s);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tt)).build();
    }

}
