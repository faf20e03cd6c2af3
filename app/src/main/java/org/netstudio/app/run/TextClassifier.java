package org.netstudio.app.run;

import java.util.List;
import java.util.Objects;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.encoding.ClassProbability;
import org.netstudio.engine.encoding.TextEncoder;
import org.netstudio.engine.encoding.TextEncoders;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.io.Weights;

/**
 * A text classifier loaded to try it: a text goes through the net's own text encoder, the net
 * runs on the indices (one sequence, of its own length), and its output reads as classes.
 * Owns native memory until {@link #close()}.
 */
public final class TextClassifier extends NetClassifier<TextEncoder> {

    // The gradient explains a class at the first Embedding, where the text's units become vectors.
    private TextClassifier(NetRunner runner, NetNode net, TextEncoder encoder) {
        super(runner, net, encoder, firstEmbedding(net), ".");
    }

    /**
     * Loads a net of one text input whose output is a vector of class scores or probabilities.
     *
     * @param net     the net, its text encoder's alphabet or vocabulary known
     * @param weights its weights, or null to run it with seeded initial values
     * @throws IllegalArgumentException in a sentence when the net does not take text or give classes
     */
    public static TextClassifier load(NetNode net, Weights weights) {
        return load(net, weights, null);
    }

    /**
     * As {@link #load(NetNode, Weights)}, for a net read from a file in {@code base}, where a
     * tokenizer path in its encoder starts.
     */
    public static TextClassifier load(NetNode net, Weights weights, java.nio.file.Path base) {
        String port = TextDatasets.textInput(net).orElseThrow(() -> new IllegalArgumentException(
                "The net reads no text (no input has a Characters, Tokens or Subwords encoder)."));
        TextEncoder encoder = TextEncoders.of(PortDecls.inputs(net).get(port).coder(), base);
        return loading(net, weights, runner -> new TextClassifier(runner, net, encoder));
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
        return top(probabilities(runner.predictSequences(List.of(indices)).get(0).get(0).values()), k);
    }

    /**
     * Which units of a text (characters, words) the net leaned on for a class: for each, the size
     * of gradient × value at the net's first Embedding (the unit's vector), summed over the vector
     * and scaled so that the largest is 1 — saliency, as images have it, one number per unit.
     *
     * @param text       the text
     * @param classIndex the class whose score is explained
     * @return the units as the encoder reads them and their weights; empty when the net has no
     *     Embedding the gradient reaches
     */
    public java.util.Optional<TextAttribution> explain(String text, int classIndex) {
        int[] indices = encoder.encode(text);
        if (indices.length == 0 || explainedLayer == null) {
            return java.util.Optional.empty();
        }
        float[] asFloats = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            asFloats[i] = indices[i];
        }
        org.netstudio.engine.run.Probe probe = runner.probe(List.of(org.netstudio.engine.tensor.TensorValue.of(asFloats,
                1, indices.length)), List.of(explainedLayer), new org.netstudio.engine.run.GradientOf.Score(
                net.outputNames().get(0), classIndex));
        org.netstudio.engine.tensor.TensorValue g = probe.gradients().get(explainedLayer);
        if (g == null) {
            return java.util.Optional.empty();
        }
        float[] v = probe.values().get(explainedLayer).values();
        float[] grad = g.values();
        int width = grad.length / indices.length;
        float[] weights = new float[indices.length];
        float max = 0;
        for (int u = 0; u < indices.length; u++) {
            double sum = 0;
            for (int d = 0; d < width; d++) {
                sum += grad[u * width + d] * v[u * width + d];
            }
            weights[u] = (float) Math.abs(sum);
            max = Math.max(max, weights[u]);
        }
        // One index per character: show the text's own characters (an unknown one decodes to U+FFFD).
        int[] codePoints = text.codePoints().toArray();
        boolean perCharacter = codePoints.length == indices.length && "characters".equals(encoder.units());
        List<String> units = new java.util.ArrayList<>(indices.length);
        for (int u = 0; u < indices.length; u++) {
            weights[u] = max > 0 ? weights[u] / max : 0;
            units.add(perCharacter ? Character.toString(codePoints[u]) : encoder.decode(new int[] {indices[u]}));
        }
        return java.util.Optional.of(new TextAttribution(units, weights, classIndex));
    }

    /** The first Embedding layer in the net's order: where the units become vectors. */
    private static String firstEmbedding(NetNode net) {
        for (String name : org.netstudio.engine.run.NetPorts.names(net)) {
            if (org.netstudio.netgraph.edit.NetPaths.find(net, org.netstudio.netgraph.net.NodePath.parse(name))
                    .orElse(null) instanceof org.netstudio.netgraph.net.Layer l && l.type().equals("Embedding")) {
                return name;
            }
        }
        return null;
    }
}
