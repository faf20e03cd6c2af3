package org.netstudio.engine.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.netstudio.engine.tensor.TensorValue;

/**
 * One ONNX conformance test folder of Debian's libonnx-testdata: {@code model.onnx} and
 * {@code test_data_set_0/input_N.pb}, {@code output_N.pb}. Graph inputs that feed an operator's
 * weights (Conv's W, Gemm's B …) are turned into initializers, since NetStudio imports weights
 * only from constants.
 */
record ConformanceCase(String name, ModelProto model, List<TensorProto> inputs, List<TensorProto> outputs) {

    static final Path ROOT = Path.of("/usr/share/libonnx-testdata/data");

    /** Operators whose inputs after the first are weights. */
    private static final Set<String> WEIGHTED = Set.of("Conv", "Gemm", "MatMul", "BatchNormalization", "Reshape", "LSTM",
            "GRU", "RNN");

    static Stream<Path> folders(String group) throws IOException {
        Path dir = ROOT.resolve(group);
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("model.onnx"))
                    && Files.isRegularFile(p.resolve("test_data_set_0/input_0.pb"))).sorted().toList().stream();
        }
    }

    static ConformanceCase load(Path folder) throws IOException {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(folder.resolve("model.onnx")));
        List<TensorProto> in = tensors(folder.resolve("test_data_set_0"), "input_");
        List<TensorProto> out = tensors(folder.resolve("test_data_set_0"), "output_");
        return new ConformanceCase(folder.getFileName().toString(), model, in, out);
    }

    private static List<TensorProto> tensors(Path dir, String prefix) throws IOException {
        List<TensorProto> list = new ArrayList<>();
        for (int i = 0; Files.isRegularFile(dir.resolve(prefix + i + ".pb")); i++) {
            list.add(TensorProto.parseFrom(Files.readAllBytes(dir.resolve(prefix + i + ".pb"))));
        }
        return list;
    }

    /** The ONNX operator types the model uses. */
    Set<String> ops() {
        Set<String> ops = new HashSet<>();
        model.getGraph().getNodeList().forEach(n -> ops.add(n.getOpType()));
        return ops;
    }

    /** The graph's real (non-initializer) inputs, in order. */
    List<String> graphInputs() {
        Set<String> init = new HashSet<>();
        model.getGraph().getInitializerList().forEach(t -> init.add(t.getName()));
        return model.getGraph().getInputList().stream().map(ValueInfoProto::getName).filter(n -> !init.contains(n)).toList();
    }

    /** The model with weight inputs turned into initializers, and the inputs that remain. */
    Frozen frozen() {
        GraphProto g = model.getGraph();
        List<String> names = graphInputs();
        Set<String> weights = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            if (WEIGHTED.contains(n.getOpType())) {
                for (int i = 1; i < n.getInputCount(); i++) {
                    weights.add(n.getInput(i));
                }
            }
        }
        GraphProto.Builder b = g.toBuilder().clearInput();
        List<TensorProto> remaining = new ArrayList<>();
        List<String> remainingNames = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            int k = names.indexOf(v.getName());
            if (k > 0 && weights.contains(v.getName()) && k < inputs.size()) {
                b.addInitializer(inputs.get(k).toBuilder().setName(v.getName()));
            } else {
                b.addInput(v);
                if (k >= 0 && k < inputs.size()) {
                    remaining.add(inputs.get(k));
                    remainingNames.add(v.getName());
                }
            }
        }
        return new Frozen(model.toBuilder().setGraph(b).build(), remainingNames, remaining);
    }

    record Frozen(ModelProto model, List<String> inputNames, List<TensorProto> inputs) {
    }

    static boolean isFloat(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT_VALUE;
    }

    /** A float tensor's values with its shape. */
    static TensorValue value(TensorProto t) {
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        float[] v;
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            v = new float[b.remaining() / 4];
            b.asFloatBuffer().get(v);
        } else {
            if (t.getFloatDataCount() == 0 && t.getDimsCount() > 0) {
                throw new IllegalArgumentException("tensor " + t.getName() + " " + t.getDimsList() + " of type "
                        + t.getDataType() + " has no float data " + t.getDataLocation());
            }
            v = new float[t.getFloatDataCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.getFloatData(i);
            }
        }
        return TensorValue.of(v, shape);
    }
}
