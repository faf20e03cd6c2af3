package org.netstudio.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * Native memory is freed after every run of an imported net with opaque nodes (issue 15: an
 * imported ConvNeXt grew by 1.7 GB a run, through its layer scale, an opaque {@code Mul} of a
 * {@code [C,1,1]} constant by the activations). Measured as the process's resident memory.
 */
@EnabledOnOs(OS.LINUX)
class OpaqueNodeMemoryTest {

    private static final int BATCH = 4;
    private static final int CHANNELS = 64;
    private static final int SIZE = 32;

    /**
     * x [batch, 64, 32, 32] → PRelu(x, slope [64, 1, 1]) → Max(floor [64, 1, 1], ·) → y: two operators
     * with a per-channel constant array, as ConvNeXt's layer scale was before it imported as ConstantTimes;
     * both opaque (no catalog layer; a constant first in a Max). 1 MB of activations a run.
     */
    static ModelProto perChannelOperators() {
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(GraphProto.newBuilder().setName("layer-scale")
                        .addInput(image("x")).addOutput(image("y"))
                        .addInitializer(constant("scale", 0.5f))
                        .addInitializer(constant("bias", 0.25f))
                        .addNode(NodeProto.newBuilder().setOpType("PRelu").setName("layer_scale")
                                .addInput("x").addInput("scale").addOutput("scaled"))
                        .addNode(NodeProto.newBuilder().setOpType("Max").setName("shift")
                                .addInput("bias").addInput("scaled").addOutput("y")))
                .build();
    }

    private static TensorProto constant(String name, float base) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(CHANNELS).addDims(1).addDims(1);
        for (int c = 0; c < CHANNELS; c++) {
            t.addFloatData(base + c / 100f);
        }
        return t.build();
    }

    private static ValueInfoProto image(String name) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int d : new int[] {CHANNELS, SIZE, SIZE}) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    /** The process's resident memory in bytes (Linux). */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static long residentAfterGc() throws IOException {
        System.gc();
        return residentBytes();
    }

    @Test
    void runningOpaqueOperatorsOfAPerChannelArray100TimesKeepsResidentMemoryFlat() throws IOException {
        assumeThat(Path.of("/proc/self/status")).exists();
        OnnxImport imported = OnnxImporter.read(perChannelOperators().toByteArray(), "layer-scale.onnx");
        assertThat(imported.report().opaque()).extracting(ImportReport.Entry::opType).containsExactly("PRelu", "Max");
        float[] values = new float[BATCH * CHANNELS * SIZE * SIZE];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 97) / 97f;
        }
        TensorValue x = TensorValue.of(values, BATCH, CHANNELS, SIZE, SIZE);

        try (NetRunner runner = NetRunner.load(imported.document().net(), imported.weights())) {
            TensorValue y = runner.run(List.of(x)).get(0);
            // channel 1, first pixel: max(0.26, x), PRelu passing the positive x as it is
            assertThat(y.value(SIZE * SIZE)).isCloseTo(Math.max(0.26f, values[SIZE * SIZE]),
                    org.assertj.core.api.Assertions.within(1e-5f));
            // Resident memory also holds the Java heap, which grows until it is collected, and blocks
            // the allocator keeps for later: so the heap is collected every ten runs, the first hundred
            // runs settle the JIT and the allocator's pools, and the highest reading after them is
            // compared with the lowest of the last three readings a hundred runs later.
            long warm = 0;
            for (int i = 1; i <= 100; i++) {
                runner.run(List.of(x));
                if (i % 10 == 0) {
                    long r = residentAfterGc();
                    warm = i > 50 ? Math.max(warm, r) : warm;
                }
            }
            long end = Long.MAX_VALUE;
            for (int i = 1; i <= 100; i++) {
                runner.run(List.of(x));
                if (i % 10 == 0) {
                    long r = residentAfterGc();
                    end = i > 70 ? Math.min(end, r) : end;
                }
            }
            long growth = end - warm;
            // A leak of the two opaque nodes' outputs would be 2 MB a run, 200 MB over the 100 runs.
            assertThat(growth).as("resident memory grew by %,d bytes over 100 runs", growth).isLessThan(32L << 20);
        }
    }
}
