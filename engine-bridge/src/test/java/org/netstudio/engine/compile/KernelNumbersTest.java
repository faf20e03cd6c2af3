package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.netstudio.engine.SharedNDManager;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Kernels whose meaning is easy to get subtly wrong, against plain loops over their definitions:
 * transposed convolution, attention, the recurrent gates, "same" padding, pooling at borders and
 * batch-norm statistics.
 */
class KernelNumbersTest {

    @RegisterExtension
    static final SharedNDManager MANAGER = new SharedNDManager();
    private final Random random = new Random(5);

    /** A one-layer net with random weights (also returned, by array name) run on the given inputs. */
    private record Run(float[] output, Shape shape, Map<String, float[]> arrays) {
    }

    private Run run(Layer layer, List<TensorType> types, List<float[]> inputs, boolean training) {
        CompiledNet block = NetCompiler.compile(OneLayerNets.around(layer, types));
        try (NDManager m = MANAGER.newSubManager()) {
            List<WeightArray> arrays = new ArrayList<>();
            Map<String, float[]> byName = new HashMap<>();
            for (NetArray a : block.arrays()) {
                float[] v = randoms((int) a.knownShape().size());
                arrays.add(WeightArray.of(a.key(), a.knownShape().getShape(), v));
                byName.put(a.name(), v);
            }
            NetWeights.load(block, Weights.of(arrays, Map.of()), m);
            NDList in = new NDList();
            for (int i = 0; i < inputs.size(); i++) {
                in.add(m.create(inputs.get(i), OneLayerNets.batched(1, types.get(i))));
            }
            NDArray out = block.forward(new ParameterStore(m, false), in, training).head();
            return new Run(out.toFloatArray(), out.getShape(), byName);
        }
    }

    private float[] randoms(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    @Test
    void deconvolutionIsTheTransposeOfConvolution() {
        int c = 2;
        int co = 3;
        int h = 3;
        int w = 4;
        int[] k = {3, 2};
        int[] s = {2, 3};
        int[] p = {1, 0};
        int[] op = {1, 2};
        Layer layer = Layer.of("Deconvolution", "channels", co, "kernel", List.of(3, 2), "stride", List.of(2, 3),
                "padding", List.of(1, 0), "outputPadding", List.of(1, 2));
        float[] x = randoms(c * h * w);
        Run r = run(layer, List.of(TensorType.real(c, h, w)), List.of(x), false);
        int ho = (h - 1) * s[0] - 2 * p[0] + k[0] + op[0];
        int wo = (w - 1) * s[1] - 2 * p[1] + k[1] + op[1];
        assertThat(r.shape()).isEqualTo(new Shape(1, co, ho, wo));
        float[] weights = r.arrays().get("weights");
        float[] bias = r.arrays().get("biases");
        double[] expected = new double[co * ho * wo];
        for (int o = 0; o < co; o++) {
            for (int i = 0; i < ho * wo; i++) {
                expected[o * ho * wo + i] = bias[o];
            }
        }
        // Each input value scatters its kernel, times the value, onto the output at stride spacing.
        for (int ci = 0; ci < c; ci++) {
            for (int iy = 0; iy < h; iy++) {
                for (int ix = 0; ix < w; ix++) {
                    for (int o = 0; o < co; o++) {
                        for (int ky = 0; ky < k[0]; ky++) {
                            for (int kx = 0; kx < k[1]; kx++) {
                                int oy = iy * s[0] - p[0] + ky;
                                int ox = ix * s[1] - p[1] + kx;
                                if (oy >= 0 && oy < ho && ox >= 0 && ox < wo) {
                                    expected[(o * ho + oy) * wo + ox] += x[(ci * h + iy) * w + ix]
                                            * weights[((ci * co + o) * k[0] + ky) * k[1] + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        assertClose(r.output(), expected);
    }

    @Test
    void attentionWithHeadsAndCausalMask() {
        int m = 4;
        int n = 4;
        int d = 4;
        int v = 6;
        int heads = 2;
        Layer layer = Layer.of("Attention", "heads", heads, "mask", "causal");
        float[] key = randoms(m * d);
        float[] value = randoms(m * v);
        float[] query = randoms(n * d);
        Run r = run(layer, List.of(TensorType.real(m, d), TensorType.real(m, v), TensorType.real(n, d)),
                List.of(key, value, query), false);
        int dk = d / heads;
        int dv = v / heads;
        double[] expected = new double[n * v];
        for (int hd = 0; hd < heads; hd++) {
            for (int i = 0; i < n; i++) {
                double[] score = new double[m];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    for (int t = 0; t < dk; t++) {
                        score[j] += query[i * d + hd * dk + t] * key[j * d + hd * dk + t];
                    }
                    score[j] /= Math.sqrt(dk);
                    max = Math.max(max, score[j]);
                }
                double sum = 0;
                for (int j = 0; j <= i; j++) {
                    score[j] = Math.exp(score[j] - max);
                    sum += score[j];
                }
                for (int j = 0; j <= i; j++) {
                    for (int t = 0; t < dv; t++) {
                        expected[i * v + hd * dv + t] += score[j] / sum * value[j * v + hd * dv + t];
                    }
                }
            }
        }
        assertClose(r.output(), expected);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Row {@code row} of W·x + b for a weights matrix {@code rows×cols} stored row-major. */
    private static double affine(float[] w, float[] b, int row, int cols, double[] x) {
        double s = b[row];
        for (int j = 0; j < cols; j++) {
            s += w[row * cols + j] * x[j];
        }
        return s;
    }

    /** A recurrent layer's arrays as PyTorch lays them out: the gates' rows one after another, input and state parts apart. */
    private record Gates(float[] inputWeights, float[] stateWeights, float[] inputBiases, float[] stateBiases) {
        Gates(Run r) {
            this(r.arrays().get("inputWeights"), r.arrays().get("stateWeights"), r.arrays().get("inputBiases"),
                    r.arrays().get("stateBiases"));
        }

        /** Row {@code row} of the input part, W_i·x + b_i. */
        double input(int row, double[] x) {
            return affine(inputWeights, inputBiases, row, x.length, x);
        }

        /** Row {@code row} of the state part, W_h·h + b_h. */
        double state(int row, double[] h) {
            return affine(stateWeights, stateBiases, row, h.length, h);
        }
    }

    @Test
    void lstmUsesPyTorchsGateOrderAndTwoBiases() {
        int u = 2;
        int d = 3;
        int steps = 3;
        float[] x = randoms(steps * d);
        Run r = run(Layer.of("LSTM", "units", u), List.of(TensorType.real(steps, d)), List.of(x), false);
        Gates g = new Gates(r);
        double[] h = new double[u];
        double[] c = new double[u];
        double[] expected = new double[steps * u];
        for (int t = 0; t < steps; t++) {
            double[] xt = new double[d];
            for (int j = 0; j < d; j++) {
                xt[j] = x[t * d + j];
            }
            double[] nh = new double[u];
            for (int q = 0; q < u; q++) {
                // Gates in PyTorch's order: input, forget, cell candidate, output.
                double i = sigmoid(g.input(q, xt) + g.state(q, h));
                double f = sigmoid(g.input(u + q, xt) + g.state(u + q, h));
                double candidate = Math.tanh(g.input(2 * u + q, xt) + g.state(2 * u + q, h));
                double o = sigmoid(g.input(3 * u + q, xt) + g.state(3 * u + q, h));
                c[q] = f * c[q] + i * candidate;
                nh[q] = o * Math.tanh(c[q]);
            }
            h = nh;
            System.arraycopy(h, 0, expected, t * u, u);
        }
        assertClose(r.output(), expected);
    }

    @Test
    void gruUsesPyTorchsGateOrderWithTheResetInsideTheCandidate() {
        int u = 2;
        int d = 2;
        int steps = 3;
        float[] x = randoms(steps * d);
        Run r = run(Layer.of("GRU", "units", u, "returnSequences", false), List.of(TensorType.real(steps, d)),
                List.of(x), false);
        Gates g = new Gates(r);
        double[] h = new double[u];
        for (int t = 0; t < steps; t++) {
            double[] xt = {x[t * d], x[t * d + 1]};
            double[] nh = new double[u];
            for (int q = 0; q < u; q++) {
                double reset = sigmoid(g.input(q, xt) + g.state(q, h));
                double update = sigmoid(g.input(u + q, xt) + g.state(u + q, h));
                double candidate = Math.tanh(g.input(2 * u + q, xt) + reset * g.state(2 * u + q, h));
                nh[q] = (1 - update) * candidate + update * h[q];
            }
            h = nh;
        }
        assertThat(r.shape()).isEqualTo(new Shape(1, u));
        assertClose(r.output(), h);
    }

    @Test
    void samePaddingWithAnEvenKernelPutsTheExtraZeroAfter() {
        float[] x = {1, 2, 3, 4};
        Run r = run(Layer.of("Convolution", "channels", 1, "kernel", 2, "padding", "same"),
                List.of(TensorType.real(1, 4)), List.of(x), false);
        float[] w = r.arrays().get("weights");
        float b = r.arrays().get("biases")[0];
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = b + w[0] * x[i] + (i + 1 < 4 ? w[1] * x[i + 1] : 0);
        }
        assertClose(r.output(), expected);
    }

    @Test
    void meanPoolingAveragesOnlyWhatTheWindowCovers() {
        float[] x = {1, 2, 3, 4, 5};
        Run r = run(Layer.of("Pooling", "function", "mean", "kernel", 3, "stride", 2, "padding", 1),
                List.of(TensorType.real(1, 5)), List.of(x), false);
        assertClose(r.output(), new double[] {1.5, 3, 4.5});
        Run max = run(Layer.of("Pooling", "kernel", 3, "stride", 2, "padding", 1), List.of(TensorType.real(1, 5)),
                List.of(new float[] {-1, -2, -3, -4, -5}), false);
        assertClose(max.output(), new double[] {-1, -2, -4});
    }

    @Test
    void batchNormUsesBatchStatisticsWhileTrainingAndMovesItsAveragesByTheMomentum() {
        CompiledNet block = NetCompiler.compile(OneLayerNets.around(Layer.of("BatchNorm", "momentum", 0.25),
                List.of(TensorType.real(2))));
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            NDArray x = m.create(new float[] {1, 10, 3, 20, 5, 30}, new Shape(3, 2));
            NDArray trained = block.forward(new ParameterStore(m, false), new NDList(x), true).head();
            // Channel 0 holds 1, 3, 5: mean 3, biased variance 8/3 for normalising.
            assertThat((double) trained.getFloat(0, 0)).isCloseTo(-2 / Math.sqrt(8.0 / 3 + 1e-5), within(1e-5));
            // Moving mean: 0.75·0 + 0.25·3; moving variance uses the unbiased variance 4: 0.75·1 + 0.25·4.
            assertClose(block.array("layer/movingMean").orElseThrow().parameter().getArray().toFloatArray(),
                    new double[] {0.75, 5});
            assertClose(block.array("layer/movingVar").orElseThrow().parameter().getArray().toFloatArray(),
                    new double[] {1.75, 0.75 + 0.25 * 100});
            NDArray inferred = block.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertThat((double) inferred.getFloat(0, 0)).isCloseTo((1 - 0.75) / Math.sqrt(1.75 + 1e-5), within(1e-5));
        }
    }

    @Test
    void dropoutIsActiveOnlyWhileTraining() {
        CompiledNet block = NetCompiler.compile(OneLayerNets.around(Layer.of("Dropout", "rate", 0.5),
                List.of(TensorType.real(1000))));
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            NDArray x = m.ones(new Shape(1, 1000));
            float[] inference = block.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
            float[] training = block.forward(new ParameterStore(m, false), new NDList(x), true).head().toFloatArray();
            assertThat(inference).containsOnly(1f);
            assertThat(training).containsOnly(0f, 2f).contains(0f, 2f);
        }
    }

    private static void assertClose(float[] actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("value %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }
}
