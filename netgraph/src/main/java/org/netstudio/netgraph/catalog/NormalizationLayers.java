package org.netstudio.netgraph.catalog;

import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/** BatchNorm and LayerNorm (Dropout lives with the other same-shape layers). */
final class NormalizationLayers {

    private NormalizationLayers() {
    }

    static List<LayerType> all() {
        return List.of(batchNorm(), layerNorm());
    }

    static LayerType batchNorm() {
        return LayerType.builder("BatchNorm", Category.NORMALIZATION)
                .aliases("BatchNormalization")
                .doc("Normalises each channel with the batch's mean and variance while training, and with moving averages at inference.")
                .param(new ParamSpec("epsilon", ParamKind.REAL, 1e-5, false, 0.0, null, false, null, "Added to the variance for stability."))
                .param(new ParamSpec("momentum", ParamKind.REAL, 0.1, false, 0.0, 1.0, false, null, "Weight of the new batch in the moving averages."))
                .input("Input", PortRequirement.realOfRank(1, -1, "an array with channels first (c×…)"))
                .shape(Shapes.SAME_SHAPE)
                .arrays((p, in, out) -> {
                    Dim c = in.get(0).rankKnown() ? in.get(0).dim(0) : Dim.UNKNOWN;
                    return List.of(ArraySpec.trainable("gamma", c), ArraySpec.trainable("beta", c),
                            ArraySpec.state("movingMean", c), ArraySpec.state("movingVar", c));
                })
                .cost((p, in, out) -> in.get(0).elementCount())
                .build();
    }

    static LayerType layerNorm() {
        return LayerType.builder("LayerNorm", Category.NORMALIZATION)
                .aliases("LayerNormalization")
                .doc("Normalises each vector along the last axis to zero mean and unit variance, then scales and shifts it.")
                .param(new ParamSpec("epsilon", ParamKind.REAL, 1e-5, false, 0.0, null, false, null, "Added to the variance for stability."))
                .input("Input", PortRequirement.realOfRank(1, -1, "an array (…×d)"))
                .shape(Shapes.SAME_SHAPE)
                .arrays((p, in, out) -> {
                    TensorType t = in.get(0);
                    Dim d = t.rankKnown() ? t.dim(-1) : Dim.UNKNOWN;
                    return List.of(ArraySpec.trainable("gamma", d), ArraySpec.trainable("beta", d));
                })
                .cost((p, in, out) -> in.get(0).elementCount())
                .build();
    }
}
