package org.netstudio.netgraph.catalog;

import static org.netstudio.netgraph.catalog.ShapeRule.outputs;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectInput;

import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.tensor.Unification;

/** Losses: each takes an Input and a Target and outputs a scalar Loss. */
final class LossLayers {

    private LossLayers() {
    }

    static List<LayerType> all() {
        return List.of(crossEntropy(), pairwise("MeanSquaredLoss", "The mean of the squared differences.", "MSE", "MeanSquaredError"),
                pairwise("MeanAbsoluteLoss", "The mean of the absolute differences.", "L1", "MeanAbsoluteError"));
    }

    static LayerType crossEntropy() {
        return LayerType.builder("CrossEntropyLoss", Category.LOSS)
                .doc("The cross-entropy between predicted probabilities and the target: a class index, a probability vector, or binary labels.")
                .param(ParamSpec.choice("target", "index", List.of("index", "probabilities", "binary"), "What the Target port holds."))
                .keyParams("target")
                .input("Input", PortRequirement.realOfRank(0, -1, "probabilities (…×classes)"))
                .input("Target", PortRequirement.anything("class indices or probabilities"))
                .outputs("Loss")
                .shape((p, in) -> {
                    TensorType probs = in.get(0);
                    TensorType target = in.get(1);
                    String mode = p.getString("target");
                    if (mode.equals("index")) {
                        if (probs.rankKnown() && probs.rank() == 0) {
                            return rejectInput(0, "index targets need a probability vector, not a scalar");
                        }
                        if (!(target.kind() instanceof ElementKind.Index) && !(target.kind() instanceof ElementKind.AnyKind)) {
                            return rejectInput(1, "with target \"index\" the target must be class indices, but it is "
                                    + target.describe());
                        }
                        if (probs.rankKnown() && target.rankKnown()) {
                            if (target.rank() != probs.rank() - 1) {
                                return rejectInput(1, "the target must be " + (probs.rank() == 1 ? "one class index"
                                        : "one class index per vector of " + probs.describe()) + ", but it is " + target.describe());
                            }
                            Dim classes = probs.dim(-1);
                            if (target.kind() instanceof ElementKind.Index idx && idx.rangeKnown() && classes.isFixed()
                                    && idx.size() != classes.size()) {
                                return rejectInput(1, "the target has " + idx.size() + " classes, but the input has "
                                        + classes.size() + " probabilities");
                            }
                        }
                    } else {
                        if (!(target.kind() instanceof ElementKind.Real) && !(target.kind() instanceof ElementKind.AnyKind)) {
                            return rejectInput(1, "with target \"" + mode + "\" the target must be real numbers, but it is "
                                    + target.describe());
                        }
                        if (probs.unify(target) instanceof Unification.Conflict c) {
                            return rejectInput(1, "the target must have the input's shape " + probs.shapeText() + ": " + c.reason());
                        }
                    }
                    return outputs(TensorType.SCALAR);
                })
                .build();
    }

    static LayerType pairwise(String name, String doc, String... aliases) {
        return LayerType.builder(name, Category.LOSS)
                .aliases(aliases)
                .doc(doc + " Input and Target must have the same shape.")
                .input("Input", PortRequirement.anyReal("an array of real numbers"))
                .input("Target", PortRequirement.anyReal("an array of real numbers"))
                .outputs("Loss")
                .shape((p, in) -> {
                    if (in.get(0).unify(in.get(1)) instanceof Unification.Conflict c) {
                        return rejectInput(1, "the target must have the input's shape " + in.get(0).shapeText() + ": " + c.reason());
                    }
                    return outputs(TensorType.SCALAR);
                })
                .build();
    }
}
