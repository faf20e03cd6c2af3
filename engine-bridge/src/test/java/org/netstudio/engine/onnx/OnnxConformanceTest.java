package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * The ONNX conformance models of Debian's libonnx-testdata, imported and run by NetStudio's
 * engine: node tests against their reference outputs, PyTorch-exported nets against ONNX Runtime.
 * Only models made of operators the importer maps are taken; a model the importer still keeps
 * opaque (an attribute value it does not support) is skipped with the reason, and the counts are
 * printed at the end. Skipped as a whole when the data is not installed.
 */
class OnnxConformanceTest {

    static final Set<String> MAPPED_OPS = Set.of("Conv", "Gemm", "MatMul", "Relu", "Sigmoid", "Tanh", "Softplus",
            "LeakyRelu", "Elu", "Selu", "Gelu", "Exp", "Log", "Sqrt", "Abs", "Neg", "Sin", "Cos", "Reciprocal", "Softmax",
            "LogSoftmax", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "BatchNormalization", "Add",
            "Sub", "Mul", "Div", "Max", "Min", "Sum", "Concat", "Flatten", "Reshape", "Transpose", "Identity", "Dropout",
            "Constant", "LSTM", "GRU", "RNN", "Gather", "Clip", "Erf", "ConvTranspose", "Resize", "Pad", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum");

    private static final double TOLERANCE = 1e-4;
    private static final Map<String, String> SKIPPED = new ConcurrentHashMap<>();
    private static final Set<String> RAN = ConcurrentHashMap.newKeySet();
    private static int notMapped;

    static Stream<String> nodeCases() throws IOException {
        return cases("node");
    }

    static Stream<String> pytorchCases() throws IOException {
        return Stream.concat(cases("pytorch-converted"), cases("pytorch-operator"));
    }

    private static Stream<String> cases(String group) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path p : ConformanceCase.folders(group).toList()) {
            ConformanceCase c = ConformanceCase.load(p);
            if (MAPPED_OPS.containsAll(c.ops()) && c.inputs().stream().allMatch(ConformanceCase::isFloat)
                    && c.outputs().stream().allMatch(ConformanceCase::isFloat)) {
                out.add(group + "/" + p.getFileName());
            } else {
                notMapped++;
            }
        }
        if (out.isEmpty()) {
            out.add(group + "/(not installed)");
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeCases")
    void nodeModelComputesItsReferenceOutputs(String id) throws IOException {
        ConformanceCase c = load(id);
        assertAllClose(id + " output", runInEngine(id, c.frozen()), references(c));
        RAN.add(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pytorchCases")
    void pytorchExportedNetComputesWhatOnnxRuntimeComputes(String id) throws IOException {
        ConformanceCase c = load(id);
        ConformanceCase.Frozen f = c.frozen();
        List<TensorValue> actual = runInEngine(id, f);
        Map<String, TensorValue> feed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < f.inputs().size(); i++) {
            feed.put(f.inputNames().get(i), ConformanceCase.value(f.inputs().get(i)));
        }
        List<TensorValue> expected = new ArrayList<>();
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(c.model().toByteArray())) {
            expected.addAll(ort.run(feed).values());
        } catch (IOException e) {
            // ONNX Runtime 1.20 dropped some early opsets these files use: PyTorch's own outputs stand in.
            assertThat(e).hasMessageContaining("NOT_IMPLEMENTED");
            expected.addAll(references(c));
        }
        assertAllClose(id + " output", actual, expected);
        assertAllClose(id + " reference", expected, references(c));
        RAN.add(id);
    }

    /** The outputs the case's files store. */
    private static List<TensorValue> references(ConformanceCase c) {
        return c.outputs().stream().map(ConformanceCase::value).toList();
    }

    private static void assertAllClose(String what, List<TensorValue> actual, List<TensorValue> expected) {
        assertThat(actual).as(what + "s").hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertClose(what + " " + i, actual.get(i), expected.get(i));
        }
    }

    private static ConformanceCase load(String id) throws IOException {
        assumeTrue(!id.endsWith("(not installed)"), "libonnx-testdata is not installed");
        return ConformanceCase.load(ConformanceCase.ROOT.resolve(id));
    }

    private static List<TensorValue> runInEngine(String id, ConformanceCase.Frozen f) throws IOException {
        if (f.inputs().stream().anyMatch(t -> t.getDimsCount() == 0)) {
            SKIPPED.put(id, "an input is a scalar, which has no batch axis");
        } else if (f.inputs().stream().anyMatch(t -> t.getRawData().isEmpty() && t.getFloatDataCount() == 0)) {
            SKIPPED.put(id, "an input's reference values are not stored as float data");
        }
        assumeTrue(!SKIPPED.containsKey(id), () -> SKIPPED.get(id));
        OnnxImport imported = OnnxImporter.read(f.model().toByteArray(), id);
        List<ImportReport.Entry> opaque = imported.report().opaque();
        if (!opaque.isEmpty()) {
            SKIPPED.put(id, opaque.get(0).opType() + ": " + opaque.get(0).reason());
        }
        assumeTrue(opaque.isEmpty(), () -> "stays opaque: " + SKIPPED.get(id));
        List<TensorValue> inputs = new ArrayList<>();
        f.inputs().forEach(t -> inputs.add(ConformanceCase.value(t)));
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            return runner.run(inputs);
        }
    }

    static void assertClose(String what, TensorValue actual, TensorValue expected) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        float[] a = actual.values();
        float[] e = expected.values();
        for (int i = 0; i < e.length; i++) {
            double tol = TOLERANCE * Math.max(1, Math.abs(e[i]));
            if (!(Math.abs(a[i] - e[i]) <= tol) && !(Float.isNaN(a[i]) && Float.isNaN(e[i]))) {
                assertThat((double) a[i]).as(what + " value " + i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    @AfterAll
    static void summary() {
        System.out.println("ONNX conformance: " + RAN.size() + " models ran and matched, " + SKIPPED.size()
                + " skipped because an operator stayed opaque, " + notMapped + " not taken (operators or types the importer does not map)");
        new TreeMap<>(SKIPPED).forEach((k, v) -> System.out.println("  skipped " + k + ": " + v));
    }
}
