package org.netstudio.app.run;

import java.util.List;
import java.util.function.Function;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.encoding.ClassEncoder;
import org.netstudio.engine.encoding.ClassProbability;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A loaded net whose first output reads as classes, as Try It and {@code predict} read it: the
 * labels of the net's Class decoder, else the classes' indices; a net that does not end in a Softmax has its
 * scores turned into probabilities. What the image and the text classifier add is how their input
 * becomes the net's and how they explain a class. Thread-safe as {@link NetRunner}; close it to
 * free the weights.
 */
public abstract sealed class NetClassifier<E> implements AutoCloseable permits ImageClassifier, TextClassifier {

    final NetRunner runner;
    final NetNode net;
    /** How an input becomes the net's. */
    final E encoder;
    /** The layer whose gradient explains a class (Grad-CAM's, the first Embedding), found once; null when none. */
    final String explainedLayer;
    private final ClassEncoder classes;
    private final boolean probabilities;

    /**
     * @param why what the refusal adds after "not a vector of class scores"
     * @throws IllegalArgumentException when the net's first output is not a vector of known size
     */
    NetClassifier(NetRunner runner, NetNode net, E encoder, String explainedLayer, String why) {
        this.runner = runner;
        this.net = net;
        this.encoder = encoder;
        this.explainedLayer = explainedLayer;
        this.classes = outputClasses(runner, why);
        this.probabilities = runner.outputIsProbabilities(0);
    }

    /**
     * Makes a classifier on a runner of the net (with its weights, or seeded initial values when null),
     * closing the runner when the net is refused.
     */
    static <C extends NetClassifier<?>> C loading(NetNode net, Weights weights, Function<NetRunner, C> make) {
        NetRunner runner = NetRunners.open(net, weights);
        try {
            return make.apply(runner);
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    private static ClassEncoder outputClasses(NetRunner runner, String why) {
        if (runner.outputNames().isEmpty()) {
            throw new IllegalArgumentException("The net has no output to read classes from.");
        }
        TensorType out = runner.outputTypes().get(0);
        if (!out.isFullyKnown() || out.rank() != 1 || out.elementCount() < 1) {
            throw new IllegalArgumentException("The net's output is " + out.describe() + ", not a vector of class scores"
                    + why);
        }
        return new ClassEncoder(classNames(runner.outputLabels(0), (int) out.elementCount()));
    }

    /**
     * The names of an output's {@code n} classes: its labels, or the classes' indices ("0", "1", …,
     * as training names numbered classes) when it has no label for each.
     */
    public static List<String> classNames(List<String> labels, int n) {
        return labels.size() == n ? labels : Targets.Classes.numberedNames(n);
    }

    /** The class labels, in the order of the net's output. */
    public List<String> labels() {
        return classes.labels();
    }

    /** Whether the net gives scores that are turned into probabilities (it does not end in a Softmax). */
    boolean softmaxes() {
        return !probabilities;
    }

    /** The net's output as probabilities. */
    float[] probabilities(float[] output) {
        return probabilities ? output : softmax(output);
    }

    /** The {@code k} most probable classes of these probabilities (fewer when the net has fewer). */
    List<ClassProbability> top(float[] probabilities, int k) {
        return classes.topK(probabilities, Math.min(k, probabilities.length));
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
