package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.onnx.OnnxRuntimeRunner;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Export to ONNX, for every catalog layer type: each of {@link LayerContractTest}'s one-layer nets whose
 * type ONNX can express is exported with its seeded initial weights and run in ONNX Runtime, which must
 * compute what NetStudio's engine computes on the same inputs. A type the exporter refuses must be one
 * of {@link #NOT_EXPORTED}, each with its reason, so a new layer either exports or says why not.
 */
class OnnxExportContractTest {

    /** Catalog types the ONNX exporter refuses, and why. */
    static final Map<String, String> NOT_EXPORTED = Map.of(
            "CrossEntropyLoss", "a loss is part of training, not of the model ONNX runs",
            "MeanSquaredLoss", "a loss is part of training, not of the model ONNX runs",
            "MeanAbsoluteLoss", "a loss is part of training, not of the model ONNX runs");

    static Stream<LayerContractTest.Case> exported() {
        return LayerContractTest.cases().filter(c -> OnnxExporter.unsupported(net(c)).isEmpty());
    }

    private static Graph net(LayerContractTest.Case c) {
        return OneLayerNets.around(c.layer(), c.inputs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exported")
    void onnxRuntimeComputesWhatTheEngineComputes(LayerContractTest.Case c) throws IOException {
        Graph net = net(c);
        List<TensorValue> inputs = inputs(c.inputs(), new Random(c.label().hashCode()));
        Map<String, TensorValue> feed = new LinkedHashMap<>();
        List<TensorValue> expected;
        byte[] model;
        try (NetRunner runner = NetRunner.untrained(net, 7)) {
            expected = runner.run(inputs);
            model = OnnxExporter.export(new NetDocument(c.label(), net, null), runner.weights());
        }
        List<String> names = c.layer().inputNames();
        for (int i = 0; i < names.size(); i++) {
            feed.put(names.get(i), inputs.get(i));
        }
        List<TensorValue> actual;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(model)) {
            actual = List.copyOf(ort.run(feed).values());
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int o = 0; o < expected.size(); o++) {
            assertThat(actual.get(o).shape()).as("%s output %d shape", c, o).containsExactly(expected.get(o).shape());
            float[] a = actual.get(o).values();
            float[] e = expected.get(o).values();
            for (int i = 0; i < e.length; i++) {
                assertThat((double) a[i]).as("%s output %d value %d", c, o, i)
                        .isCloseTo(e[i], org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(e[i]))));
            }
        }
    }

    /**
     * ReLU6 and its kin leave as one Clip, which ONNX Runtime fuses into the convolution before it; bounds
     * the wrong way round (always -0.5) are a Clip from below, then a Min.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {"min(max(x, 0), 6); 1", "max(min(x, 0.5), -0.5); 1",
            "min(x, 0.25); 1", "max(x, -0.25); 1", "min(max(x, 0.5), -0.5); 1", "min(max(2 * x, 0), 1); 1"})
    void aClippedFunctionExportsAsClipsAndComputesWhatTheEngineComputes(String function, int clips) throws IOException {
        Graph net = OneLayerNets.around(org.netstudio.netgraph.net.Layer.of("Elementwise", "function", function),
                List.of(TensorType.real(3, 4)));
        List<TensorValue> inputs = List.of(TensorValue.of(new float[] {-9, -0.6f, -0.3f, -0.1f, 0, 0.1f, 0.2f, 0.3f,
                0.45f, 0.6f, 5, 7, 1, 2, 3, 4, -1, -2, -3, 8, 0.25f, -0.25f, 0.5f, -0.5f}, 2, 3, 4));
        float[] expected;
        byte[] model;
        try (NetRunner runner = NetRunner.untrained(net, 7)) {
            expected = runner.run(inputs).get(0).values();
            model = OnnxExporter.export(new NetDocument(function, net, null), runner.weights());
        }
        long written = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(model).getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("Clip")).count();
        float[] actual;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(model)) {
            actual = ort.run(Map.of(net.inputs().keySet().iterator().next(), inputs.get(0))).values().iterator().next()
                    .values();
        }

        assertThat(written).as("Clip operators written").isEqualTo(clips);
        assertThat(actual).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void everyCatalogTypeExportsOrSaysWhyNot() {
        Set<String> refused = LayerContractTest.cases().filter(c -> !OnnxExporter.unsupported(net(c)).isEmpty())
                .map(c -> c.layer().type()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> exported = exported().map(c -> c.layer().type()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> catalog = LayerCatalog.standard().types().stream().map(LayerType::name)
                .filter(t -> !t.equals("OnnxOperator")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(refused).as("types the exporter refuses").isEqualTo(new TreeSet<>(NOT_EXPORTED.keySet()));
        Set<String> covered = new TreeSet<>(exported);
        covered.addAll(refused);
        assertThat(covered).as("every catalog type has a case").containsAll(catalog);
    }

    /** Reals in [-1, 1); indices in their range. */
    private static List<TensorValue> inputs(List<TensorType> types, Random random) {
        return types.stream().map(t -> {
            long[] shape = new long[t.rank() + 1];
            shape[0] = 2;
            int n = 2;
            for (int d = 0; d < t.rank(); d++) {
                shape[d + 1] = t.dim(d).size();
                n *= t.dim(d).size();
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = t.kind() instanceof ElementKind.Index idx ? random.nextInt(idx.size())
                        : (float) (random.nextDouble() * 2 - 1);
            }
            return TensorValue.of(v, shape);
        }).toList();
    }
}
