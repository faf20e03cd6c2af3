package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.netstudio.netgraph.net.Edges.edge;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.netstudio.engine.SharedNDManager;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.expression.Expression;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** The engine's numbers against the same numbers computed by hand, in doubles. */
class NumbersByHandTest {

    @RegisterExtension
    static final SharedNDManager MANAGER = new SharedNDManager();

    private static Map<String, TensorType> ordered(String a, TensorType ta, String b, TensorType tb) {
        Map<String, TensorType> m = new LinkedHashMap<>();
        m.put(a, ta);
        m.put(b, tb);
        return m;
    }

    private static Graph graph(Map<String, TensorType> inputs, Map<String, NetNode> nodes, List<Edge> edges,
                               String... outputs) {
        Map<String, PortDecl> ins = new LinkedHashMap<>();
        inputs.forEach((k, v) -> ins.put(k, PortDecl.of(v)));
        Map<String, PortDecl> outs = new LinkedHashMap<>();
        for (String o : outputs) {
            outs.put(o, PortDecl.UNSPECIFIED);
        }
        return new Graph(ins, nodes, edges, outs);
    }

    private static WeightArray array(String key, long[] shape, double[][] rows) {
        float[] v = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[0].length; j++) {
                v[i * rows[0].length + j] = (float) rows[i][j];
            }
        }
        return WeightArray.of(key, shape, v);
    }

    private static WeightArray vector(String key, double... values) {
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values[i];
        }
        return WeightArray.of(key, new long[] {v.length}, v);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void mlpOutputsAndGradientsMatchTheHandComputation() {
        // x (3) → hidden: Linear 3 → Sigmoid → out: Linear 2; loss: MeanSquaredLoss against the target.
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        nodes.put("hidden", Layer.of("Linear", "units", 3));
        nodes.put("squash", Layer.of("Sigmoid"));
        nodes.put("out", Layer.of("Linear", "units", 2));
        nodes.put("loss", Layer.of("MeanSquaredLoss"));
        Graph net = graph(ordered("Input", TensorType.real(3), "Target", TensorType.real(2)), nodes,
                List.of(edge("Input", "hidden.Input"), edge("hidden.Output", "squash.Input"),
                        edge("squash.Output", "out.Input"), edge("out.Output", "Output"),
                        edge("out.Output", "loss.Input"), edge("Target", "loss.Target"), edge("loss.Loss", "Loss")),
                "Output", "Loss");
        double[][] w1 = {{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}, {-0.7, 0.8, 0.9}};
        double[] b1 = {0.01, -0.02, 0.03};
        double[][] w2 = {{0.2, -0.3, 0.4}, {-0.5, 0.6, 0.7}};
        double[] b2 = {0.05, -0.05};
        double[][] x = {{1.0, 2.0, -1.0}, {0.5, -1.5, 2.5}};
        double[][] t = {{0.3, -0.2}, {1.0, 0.5}};

        CompiledNet block = NetCompiler.compile(net);
        try (NDManager m = MANAGER.newSubManager()) {
            NetWeights.load(block, Weights.of(List.of(array("hidden/weights", new long[] {3, 3}, w1),
                    vector("hidden/biases", b1), array("out/weights", new long[] {2, 3}, w2),
                    vector("out/biases", b2)), Map.of()), m);
            NDList inputs = new NDList(m.create(toFloat(x), new Shape(2, 3)), m.create(toFloat(t), new Shape(2, 2)));
            NDList outputs;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                outputs = block.forward(new ParameterStore(m, false), inputs, true);
                collector.backward(outputs.get(1).mean());
            }

            // By hand: h = σ(W1·x + b1), y = W2·h + b2, L = mean over the batch of mean_j (y_j − t_j)².
            int batch = 2;
            double[][] h = new double[batch][3];
            double[][] y = new double[batch][2];
            double[] loss = new double[batch];
            double[][] dW1 = new double[3][3];
            double[] db1 = new double[3];
            double[][] dW2 = new double[2][3];
            double[] db2 = new double[2];
            for (int e = 0; e < batch; e++) {
                for (int k = 0; k < 3; k++) {
                    double z = b1[k];
                    for (int i = 0; i < 3; i++) {
                        z += w1[k][i] * x[e][i];
                    }
                    h[e][k] = sigmoid(z);
                }
                for (int j = 0; j < 2; j++) {
                    y[e][j] = b2[j];
                    for (int k = 0; k < 3; k++) {
                        y[e][j] += w2[j][k] * h[e][k];
                    }
                    loss[e] += (y[e][j] - t[e][j]) * (y[e][j] - t[e][j]) / 2;
                }
                // dL/dy_j = (1/batch) · (2/2) · (y_j − t_j)
                double[] dy = new double[2];
                for (int j = 0; j < 2; j++) {
                    dy[j] = (y[e][j] - t[e][j]) / batch;
                    db2[j] += dy[j];
                    for (int k = 0; k < 3; k++) {
                        dW2[j][k] += dy[j] * h[e][k];
                    }
                }
                for (int k = 0; k < 3; k++) {
                    double dh = dy[0] * w2[0][k] + dy[1] * w2[1][k];
                    double dz = dh * h[e][k] * (1 - h[e][k]);
                    db1[k] += dz;
                    for (int i = 0; i < 3; i++) {
                        dW1[k][i] += dz * x[e][i];
                    }
                }
            }

            assertClose(outputs.get(0), flat(y));
            assertClose(outputs.get(1), loss);
            assertClose(gradient(block, "hidden/weights"), flat(dW1));
            assertClose(gradient(block, "hidden/biases"), db1);
            assertClose(gradient(block, "out/weights"), flat(dW2));
            assertClose(gradient(block, "out/biases"), db2);
        }
    }

    @Test
    void elementwiseMatchesTheExpressionsOwnValues() throws Exception {
        for (String function : List.of("tanh(x)*sigmoid(x)", "2 - x^2/3 + exp(-abs(x))", "min(max(x, -0.5), 0.5) * 2^x",
                "softplus(x) - ramp(x) + sqrt(square(x) + 1) / cos(x) - sin(x)")) {
            Chain net = Chain.of(PortDecl.of(TensorType.real(7)), Layer.of("Elementwise", "function", function));
            double[] x = {-3, -1.5, -0.25, 0, 0.4, 1.2, 2.7};
            CompiledNet block = NetCompiler.compile(net);
            try (NDManager m = MANAGER.newSubManager()) {
                block.initializeParameters(m);
                NDArray out = block.forward(new ParameterStore(m, false),
                        new NDList(m.create(toFloat(new double[][] {x}), new Shape(1, 7))), false).head();
                Expression e = Expression.parse(function);
                double[] expected = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    expected[i] = e.evaluate(x[i]);
                }
                assertClose(out, expected);
            }
        }
    }

    @Test
    void softmaxThenCrossEntropyMatchesTheHandValueAndIsFusedStably() {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        nodes.put("probabilities", Layer.of("Softmax"));
        nodes.put("loss", Layer.of("CrossEntropyLoss"));
        Graph net = graph(ordered("Input", TensorType.real(3), "Target", new TensorType(ElementKind.index(3), List.of())),
                nodes, List.of(edge("Input", "probabilities.Input"), edge("probabilities.Output", "Output"),
                        edge("probabilities.Output", "loss.Input"), edge("Target", "loss.Target"),
                        edge("loss.Loss", "Loss")), "Output", "Loss");
        double[][] scores = {{1.0, 2.0, 0.5}, {-1.0, 0.0, 3.0}, {800, 0, -800}};
        int[] target = {0, 2, 2};
        CompiledNet block = NetCompiler.compile(net);
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            NDList out = block.forward(new ParameterStore(m, false), new NDList(
                    m.create(toFloat(scores), new Shape(3, 3)), m.create(new long[] {0, 2, 2})), false);
            double[] expectedLoss = new double[3];
            double[] expectedProbabilities = new double[9];
            for (int e = 0; e < 3; e++) {
                double max = Math.max(scores[e][0], Math.max(scores[e][1], scores[e][2]));
                double sum = 0;
                for (double s : scores[e]) {
                    sum += Math.exp(s - max);
                }
                for (int j = 0; j < 3; j++) {
                    expectedProbabilities[3 * e + j] = Math.exp(scores[e][j] - max) / sum;
                }
                expectedLoss[e] = -(scores[e][target[e]] - max - Math.log(sum));
            }
            assertClose(out.get(0), expectedProbabilities);
            // The third loss is 1600: exact through the fused log-softmax, where log(softmax) would be clamped.
            assertThat(expectedLoss[2]).isEqualTo(1600.0);
            assertClose(out.get(1), expectedLoss);
        }
    }

    @Test
    void crossEntropyOfProbabilitiesWithoutSoftmaxTakesTheirLogarithm() {
        Graph net = OneLayerNets.around(Layer.of("CrossEntropyLoss", "target", "probabilities"),
                List.of(TensorType.real(2), TensorType.real(2)));
        CompiledNet block = NetCompiler.compile(net);
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            NDArray loss = block.forward(new ParameterStore(m, false), new NDList(
                    m.create(new float[] {0.25f, 0.75f}, new Shape(1, 2)),
                    m.create(new float[] {0.4f, 0.6f}, new Shape(1, 2))), false).head();
            assertClose(loss, new double[] {-(0.4 * Math.log(0.25) + 0.6 * Math.log(0.75))});
        }
    }

    private static NDArray gradient(CompiledNet block, String key) {
        return block.array(key).orElseThrow().parameter().getArray().getGradient();
    }

    private static void assertClose(NDArray actual, double[] expected) {
        float[] a = actual.toFloatArray();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++) {
            assertThat((double) a[i]).as("value %d", i).isCloseTo(expected[i], within(1e-5 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    private static double[] flat(double[][] rows) {
        List<Double> out = new ArrayList<>();
        for (double[] r : rows) {
            for (double v : r) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static float[] toFloat(double[][] rows) {
        double[] f = flat(rows);
        float[] out = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = (float) f[i];
        }
        return out;
    }
}
