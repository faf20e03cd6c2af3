package org.netstudio.engine.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.tensor.TensorType;

/** The scalar a probe differentiates, made from an output's scores as {@link GradientOf} says. */
final class Objectives {

    private Objectives() {}

    /**
     * The score or loss.
     *
     * @param of     what to compute
     * @param scores the output, before a closing Softmax, with the batch first
     * @param type   the output's per-example type, for messages
     * @return a scalar
     * @throws IllegalArgumentException when the class index or the target does not fit the output
     */
    static NDArray of(GradientOf of, NDArray scores, TensorType type) {
        if (of instanceof GradientOf.Score score) {
            if (score.component() == null) {
                return scores.sum();
            }
            long classes = scores.getShape().dimension() < 2 ? 1 : scores.getShape().get(scores.getShape().dimension() - 1);
            if (score.component() >= classes) {
                throw new IllegalArgumentException("The output '" + of.output() + "' has " + classes + " value"
                        + (classes == 1 ? "" : "s") + " per position, so class " + score.component()
                        + " does not exist (they count from 0)");
            }
            return scores.get(new NDIndex("..., {}", score.component().longValue())).sum();
        }
        TensorValue target = ((GradientOf.Loss) of).target();
        long batch = scores.getShape().get(0);
        Shape shape = new Shape(target.shape());
        NDArray t = scores.getManager().create(target.values(), shape);
        if (shape.equals(new Shape(batch)) && scores.getShape().dimension() == 2 && scores.getShape().get(1) > 1) {
            long classes = scores.getShape().get(1);
            for (float v : target.values()) {
                if (v != Math.rint(v) || v < 0 || v >= classes) {
                    throw new IllegalArgumentException("The target class " + v + " is not one of the " + classes
                            + " classes of the output '" + of.output() + "' (0 to " + (classes - 1) + ")");
                }
            }
            NDArray chosen = scores.logSoftmax(-1).mul(t.toType(DataType.INT64, false).oneHot((int) classes));
            return chosen.sum(new int[] {1}).mean().neg();
        }
        if (!shape.equals(scores.getShape())) {
            throw new IllegalArgumentException("The target has shape " + Arrays.toString(target.shape())
                    + ", but the output '" + of.output() + "' (" + type.describe() + " per example) has "
                    + scores.getShape() + "; give one class per example or values shaped like the output");
        }
        return scores.sub(t).square().mean();
    }
}
