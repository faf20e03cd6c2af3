package org.netstudio.app.run;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.text.PaddedBatch;
import org.netstudio.engine.text.SentenceEncoder;
import org.netstudio.engine.text.SubwordTokenizer;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * A BERT-style sentence encoder open in NetStudio (the gallery's all-MiniLM-L6-v2 or an edit of it),
 * run as the net it is, with its own weights: each sentence becomes word pieces (all-MiniLM-L6-v2's
 * tokenizer.json, read by {@link SubwordTokenizer}), the net gives one vector per token, and their
 * mean over the real tokens, scaled to unit length, is the sentence's embedding, as sentence-transformers computes it
 * and as {@link SentenceEncoder} does from the ONNX model directly. Thread-safe as {@link NetRunner};
 * close it to free the weights.
 */
public final class SentenceEmbedder implements AutoCloseable {

    private final NetRunner runner;
    private final SubwordTokenizer tokenizer;

    private SentenceEmbedder(NetRunner runner, SubwordTokenizer tokenizer) {
        this.runner = runner;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads a sentence encoder.
     *
     * @param net     a valid net with inputs {@code input_ids} and {@code attention_mask} (and
     *                optionally {@code token_type_ids}) whose first output holds a vector per token
     * @param weights its weights; without them it runs on seeded initial values, which an encoder
     *                imported from ONNX refuses (its constant tables are among its weights)
     * @throws IllegalArgumentException in a sentence when the net does not check, its weights do not
     *     fit, or it has none and opaque ONNX operators
     * @throws java.io.UncheckedIOException when the tokenizer's resource is missing
     */
    public static SentenceEmbedder load(NetNode net, Weights weights) {
        SubwordTokenizer tokenizer;
        try (SentenceEncoder miniLm = SentenceEncoder.miniLm()) {
            // Only the tokenizer is read: the encoder opens its model when first used.
            tokenizer = miniLm.tokenizer();
        }
        if (weights == null && hasOnnxOperators(net)) {
            throw new IllegalArgumentException("The net holds no weights, and an encoder imported from ONNX cannot run"
                    + " on seeded initial values: its constant tables (positions, shapes) are among its weights. Open it"
                    + " with its weights, as the gallery's all-MiniLM-L6-v2 comes.");
        }
        NetRunner runner = weights == null
                ? NetRunner.untrained(net, ImageClassifier.UNTRAINED_SEED) : NetRunner.load(net, weights);
        return new SentenceEmbedder(runner, tokenizer);
    }

    /** Whether the net holds an opaque ONNX operator anywhere (imported nodes without a catalog layer). */
    static boolean hasOnnxOperators(NetNode net) {
        if (net instanceof Layer l) {
            return l.type().equals("OnnxOperator");
        }
        if (net instanceof Chain c) {
            return c.nodes().stream().anyMatch(SentenceEmbedder::hasOnnxOperators);
        }
        if (net instanceof SequenceOperator op) {
            return op.innerNames().stream().anyMatch(n -> hasOnnxOperators(op.inner(n)));
        }
        return ((Graph) net).nodes().values().stream().anyMatch(SentenceEmbedder::hasOnnxOperators);
    }

    /**
     * Embeds sentences together (padded to the longest) and compares every two.
     *
     * @param sentences at least one text; an empty one is allowed
     * @throws IllegalArgumentException when there is no sentence, or the net's output is not a vector per token
     */
    public Embeddings embed(List<String> sentences) {
        Objects.requireNonNull(sentences, "sentences");
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("Write at least one sentence to embed.");
        }
        PaddedBatch batch = PaddedBatch.of(sentences.stream().map(tokenizer::encode).toList(), tokenizer.padId());
        int b = batch.size();
        int len = batch.length();
        TensorValue hidden = runner.run(batch.feed(runner.inputNames())).values().iterator().next();
        long[] shape = hidden.shape();
        if (shape.length != 3 || shape[0] != b || shape[1] != len) {
            throw new IllegalArgumentException("The net's first output is not one vector per token (its shape is "
                    + Arrays.toString(shape) + " for " + b + " sentences of " + len + " tokens).");
        }
        float[][] vectors = pool(hidden.values(), PaddedBatch.floats(batch.mask()), b, len, (int) shape[2]);
        return new Embeddings(sentences, vectors, SentenceEncoder.similarities(vectors));
    }

    /** The mean of each row's real-token vectors, scaled to unit length (a zero vector stays zero). */
    static float[][] pool(float[] hidden, float[] mask, int b, int len, int d) {
        long[] real = new long[mask.length];
        for (int i = 0; i < mask.length; i++) {
            real[i] = mask[i] == 0 ? 0 : 1;
        }
        return SentenceEncoder.pool(java.nio.FloatBuffer.wrap(hidden), real, b, len, d);
    }

    @Override
    public void close() {
        runner.close();
    }
}
