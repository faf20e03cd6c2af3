package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.TensorValue;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * Nets exported from PyTorch 1.13 (test resources {@code onnx/*.onnx}, made by
 * {@code onnx/export_fixtures.py}) compute in NetStudio's engine what ONNX Runtime computes.
 */
class PytorchFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"small_resnet, 196, 0, Convolution", "mlp, 20, 2, Linear"})
    void importedNetComputesWhatOnnxRuntimeComputes(String name, int inputSize, int minOpaque, String firstLayer)
            throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/onnx/" + name + ".onnx")) {
            bytes = in.readAllBytes();
        }
        OnnxImport imported = OnnxImporter.read(bytes, name + ".onnx");
        System.out.println(imported.report().text());
        assertThat(imported.report().entries()).filteredOn(e -> e.outcome() == ImportReport.Outcome.MAPPED)
                .first().extracting(ImportReport.Entry::layerType).isEqualTo(firstLayer);
        assertThat(imported.report().opaque().size()).isGreaterThanOrEqualTo(minOpaque);

        long[] shape = name.equals("mlp") ? new long[] {3, 20} : new long[] {3, 1, 14, 14};
        TensorValue x = TensorValue.of(OnnxRoundTripTest.random(3 * inputSize, 11), shape);
        TensorValue expected;
        try (OnnxRuntimeRunner ort = OnnxRuntimeRunner.of(bytes)) {
            expected = ort.run(Map.of("x", x)).get("y");
        }
        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            OnnxConformanceTest.assertClose(name, runner.run(List.of(x)).get(0), expected);
        }
    }
}
