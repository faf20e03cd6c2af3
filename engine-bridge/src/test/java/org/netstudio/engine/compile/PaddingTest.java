package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.net.Cells.elman;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.SharedNDManager;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetNode;

/**
 * A padded batch of sequences of different lengths gives, example by example, the outputs, the
 * losses and the gradients of each example run alone: for every sequence layer of the catalog and
 * the sequence operators Map, Fold and Bidirectional. The padding is filled with large random
 * values (not zeros), so a layer that reads it cannot pass by luck.
 */
class PaddingTest {

    private static final int[] LENGTHS = {5, 3, 1};
    private static final int WIDTH = 4;
    @RegisterExtension
    static final SharedNDManager MANAGER = new SharedNDManager();

    /** A net over an input of n vectors of size 4 (and for losses, a target), and whether its output is a sequence. */
    static Stream<Arguments> nets() {
        return Stream.of(
                Arguments.of("LSTM, last state", chain("{\"type\": \"LSTM\", \"units\": 3, \"returnSequences\": false}"), false),
                Arguments.of("LSTM, every state", chain("{\"type\": \"LSTM\", \"units\": 3}"), true),
                Arguments.of("GRU, last state", chain("{\"type\": \"GRU\", \"units\": 3, \"returnSequences\": false}"), false),
                Arguments.of("GRU, every state", chain("{\"type\": \"GRU\", \"units\": 3}"), true),
                Arguments.of("RNN, last state", chain("{\"type\": \"RNN\", \"units\": 3, \"returnSequences\": false}"), false),
                Arguments.of("RNN, every state", chain("{\"type\": \"RNN\", \"units\": 3}"), true),
                Arguments.of("SequenceLast", chain("{\"type\": \"Linear\", \"units\": 3}, {\"type\": \"SequenceLast\"}"), false),
                Arguments.of("SequenceReverse", chain("{\"type\": \"SequenceReverse\"}, {\"type\": \"Linear\", \"units\": 3}"), true),
                Arguments.of("SequenceReverse into a GRU (a backward layer)", chain("{\"type\": \"SequenceReverse\"},"
                        + " {\"type\": \"GRU\", \"units\": 3, \"returnSequences\": false}"), false),
                Arguments.of("GlobalPooling mean over the sequence", chain("{\"type\": \"Transpose\", \"perm\": [1, 0]},"
                        + " {\"type\": \"GlobalPooling\"}"), false),
                Arguments.of("GlobalPooling max over the sequence", chain("{\"type\": \"Transpose\", \"perm\": [1, 0]},"
                        + " {\"type\": \"GlobalPooling\", \"function\": \"max\"}"), false),
                Arguments.of("Aggregation mean over the sequence", chain("{\"type\": \"Aggregation\", \"axes\": [0]}"), false),
                Arguments.of("Aggregation total over the sequence", chain("{\"type\": \"Aggregation\", \"function\": \"total\","
                        + " \"axes\": [0]}"), false),
                Arguments.of("Aggregation max over the sequence", chain("{\"type\": \"Aggregation\", \"function\": \"max\","
                        + " \"axes\": [0]}"), false),
                Arguments.of("Aggregation min over the sequence and its vectors", chain("{\"type\": \"Aggregation\","
                        + " \"function\": \"min\", \"axes\": [0, 1], \"keepAxes\": true}"), false),
                Arguments.of("Softmax along the sequence", chain("{\"type\": \"Softmax\", \"axis\": 0}"), true),
                Arguments.of("Attention", attention(""), true),
                Arguments.of("Attention, causal", attention(", \"mask\": \"causal\""), true),
                Arguments.of("CrossEntropyLoss per element", loss("{\"type\": \"CrossEntropyLoss\"}",
                        "{\"shape\": [\"n\"], \"index\": 3}", true), false),
                Arguments.of("MeanSquaredLoss per element", loss("{\"type\": \"MeanSquaredLoss\"}",
                        "{\"shape\": [\"n\", 3]}", false), false),
                Arguments.of("MeanAbsoluteLoss per element", loss("{\"type\": \"MeanAbsoluteLoss\"}",
                        "{\"shape\": [\"n\", 3]}", false), false),
                Arguments.of("Map of a chain", chain("{\"type\": \"Map\", \"net\": {\"type\": \"Chain\", \"layers\": ["
                        + "{\"type\": \"Linear\", \"units\": 3}, {\"type\": \"Tanh\"}]}}"), true),
                Arguments.of("Map, then the last element", chain("{\"type\": \"Map\", \"net\": {\"type\": \"Linear\","
                        + " \"units\": 3}}, {\"type\": \"SequenceLast\"}"), false),
                Arguments.of("Fold, every state", chain("{\"type\": \"Fold\", \"net\": "
                        + elman(3) + "}"), true),
                Arguments.of("Fold, last state", chain("{\"type\": \"Fold\", \"net\": "
                        + elman(3) + ", \"returnSequences\": false}"), false),
                Arguments.of("Bidirectional LSTM and GRU, catenated", chain("{\"type\": \"Bidirectional\","
                        + " \"forward\": {\"type\": \"LSTM\", \"units\": 3}, \"backward\": {\"type\": \"GRU\", \"units\": 2}}"),
                        true),
                Arguments.of("Bidirectional last states, totalled", chain("{\"type\": \"Bidirectional\", \"merge\": \"total\","
                        + " \"forward\": {\"type\": \"GRU\", \"units\": 3, \"returnSequences\": false},"
                        + " \"backward\": {\"type\": \"LSTM\", \"units\": 3, \"returnSequences\": false}}"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void aPaddedBatchComputesWhatEachExampleComputesAlone(String name, NetNode net, boolean sequenceOutput) {
        CompiledNet block = NetCompiler.compile(net, 11);
        try (NDManager m = MANAGER.newSubManager()) {
            block.initializeParameters(m);
            List<NDArray> params = new ArrayList<>();
            for (NetArray a : block.arrays()) {
                a.parameter().getArray().setRequiresGradient(true);
                params.add(a.parameter().getArray());
            }
            Random random = new Random(5);
            int longest = LENGTHS[0];
            List<float[][]> examples = new ArrayList<>();
            for (int length : LENGTHS) {
                examples.add(randomInputs(block, random, length));
            }
            float[] weights = new float[longest * 8];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) random.nextGaussian();
            }

            // Each example alone.
            List<float[]> aloneOutputs = new ArrayList<>();
            float[][] aloneGradients = new float[params.size()][];
            for (int e = 0; e < LENGTHS.length; e++) {
                NDList inputs = new NDList();
                for (int port = 0; port < block.inputNames().size(); port++) {
                    inputs.add(array(m, block, port, List.of(examples.get(e)[port]), new int[] {LENGTHS[e]}, LENGTHS[e], random, false));
                }
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.zeroGradients();
                    NDArray out = block.forward(new ParameterStore(m, false), inputs, true).head();
                    aloneOutputs.add(out.toFloatArray());
                    if (params.isEmpty()) {
                        continue;
                    }
                    collector.backward(score(out, weights, sequenceOutput ? new int[] {LENGTHS[e]} : null));
                    for (int i = 0; i < params.size(); i++) {
                        float[] g = params.get(i).getGradient().toFloatArray();
                        aloneGradients[i] = aloneGradients[i] == null ? g : add(aloneGradients[i], g);
                    }
                }
            }

            // The padded batch, padding filled with large random values, lengths after the inputs.
            NDList inputs = new NDList();
            for (int port = 0; port < block.inputNames().size(); port++) {
                List<float[]> values = new ArrayList<>();
                for (float[][] ex : examples) {
                    values.add(ex[port]);
                }
                inputs.add(array(m, block, port, values, LENGTHS, longest, random, true));
            }
            inputs.add(m.create(new long[] {LENGTHS[0], LENGTHS[1], LENGTHS[2]}));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.zeroGradients();
                NDArray out = block.forward(new ParameterStore(m, false), inputs, true).head();
                for (int e = 0; e < LENGTHS.length; e++) {
                    float[] alone = aloneOutputs.get(e);
                    float[] padded = out.get(e).toFloatArray();
                    int perStep = sequenceOutput ? alone.length / LENGTHS[e] : alone.length;
                    float[] real = java.util.Arrays.copyOf(padded, sequenceOutput ? LENGTHS[e] * perStep : alone.length);
                    assertThat(real).as("%s: output of example %d (length %d)", name, e, LENGTHS[e])
                            .containsExactly(alone, org.assertj.core.data.Offset.offset(2e-5f));
                }
                if (params.isEmpty()) {
                    return;
                }
                collector.backward(score(out, weights, sequenceOutput ? LENGTHS : null));
                for (int i = 0; i < params.size(); i++) {
                    assertThat(params.get(i).getGradient().toFloatArray())
                            .as("%s: gradient of %s", name, block.arrays().get(i).key())
                            .containsExactly(aloneGradients[i], org.assertj.core.data.Offset.offset(2e-5f));
                }
            }
        }
    }

    /** A scalar that weighs each real output value differently: Σ over examples of Σ over real elements of w·y. */
    private static NDArray score(NDArray out, float[] weights, int[] lengths) {
        NDArray total = null;
        for (int e = 0; e < out.getShape().get(0); e++) {
            NDArray y = out.get(e);
            if (lengths != null) {
                y = y.get("0:" + lengths[e]);
            }
            NDArray flat = y.flatten();
            NDArray w = y.getManager().create(java.util.Arrays.copyOf(weights, (int) flat.size()));
            NDArray term = flat.mul(w).sum();
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private static float[] add(float[] a, float[] b) {
        float[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += b[i];
        }
        return c;
    }

    /** One example's values for each input: reals in [−1, 1), or indices below the input's range. */
    private static float[][] randomInputs(CompiledNet block, Random random, int length) {
        float[][] out = new float[block.inputNames().size()][];
        for (int port = 0; port < out.length; port++) {
            int width = perElement(block, port);
            out[port] = new float[length * width];
            for (int i = 0; i < out[port].length; i++) {
                out[port][i] = isIndex(block, port) ? random.nextInt(3) : random.nextFloat() * 2 - 1;
            }
        }
        return out;
    }

    /** A batch of one input padded to {@code longest}; the padding is large random values when asked. */
    private static NDArray array(NDManager m, CompiledNet block, int port, List<float[]> values, int[] lengths,
                                 int longest, Random random, boolean noisyPadding) {
        int width = perElement(block, port);
        float[] flat = new float[values.size() * longest * width];
        for (int e = 0; e < values.size(); e++) {
            float[] v = values.get(e);
            System.arraycopy(v, 0, flat, e * longest * width, v.length);
            for (int i = lengths[e] * width; i < longest * width; i++) {
                flat[e * longest * width + i] = noisyPadding ? (isIndex(block, port) ? 2 : 50 * (random.nextFloat() - 0.5f)) : 0;
            }
        }
        Shape shape = width == 1 && block.inputTypes().get(port).rank() == 1 ? new Shape(values.size(), longest)
                : new Shape(values.size(), longest, width);
        NDArray a = m.create(flat, shape);
        return isIndex(block, port) ? a.toType(DataType.INT64, false) : a;
    }

    private static boolean isIndex(CompiledNet block, int port) {
        return block.inputTypes().get(port).kind() instanceof org.netstudio.netgraph.tensor.ElementKind.Index;
    }

    private static int perElement(CompiledNet block, int port) {
        var t = block.inputTypes().get(port);
        return t.rank() == 1 ? 1 : t.dim(1).size();
    }

    private static NetNode chain(String layers) {
        return parse("{\"type\": \"Chain\", \"input\": {\"shape\": [\"n\", " + WIDTH + "]}, \"layers\": [" + layers + "]}");
    }

    private static NetNode attention(String options) {
        return parse("{\"type\": \"Graph\", \"inputs\": {\"Input\": {\"shape\": [\"n\", " + WIDTH + "]}},"
                + " \"nodes\": {\"key\": {\"type\": \"Linear\", \"units\": 4}, \"value\": {\"type\": \"Linear\", \"units\": 4},"
                + " \"query\": {\"type\": \"Linear\", \"units\": 4},"
                + " \"attention\": {\"type\": \"Attention\", \"heads\": 2, \"keySize\": 2" + options + "}},"
                + " \"edges\": [{\"from\": \"Input\", \"to\": \"key\"}, {\"from\": \"Input\", \"to\": \"value\"},"
                + " {\"from\": \"Input\", \"to\": \"query\"}, {\"from\": \"key\", \"to\": \"attention.Key\"},"
                + " {\"from\": \"value\", \"to\": \"attention.Value\"}, {\"from\": \"query\", \"to\": \"attention.Query\"},"
                + " {\"from\": \"attention\", \"to\": \"Output\"}], \"outputs\": {\"Output\": {}}}");
    }

    /** A GRU tagger whose per-element scores (3) meet a per-element target in a loss; the loss is the output. */
    private static NetNode loss(String loss, String target, boolean softmax) {
        return parse("{\"type\": \"Graph\", \"inputs\": {\"Input\": {\"shape\": [\"n\", " + WIDTH + "]},"
                + " \"Target\": " + target + "},"
                + " \"nodes\": {\"gru\": {\"type\": \"GRU\", \"units\": 3}, \"scores\": {\"type\": \"Linear\", \"units\": 3},"
                + (softmax ? " \"softmax\": {\"type\": \"Softmax\"}," : "")
                + " \"loss\": " + loss + "},"
                + " \"edges\": [{\"from\": \"Input\", \"to\": \"gru\"}, {\"from\": \"gru\", \"to\": \"scores\"},"
                + (softmax ? " {\"from\": \"scores\", \"to\": \"softmax\"}, {\"from\": \"softmax\", \"to\": \"loss.Input\"},"
                        : " {\"from\": \"scores\", \"to\": \"loss.Input\"},")
                + " {\"from\": \"Target\", \"to\": \"loss.Target\"}, {\"from\": \"loss\", \"to\": \"Loss\"}],"
                + " \"outputs\": {\"Loss\": {}}}");
    }

    private static NetNode parse(String net) {
        try {
            return NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": " + net + "}", "t.json").net();
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }
}
