package org.netstudio.app.run;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.text.PaddedBatch;
import org.netstudio.engine.text.EmbeddingRecipe;
import org.netstudio.engine.text.SentenceEncoder;
import org.netstudio.engine.text.SubwordTokenizer;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.SequenceOperator;

/**
 * A BERT-style sentence encoder open in NetStudio (a gallery sentence encoder such as all-MiniLM-L6-v2
 * or bge-small-en-v1.5, or an edit of one), run as the net it is, with its own weights: each sentence
 * becomes word pieces (the model's tokenizer.json, read by {@link SubwordTokenizer}), the net gives one
 * vector per token, and they are pooled as the model's {@link EmbeddingRecipe} says (the mean over the
 * real tokens, or the [CLS] token's), scaled to unit length, as {@link SentenceEncoder} does from the
 * ONNX model directly. Thread-safe as {@link NetRunner};
 * close it to free the weights.
 */
public final class SentenceEmbedder implements AutoCloseable {

    private final NetRunner runner;
    private final EmbeddingRecipe recipe;

    private SentenceEmbedder(NetRunner runner, EmbeddingRecipe recipe) {
        this.runner = runner;
        this.recipe = recipe;
    }

    /** As {@link #load(NetNode, Weights, EmbeddingRecipe)}, reading sentences as all-MiniLM-L6-v2 does. */
    public static SentenceEmbedder load(NetNode net, Weights weights) {
        return load(net, weights, EmbeddingRecipe.miniLm());
    }

    /**
     * Loads a sentence encoder.
     *
     * @param net     a valid net with inputs {@code input_ids} and {@code attention_mask} (and
     *                optionally {@code token_type_ids}) whose first output holds a vector per token
     * @param weights its weights; without them it runs on seeded initial values, which an encoder
     *                imported from ONNX refuses (its constant tables are among its weights)
     * @param recipe  how the model reads sentences: tokenizer, pooling, prefix (the gallery's index says it per model)
     * @throws IllegalArgumentException in a sentence when the net does not check, its weights do not
     *     fit, or it has none and opaque ONNX operators
     * @throws java.io.UncheckedIOException when the tokenizer's resource is missing
     */
    public static SentenceEmbedder load(NetNode net, Weights weights, EmbeddingRecipe recipe) {
        if (weights == null && hasOnnxOperators(net)) {
            throw new IllegalArgumentException("The net holds no weights, and an encoder imported from ONNX cannot run"
                    + " on seeded initial values: its constant tables (positions, shapes) are among its weights. Open it"
                    + " with its weights, as the gallery's all-MiniLM-L6-v2 comes.");
        }
        return new SentenceEmbedder(NetRunners.open(net, weights), recipe);
    }

    /** Whether the net holds an opaque ONNX operator anywhere (imported nodes without a catalog layer). */
    public static boolean hasOnnxOperators(NetNode net) {
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
        PaddedBatch batch = PaddedBatch.of(recipe.encode(sentences), recipe.tokenizer().padId());
        int b = batch.size();
        int len = batch.length();
        TensorValue hidden = runner.run(batch.feed(runner.inputNames())).values().iterator().next();
        long[] shape = hidden.shape();
        if (shape.length != 3 || shape[0] != b || shape[1] != len) {
            throw new IllegalArgumentException("The net's first output is not one vector per token (its shape is "
                    + Arrays.toString(shape) + " for " + b + " sentences of " + len + " tokens).");
        }
        float[][] vectors = recipe.pooling().pool(java.nio.FloatBuffer.wrap(hidden.values()), batch.mask(), b, len,
                (int) shape[2]);
        return new Embeddings(sentences, vectors, SentenceEncoder.similarities(vectors));
    }

    @Override
    public void close() {
        runner.close();
    }
}
