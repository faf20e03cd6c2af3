package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.netstudio.engine.compile.LossFunctions;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.Targets;

/**
 * The loss put on a hand-written block's prediction, and its accuracy: cross-entropy from logits
 * or the mean squared error, computed by the same {@link LossFunctions} as the catalog's loss
 * layers.
 */
final class Losses {

    private final LossKind kind;
    private final int classCount;

    /** @param kind a resolved loss (not automatic) @param classCount classes of class targets, else 0 */
    Losses(LossKind kind, int classCount) {
        if (kind == LossKind.AUTOMATIC) {
            throw new IllegalArgumentException("Resolve the loss first");
        }
        this.kind = kind;
        this.classCount = classCount;
    }

    static Losses forData(LossKind loss, Dataset data) {
        LossKind resolved = loss.resolve(data.targets());
        int classes = data.targets() instanceof Targets.Classes c ? c.classCount() : 0;
        return new Losses(resolved, classes);
    }

    LossKind kind() {
        return kind;
    }

    boolean classification() {
        return classCount > 0;
    }

    /**
     * The mean loss of a batch, a scalar.
     *
     * @param prediction {@code (n, outputs)}
     * @param target int64 {@code (n)} class indices, or float32 {@code (n, width)}
     */
    NDArray loss(NDArray prediction, NDArray target) {
        if (kind == LossKind.CROSS_ENTROPY) {
            return LossFunctions.crossEntropyIndex(prediction, target, true).mean();
        }
        NDArray goal = classCount > 0 ? target.oneHot(classCount) : target;
        return LossFunctions.difference(prediction, goal, false).mean();
    }

    /** The number of rows whose highest output is the target class; only for class targets. */
    long correct(NDArray prediction, NDArray target) {
        return prediction.argMax(1).eq(target).sum().getLong();
    }

    /**
     * Explains why a net's per-example output shape cannot be trained against the data, or
     * returns null when it can.
     *
     * @param output the net's output shape for a batch of one, {@code (1, …)}
     * @param data the dataset
     */
    String checkOutput(Shape output, Dataset data) {
        long perExample = output.size() / Math.max(1, output.get(0));
        Shape example = output.slice(1);
        if (classCount > 0) {
            if (output.dimension() != 2 || perExample != classCount) {
                return "The net outputs " + example + " per example, but "
                        + (kind == LossKind.CROSS_ENTROPY ? "cross-entropy needs one logit per class" : "the loss needs one value per class")
                        + ": (" + classCount + ") for the " + classCount + " classes of '" + data.name() + "'";
            }
            return null;
        }
        int width = ((Targets.Values) data.targets()).width();
        if (perExample != width) {
            return "The net outputs " + example + " per example, but the targets of '" + data.name() + "' have "
                    + width + (width == 1 ? " value" : " values") + " per example";
        }
        return null;
    }
}
