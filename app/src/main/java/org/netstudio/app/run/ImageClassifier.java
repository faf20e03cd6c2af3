package org.netstudio.app.run;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import org.netstudio.engine.encoding.ClassProbability;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * A net of one image input, loaded once, that tells which classes an image most likely shows
 * (Fashion-MNIST's names, ImageNet's classes) and where the image shows them.
 */
public final class ImageClassifier extends NetClassifier<ImageEncoder> {

    // The layer Grad-CAM looks at is found once: inferring the net's shapes is not for every image.
    private ImageClassifier(NetRunner runner, NetNode net, ImageEncoder encoder) {
        super(runner, net, encoder, camLayerOf(net), "; Try It shows the classes an image net tells apart.");
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
        return loading(net, weights, runner -> new ImageClassifier(runner, net, input.encoder()));
    }

    /** The {@code k} most probable classes of an image (fewer when the net has fewer). */
    public ImageGuess classify(BufferedImage image, int k) {
        float[] values = encoder.encode(image);
        float[] p = probabilities(runner.predict(values).get(0).values());
        List<ClassProbability> top = top(p, k);
        return new ImageGuess(SeenImage.of(encoder, values), top, p.length, softmaxes(),
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
                    encoder.width(), classIndex, explainedLayer);
        } catch (IllegalArgumentException e) {
            // A net the gradient cannot pass (an imported operator without one): the classes still show.
            return null;
        }
    }
}
