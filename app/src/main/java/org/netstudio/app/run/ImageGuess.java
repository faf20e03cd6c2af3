package org.netstudio.app.run;

import java.util.List;
import org.netstudio.engine.encoding.ClassProbability;

/**
 * What a net made of one image.
 *
 * @param seen       the image as the net saw it
 * @param top        the most probable classes, most probable first
 * @param classCount how many classes the net tells apart
 * @param softmaxed  whether the net's output were scores that Try It turned into probabilities
 *                   (the net does not end in a Softmax)
 * @param attributions where the image shows the most probable class, or null when the gradient
 *                   cannot be had
 */
public record ImageGuess(SeenImage seen, List<ClassProbability> top, int classCount, boolean softmaxed,
                         Attributions attributions) {

    public ImageGuess {
        top = List.copyOf(top);
    }
}
