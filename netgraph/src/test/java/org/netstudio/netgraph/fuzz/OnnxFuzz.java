package org.netstudio.netgraph.fuzz;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.summary.NetSummary;

/**
 * Fuzzes the ONNX importer: valid models (small ones written in code, and any others given, such
 * as exported PyTorch models or all-MiniLM-L6-v2) mutated in their structure — node inputs rewired
 * to their own outputs, to later nodes or to nothing, operators swapped, attributes, tensors,
 * shapes and types set to values that break arithmetic, nodes dropped, copied or reordered — and,
 * for small models, in their bytes. Reading is what {@code netstudio import} and {@code check} do:
 * import, infer, summarise. Refusal: a {@link NetFileException}.
 */
public final class OnnxFuzz implements FuzzTarget {

    private static final List<String> OPS = List.of("MatMul", "Add", "Sub", "Mul", "Div", "Relu", "Sigmoid", "Tanh",
            "Softmax", "LogSoftmax", "Gemm", "Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool",
            "Flatten", "Reshape", "Transpose", "Concat", "BatchNormalization", "LayerNormalization", "Gather",
            "Unsqueeze", "Squeeze", "Shape", "Slice", "Clip", "Erf", "Pow", "Sqrt", "ReduceMean", "LSTM", "GRU", "RNN",
            "Dropout", "Identity", "Cast", "Constant", "Where", "Expand", "Split", "Pad", "Resize", "Einsum", "Foo");

    private static final List<String> ATTRIBUTES = List.of("axis", "axes", "perm", "kernel_shape", "strides", "pads",
            "dilations", "group", "transA", "transB", "hidden_size", "direction", "epsilon", "keepdims", "value", "to");

    /** Models this large are mutated in their structure only (a byte flip would land in their weights). */
    private static final long SMALL_BYTES = 1 << 20;

    private final List<ModelProto> written = OnnxSeeds.all();
    private final List<Path> files;
    private final String name;
    private final boolean onlyFiles;

    /**
     * Fuzzes from the models written in code and the model files {@code more}, which are parsed
     * only when an input is made from them (and one in twenty inputs is), so that a large model
     * takes no memory while another input is read.
     */
    public OnnxFuzz(List<Path> more) {
        this("ONNX import", more, false);
    }

    private OnnxFuzz(String name, List<Path> files, boolean onlyFiles) {
        this.name = name;
        this.files = List.copyOf(files);
        this.onlyFiles = onlyFiles;
    }

    /**
     * Fuzzes from the model files alone, e.g. the ONNX conformance models: every input is one of
     * them, valid or mutated.
     *
     * @param name the reader's name in the table; its first word is its key
     */
    public static OnnxFuzz ofFiles(String name, List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no model files to fuzz from");
        }
        return new OnnxFuzz(name, files, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FuzzInput input(Random r, Path dir) throws Exception {
        boolean fromFile = onlyFiles || !files.isEmpty() && r.nextInt(20) == 0;
        int k = r.nextInt(fromFile ? files.size() : written.size());
        ModelProto seed = fromFile ? ModelProto.parseFrom(Files.readAllBytes(files.get(k))) : written.get(k);
        String from = fromFile ? label(files.get(k)) : seed.getGraph().getName();
        Path file = dir.resolve("model.onnx");
        int how = r.nextInt(6);
        if (how == 0) {
            Files.write(file, seed.toByteArray());
            return new FuzzInput(file, "valid " + from);
        }
        ModelProto.Builder m = seed.toBuilder();
        int n = 1 + r.nextInt(3);
        List<String> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            done.add(mutate(m, r));
        }
        byte[] bytes = m.build().toByteArray();
        if (how == 1 && bytes.length < SMALL_BYTES) {
            bytes = Mutations.mutate(bytes, r);
            done.add("bytes");
        }
        Files.write(file, bytes);
        return new FuzzInput(file, from + ": " + String.join(", ", done));
    }

    /** A model file as findings name it: with its folder, which names a conformance model (test_concat_…/model.onnx). */
    private static String label(Path file) {
        Path folder = file.getParent();
        return folder == null || folder.getFileName() == null ? file.getFileName().toString()
                : folder.getFileName() + "/" + file.getFileName();
    }

    private static String mutate(ModelProto.Builder m, Random r) {
        GraphProto.Builder g = m.getGraphBuilder();
        int nodes = g.getNodeCount();
        switch (r.nextInt(9)) {
            case 0 -> {
                if (nodes == 0) {
                    return "none";
                }
                int i = r.nextInt(nodes);
                NodeProto.Builder node = g.getNodeBuilder(i);
                String value = switch (r.nextInt(4)) {
                    case 0 -> node.getOutputCount() > 0 ? node.getOutput(0) : "";
                    case 1 -> {
                        NodeProto later = g.getNode(i + r.nextInt(nodes - i));
                        yield later.getOutputCount() > 0 ? later.getOutput(0) : "";
                    }
                    case 2 -> "";
                    default -> "nobody" + r.nextInt(3);
                };
                if (node.getInputCount() > 0 && r.nextBoolean()) {
                    node.setInput(r.nextInt(node.getInputCount()), value);
                } else {
                    node.addInput(value);
                }
                return "input rewired";
            }
            case 1 -> {
                if (nodes > 0) {
                    g.getNodeBuilder(r.nextInt(nodes)).setOpType(OPS.get(r.nextInt(OPS.size())));
                }
                return "operator swapped";
            }
            case 2 -> {
                if (nodes > 1) {
                    int a = r.nextInt(nodes);
                    int b = r.nextInt(nodes);
                    NodeProto na = g.getNode(a);
                    switch (r.nextInt(3)) {
                        case 0 -> g.removeNode(a);
                        case 1 -> g.addNode(na);
                        default -> {
                            g.setNode(a, g.getNode(b));
                            g.setNode(b, na);
                        }
                    }
                }
                return "nodes dropped, copied or swapped";
            }
            case 3 -> {
                if (nodes > 0) {
                    attribute(g.getNodeBuilder(r.nextInt(nodes)), r);
                }
                return "attribute";
            }
            case 4 -> {
                if (g.getInitializerCount() > 0) {
                    int i = r.nextInt(g.getInitializerCount());
                    g.setInitializer(i, tensor(g.getInitializer(i), r));
                }
                return "initializer";
            }
            case 5 -> {
                List<ValueInfoProto.Builder> values = new ArrayList<>();
                values.addAll(g.getInputBuilderList());
                values.addAll(g.getOutputBuilderList());
                values.addAll(g.getValueInfoBuilderList());
                if (!values.isEmpty()) {
                    valueInfo(values.get(r.nextInt(values.size())), r);
                }
                return "declared type";
            }
            case 6 -> {
                switch (r.nextInt(3)) {
                    case 0 -> m.setIrVersion(r.nextInt(3) == 0 ? 0 : r.nextInt(12));
                    case 1 -> m.getOpsetImportBuilderList().forEach(o -> o.setVersion(Mutations.interesting(r)));
                    default -> m.getOpsetImportBuilderList().forEach(o -> o.setDomain("ai.onnx.ml"));
                }
                return "versions";
            }
            case 7 -> {
                if (g.getOutputCount() > 0 && r.nextBoolean()) {
                    g.removeOutput(r.nextInt(g.getOutputCount()));
                } else {
                    g.addOutput(ValueInfoProto.newBuilder().setName(nodes > 0 && r.nextBoolean()
                            ? g.getNode(r.nextInt(nodes)).getOutput(0) : "ghost"));
                }
                return "outputs";
            }
            default -> {
                if (g.getInputCount() > 0) {
                    String name = g.getInput(0).getName();
                    g.addInitializer(OnnxSeeds.floats(name, 1 + r.nextInt(4)));
                }
                return "input shadowed by an initializer";
            }
        }
    }

    private static void attribute(NodeProto.Builder node, Random r) {
        if (node.getAttributeCount() == 0 || r.nextInt(3) == 0) {
            String name = ATTRIBUTES.get(r.nextInt(ATTRIBUTES.size()));
            node.addAttribute(r.nextBoolean() ? OnnxSeeds.i(name, Mutations.interesting(r))
                    : OnnxSeeds.ints(name, Mutations.interesting(r), r.nextInt(5) - 2, Mutations.interesting(r)));
            return;
        }
        int i = r.nextInt(node.getAttributeCount());
        AttributeProto.Builder a = node.getAttributeBuilder(i);
        switch (r.nextInt(6)) {
            case 0 -> a.setI(Mutations.interesting(r));
            case 1 -> {
                if (a.getIntsCount() > 0) {
                    a.setInts(r.nextInt(a.getIntsCount()), Mutations.interesting(r));
                } else {
                    a.addInts(Mutations.interesting(r));
                }
            }
            case 2 -> a.clearInts();
            case 3 -> a.setF(r.nextBoolean() ? Float.NaN : Float.MAX_VALUE);
            case 4 -> a.setType(AttributeProto.AttributeType.forNumber(r.nextInt(15)) == null
                    ? AttributeProto.AttributeType.UNDEFINED : AttributeProto.AttributeType.forNumber(r.nextInt(15)));
            default -> node.removeAttribute(i);
        }
    }

    private static TensorProto tensor(TensorProto t, Random r) {
        TensorProto.Builder b = t.toBuilder();
        switch (r.nextInt(5)) {
            case 0 -> {
                if (b.getDimsCount() > 0) {
                    b.setDims(r.nextInt(b.getDimsCount()), Mutations.interesting(r));
                } else {
                    b.addDims(Mutations.interesting(r));
                }
            }
            case 1 -> b.setDataType(r.nextInt(22));
            case 2 -> {
                if (b.getFloatDataCount() > 1) {
                    List<Float> half = new ArrayList<>(b.getFloatDataList().subList(0, b.getFloatDataCount() / 2));
                    b.clearFloatData().addAllFloatData(half);
                } else {
                    b.setRawData(ByteString.copyFrom(new byte[r.nextInt(64)]));
                }
            }
            case 3 -> b.addDims(1 + r.nextInt(3));
            default -> b.clearDims();
        }
        return b.build();
    }

    private static void valueInfo(ValueInfoProto.Builder v, Random r) {
        if (!v.getType().hasTensorType()) {
            return;
        }
        var tensor = v.getTypeBuilder().getTensorTypeBuilder();
        switch (r.nextInt(4)) {
            case 0 -> tensor.setElemType(r.nextInt(22));
            case 1 -> tensor.clearShape();
            case 2 -> tensor.getShapeBuilder().addDim(TensorShapeProto.Dimension.newBuilder()
                    .setDimValue(Mutations.interesting(r)));
            default -> {
                if (tensor.getShape().getDimCount() > 0) {
                    int d = r.nextInt(tensor.getShape().getDimCount());
                    tensor.getShapeBuilder().setDim(d, r.nextBoolean()
                            ? TensorShapeProto.Dimension.newBuilder().setDimValue(Mutations.interesting(r))
                            : TensorShapeProto.Dimension.newBuilder().setDimParam(JsonMutations.string(r)));
                }
            }
        }
    }

    @Override
    public Object read(Path input) throws Exception {
        OnnxImport imported = OnnxImporter.read(input);
        InferenceResult r = ShapeInference.infer(imported.document().net());
        NetSummary.of(imported.document().net(), r);
        return null;
    }

    @Override
    public boolean isRefusal(Throwable t) {
        return t instanceof NetFileException && FuzzTarget.isSentence(t.getMessage());
    }
}
