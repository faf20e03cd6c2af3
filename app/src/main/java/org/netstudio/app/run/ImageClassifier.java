package org.netstudio.app.run;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netstudio.engine.encoding.ClassEncoder;
import org.netstudio.engine.encoding.ClassProbability;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A net of one image input, loaded once, that tells which classes an image most likely shows: the
 * labels of the net's Class decoder (Fashion-MNIST's names, ImageNet's classes), else "class 3".
 * A net that does not end in a Softmax has its scores turned into probabilities. Thread-safe as
 * {@link NetRunner}; close it to free the weights.
 */
public final class ImageClassifier implements AutoCloseable {

    /** The seed of the initial values a net without weights runs with (as File › Export ONNX uses). */
    public static final long UNTRAINED_SEED = 0;

    private final NetRunner runner;
    private final NetNode net;
    /** The layer Grad-CAM looks at, found once: inferring the net's shapes is not for every image. */
    private final String camLayer;
    private final ImageEncoder encoder;
    private final ClassEncoder classes;
    private final boolean probabilities;

    private ImageClassifier(NetRunner runner, NetNode net, ImageEncoder encoder, ClassEncoder classes,
                            boolean probabilities) {
        this.runner = runner;
        this.net = net;
        this.camLayer = camLayerOf(net);
        this.encoder = encoder;
        this.classes = classes;
        this.probabilities = probabilities;
    }

    /**
     * Loads a net.
     *
     * @param net     a valid net of one image input whose output is a vector of class scores or probabilities
     * @param weights its weights, or null to run it with seeded initial values
     * @param input   how an image becomes the net's input
     * @throws IllegalArgumentException in a sentence when the net does not check, its weights do not
     *     fit, or its output is not a vector of classes
     */
    public static ImageClassifier load(NetNode net, Weights weights, TryableInput.Image input) {
        Objects.requireNonNull(input, "input");
        NetRunner runner = weights == null ? NetRunner.untrained(net, UNTRAINED_SEED) : NetRunner.load(net, weights);
        try {
            if (runner.outputNames().isEmpty()) {
                throw new IllegalArgumentException("The net has no output to read classes from.");
            }
            return new ImageClassifier(runner, net, input.encoder(),
                    outputClasses(runner, "; Try It shows the classes an image net tells apart."),
                    runner.outputIsProbabilities(0));
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    /**
     * The classes of the net's first output: its labels, or numbered ones when it names none.
     *
     * @param why what the message adds after "not a vector of class scores"
     * @throws IllegalArgumentException when that output is not a vector of known size
     */
    static ClassEncoder outputClasses(NetRunner runner, String why) {
        TensorType out = runner.outputTypes().get(0);
        if (!out.isFullyKnown() || out.rank() != 1 || out.elementCount() < 1) {
            throw new IllegalArgumentException("The net's output is " + out.describe() + ", not a vector of class scores"
                    + why);
        }
        int n = (int) out.elementCount();
        List<String> labels = runner.outputLabels(0);
        return new ClassEncoder(labels.size() == n ? labels : numbered(n));
    }

    /** "class 0", "class 1", … for a net whose output names no classes. */
    static List<String> numbered(int n) {
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add("class " + i);
        }
        return l;
    }

    /** The class labels, in the order of the net's output. */
    public List<String> labels() {
        return classes.labels();
    }

    /** The {@code k} most probable classes of an image (fewer when the net has fewer). */
    public ImageGuess classify(BufferedImage image, int k) {
        float[] values = encoder.encode(image);
        float[] out = runner.predict(values).get(0).values();
        float[] p = probabilities ? out : softmax(out);
        List<ClassProbability> top = classes.topK(p, Math.min(k, p.length));
        return new ImageGuess(SeenImage.of(encoder, values), top, p.length, !probabilities,
                explain(values, top.get(0).index()));
    }

    private static String camLayerOf(NetNode net) {
        try {
            return Attributions.lastPictureLayer(net);
        } catch (RuntimeException e) {
            // A net whose shapes cannot all be inferred: saliency still works, Grad-CAM is left out.
            return null;
        }
    }

    /** Where the image shows the class: saliency and Grad-CAM; null when the net has no gradient for it. */
    private Attributions explain(float[] values, int classIndex) {
        try {
            return Attributions.of(runner, net, values, encoder.colorSpace().channels(), encoder.height(),
                    encoder.width(), classIndex, camLayer);
        } catch (IllegalArgumentException e) {
            // A net the gradient cannot pass (an imported operator without one): the classes still show.
            return null;
        }
    }

    /** Probabilities from class scores (a net that does not end in a Softmax), as Try It shows them. */
    public static float[] softmax(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] e = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            e[i] = Math.exp(scores[i] - max);
            sum += e[i];
        }
        float[] p = new float[scores.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    @Override
    public void close() {
        runner.close();
    }
}
