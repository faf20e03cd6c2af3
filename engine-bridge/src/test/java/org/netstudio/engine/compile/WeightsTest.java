package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.SharedNDManager;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Weights out of a compiled net and back, through safetensors and .nsnet files, bit for bit. */
class WeightsTest {

    @RegisterExtension
    static final SharedNDManager MANAGER = new SharedNDManager();

    /** Convolution, batch norm (with state), a nested chain and a linear layer. */
    private static Chain net() {
        Chain block = Chain.of(PortDecl.UNSPECIFIED, Layer.of("Convolution", "channels", 4, "kernel", 3),
                Layer.of("BatchNorm"), Layer.of("Ramp"));
        return Chain.named(PortDecl.of(TensorType.real(2, 6, 6)),
                List.of(block, Layer.of("GlobalPooling"), Layer.of("Linear", "units", 3), Layer.of("Softmax")),
                java.util.Arrays.asList("features", null, "logits", null), PortDecl.UNSPECIFIED);
    }

    private static float[] evaluate(CompiledNet block, NDManager m, float[] input) {
        NDList in = new NDList(m.create(input, new Shape(2, 2, 6, 6)));
        return block.forward(new ParameterStore(m, false), in, false).head().toFloatArray();
    }

    private static float[] input() {
        float[] x = new float[2 * 2 * 6 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37);
        }
        return x;
    }

    @Test
    void weightsRoundTripBitIdenticalThroughSafetensorsAndTheNetEvaluatesIdentically() throws Exception {
        CompiledNet original = NetCompiler.compile(net(), 7);
        try (NDManager m = MANAGER.newSubManager()) {
            original.initializeParameters(m);
            // A training pass moves the batch-norm statistics away from their initial values.
            original.forward(new ParameterStore(m, false), new NDList(m.create(input(), new Shape(2, 2, 6, 6))), true);
            Weights weights = NetWeights.read(original, Map.of("trained on", "sines"));
            assertThat(weights.arrays().keySet()).containsExactly("features/batchnorm1/beta",
                    "features/batchnorm1/gamma", "features/batchnorm1/movingMean", "features/batchnorm1/movingVar",
                    "features/convolution1/biases", "features/convolution1/weights", "logits/biases", "logits/weights");
            assertThat(weights.get("features/convolution1/weights").orElseThrow().shape()).containsExactly(4, 2, 3, 3);
            assertThat(weights.get("logits/weights").orElseThrow().shape()).containsExactly(3, 4);
            assertThat(weights.get("features/batchnorm1/movingMean").orElseThrow().floats()).isNotEqualTo(new float[4]);

            byte[] file = Safetensors.toBytes(weights);
            Weights reread = Safetensors.read(new java.io.ByteArrayInputStream(file), file.length, "memory");
            assertThat(reread).isEqualTo(weights);

            CompiledNet loaded = NetCompiler.compile(net(), 99);
            NetWeights.load(loaded, reread, m);
            assertThat(NetWeights.read(loaded, Map.of("trained on", "sines"))).isEqualTo(weights);
            assertThat(evaluate(loaded, m, input())).isEqualTo(evaluate(original, m, input()));
        }
    }

    @Test
    void djlParameterFilesLoadIntoAFreshlyCompiledNet() throws Exception {
        CompiledNet original = NetCompiler.compile(net(), 5);
        try (NDManager m = MANAGER.newSubManager()) {
            original.initializeParameters(m);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                original.saveParameters(out);
            }
            CompiledNet loaded = NetCompiler.compile(net(), 6);
            loaded.loadParameters(m, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
            assertThat(NetWeights.read(loaded)).isEqualTo(NetWeights.read(original));
            assertThat(evaluate(loaded, m, input())).isEqualTo(evaluate(original, m, input()));
        }
    }

    @Test
    void nsnetFileHoldsNetAndWeights(@TempDir Path folder) throws Exception {
        CompiledNet original = NetCompiler.compile(net(), 3);
        try (NDManager m = MANAGER.newSubManager()) {
            original.initializeParameters(m);
            Path file = folder.resolve("small.nsnet");
            NetWeights.save(file, new NetDocument("small", net(), null), original);

            LoadedNet opened = NetFiles.read(file);
            CompiledNet loaded = NetCompiler.compile(opened.document().net());
            NetWeights.load(loaded, opened.weights().orElseThrow(), m);
            assertThat(NetWeights.read(loaded)).isEqualTo(NetWeights.read(original));
            assertThat(evaluate(loaded, m, input())).isEqualTo(evaluate(original, m, input()));
        }
    }

    @Test
    void loadingSizesArraysFromTheWeightsWhenTheNetDoesNotDeclareItsInput() {
        Chain undeclared = Chain.of(PortDecl.UNSPECIFIED, Layer.of("Linear", "units", 2));
        Weights weights = Weights.of(List.of(WeightArray.of("linear1/weights", new long[] {2, 3},
                new float[] {1, 2, 3, 4, 5, 6}), WeightArray.of("linear1/biases", new long[] {2}, new float[] {0.5f, -1})),
                Map.of());
        CompiledNet block = NetCompiler.compile(undeclared);
        try (NDManager m = MANAGER.newSubManager()) {
            assertThatThrownBy(() -> block.initializeParameters(m)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("linear1/weights");
            NetWeights.load(block, weights, m);
            float[] y = block.forward(new ParameterStore(m, false),
                    new NDList(m.create(new float[] {1, 1, 1}, new Shape(1, 3))), false).head().toFloatArray();
            assertThat(y).containsExactly(6.5f, 14f);
        }
    }

    @Test
    void weightsThatDoNotFitAreRefusedWithTheReason() {
        CompiledNet block = NetCompiler.compile(net());
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            Weights good = NetWeights.read(block);
            Weights missing = good.without("logits/biases");
            assertThatThrownBy(() -> NetWeights.load(block, missing, m))
                    .hasMessage("The weights do not fit the net: missing logits/biases");
            Weights extra = good.with(WeightArray.of("logits/scale", new long[] {1}, new float[] {1}));
            assertThatThrownBy(() -> NetWeights.load(block, extra, m))
                    .hasMessageContaining("arrays the net does not have: logits/scale");
            Weights misshapen = good.with(WeightArray.of("logits/weights", new long[] {4, 3}, new float[12]));
            assertThatThrownBy(() -> NetWeights.load(block, misshapen, m))
                    .hasMessageContaining("logits/weights must have shape (3, 4), but has (4, 3)");
            assertThat(NetWeights.read(block)).isEqualTo(good);
        }
    }

    @Test
    void initialValuesDependOnlyOnTheSeedAndFollowPyTorchsBounds() {
        try (NDManager m = MANAGER.newSubManager()) {
            CompiledNet a = NetCompiler.compile(net(), 11);
            a.initializeParameters(m);
            CompiledNet b = NetCompiler.compile(net(), 11);
            b.initialize(m, DataType.FLOAT32, new Shape(5, 2, 6, 6));
            CompiledNet c = NetCompiler.compile(net(), 12);
            c.initializeParameters(m);
            assertThat(NetWeights.read(b)).isEqualTo(NetWeights.read(a));
            assertThat(NetWeights.read(c).get("logits/weights")).isNotEqualTo(NetWeights.read(a).get("logits/weights"));

            Weights w = NetWeights.read(a);
            // Convolution: fan-in 2·3·3 = 18; Linear: fan-in 4. Biases share their weights' bound.
            assertThat(maxAbs(w, "features/convolution1/weights")).isPositive().isLessThanOrEqualTo(1 / Math.sqrt(18));
            assertThat(maxAbs(w, "features/convolution1/biases")).isPositive().isLessThanOrEqualTo(1 / Math.sqrt(18));
            assertThat(maxAbs(w, "logits/weights")).isPositive().isLessThanOrEqualTo(0.5);
            assertThat(w.get("features/batchnorm1/gamma").orElseThrow().floats()).containsOnly(1f);
            assertThat(w.get("features/batchnorm1/movingVar").orElseThrow().floats()).containsOnly(1f);
            assertThat(w.get("features/batchnorm1/beta").orElseThrow().floats()).containsOnly(0f);
        }
    }

    private static double maxAbs(Weights w, String key) {
        double max = 0;
        for (float v : w.get(key).orElseThrow().floats()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void parameterNamesFollowNodePaths() {
        CompiledNet block = NetCompiler.compile(net());
        assertThat(block.getParameters().keys()).contains("features/convolution1_weights", "logits_biases",
                "features/batchnorm1_movingMean");
        assertThat(block.arrays()).extracting(NetArray::key).startsWith("features/convolution1/weights");
        assertThat(block.array("logits/weights").orElseThrow().knownShape()).isEqualTo(new Shape(3, 4));
    }
}
