package org.netstudio.engine.compile;

import java.util.Map;
import java.util.Objects;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A catalog loss layer put on one output of a net for training, with a target input of its own:
 * what NetTrain attaches where the net has no loss layer for an output (cross-entropy for
 * classes, mean squared error for real numbers), computed by the same kernels as a loss drawn on
 * the canvas.
 *
 * @param output     the net output the loss reads as its Input
 * @param loss       the loss layer (CrossEntropyLoss, MeanSquaredLoss, MeanAbsoluteLoss)
 * @param targetType the per-example type of the target the data gives
 */
public record AttachedLoss(String output, Layer loss, TensorType targetType) {

    public AttachedLoss {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(targetType, "targetType");
        if (loss.layerType().category() != org.netstudio.netgraph.catalog.Category.LOSS) {
            throw new IllegalArgumentException(loss.type() + " is not a loss layer");
        }
    }

    /** Cross-entropy against class indices (one per example, or one per element of a sequence output). */
    public static AttachedLoss crossEntropy(String output, TensorType targetType) {
        return new AttachedLoss(output, new Layer("CrossEntropyLoss", Map.of("target", "index"), 0), targetType);
    }

    /** The mean squared difference from real targets of the output's shape. */
    public static AttachedLoss meanSquared(String output, TensorType targetType) {
        return new AttachedLoss(output, new Layer("MeanSquaredLoss", Map.of(), 0), targetType);
    }

    /** The name of the block input that takes the target: the output's name with " target". */
    public String targetName() {
        return output + " target";
    }
}
