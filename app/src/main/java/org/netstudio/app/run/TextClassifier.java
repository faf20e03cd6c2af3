package org.netstudio.app.run;

import java.util.List;
import java.util.Objects;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.encoding.ClassEncoder;
import org.netstudio.engine.encoding.ClassProbability;
import org.netstudio.engine.encoding.TextEncoder;
import org.netstudio.engine.encoding.TextEncoders;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.io.Weights;

/**
 * A text classifier loaded to try it: a text goes through the net's own text encoder, the net
 * runs on the indices (one sequence, of its own length), and its output reads as classes.
 * Owns native memory until {@link #close()}.
 */
public final class TextClassifier implements AutoCloseable {

    private final NetRunner runner;
    private final TextEncoder encoder;
    private final ClassEncoder classes;
    private final boolean probabilities;

    private TextClassifier(NetRunner runner, TextEncoder encoder, ClassEncoder classes, boolean probabilities) {
        this.runner = runner;
        this.encoder = encoder;
        this.classes = classes;
        this.probabilities = probabilities;
    }

    /**
     * Loads a net of one text input whose output is a vector of class scores or probabilities.
     *
     * @param net     the net, its text encoder's alphabet or vocabulary known
     * @param weights its weights, or null to run it with seeded initial values
     * @throws IllegalArgumentException in a sentence when the net does not take text or give classes
     */
    public static TextClassifier load(NetNode net, Weights weights) {
        String port = TextDatasets.textInput(net).orElseThrow(() -> new IllegalArgumentException(
                "The net reads no text (no input has a Characters, Tokens or Subwords encoder)."));
        TextEncoder encoder = TextEncoders.of(PortDecls.inputs(net).get(port).coder(), null);
        NetRunner runner = weights == null ? NetRunner.untrained(net, ImageClassifier.UNTRAINED_SEED)
                : NetRunner.load(net, weights);
        try {
            TensorType out = runner.outputTypes().get(0);
            if (!out.isFullyKnown() || out.rank() != 1 || out.elementCount() < 1) {
                throw new IllegalArgumentException("The net's output is " + out.describe()
                        + ", not a vector of class scores.");
            }
            int n = (int) out.elementCount();
            List<String> labels = runner.outputLabels(0);
            return new TextClassifier(runner, encoder, new ClassEncoder(labels.size() == n ? labels
                    : ImageClassifier.numbered(n)), runner.outputIsProbabilities(0));
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    /**
     * The {@code k} most probable classes of a text (fewer when the net has fewer).
     *
     * @throws IllegalArgumentException when the text encodes to nothing
     */
    public List<ClassProbability> classify(String text, int k) {
        Objects.requireNonNull(text, "text");
        int[] indices = encoder.encode(text);
        if (indices.length == 0) {
            throw new IllegalArgumentException("The text gives the net nothing to read; write a few words.");
        }
        float[] out = runner.predictSequences(List.of(indices)).get(0).get(0).values();
        float[] p = probabilities ? out : ImageClassifier.softmax(out);
        return classes.topK(p, Math.min(k, p.length));
    }

    @Override
    public void close() {
        runner.close();
    }
}
