package org.netstudio.netgraph.catalog;

import static org.netstudio.netgraph.catalog.ShapeRule.outputs;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectParam;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.expression.Expression;
import org.netstudio.netgraph.expression.ExpressionException;
import org.netstudio.netgraph.tensor.TensorType;

/** Element-wise activations, Elementwise, Softmax, LogSoftmax and Dropout: all keep the shape. */
final class ActivationLayers {

    private static final PortRequirement ANY_REAL = PortRequirement.anyReal("an array of real numbers");

    private ActivationLayers() {
    }

    static List<LayerType> all() {
        List<LayerType> all = new ArrayList<>();
        all.add(simple("Ramp", "max(0, x): the rectified linear unit.", "ReLU", "Rectifier"));
        all.add(simple("Tanh", "The hyperbolic tangent."));
        all.add(simple("Sigmoid", "The logistic sigmoid 1/(1+exp(-x)).", "LogisticSigmoid"));
        all.add(simple("GELU", "The Gaussian error linear unit."));
        all.add(simple("SiLU", "x·sigmoid(x), also called Swish.", "Swish"));
        all.add(simple("ELU", "The exponential linear unit (alpha 1)."));
        all.add(simple("SELU", "The scaled exponential linear unit."));
        all.add(simple("Softplus", "log(1+exp(x)), a smooth ramp."));
        all.add(sameShape("LeakyReLU", Category.ACTIVATION, "x for x > 0, alpha·x otherwise.")
                .param(ParamSpec.optional("alpha", ParamKind.REAL, 0.01, 0.0, "Slope for negative inputs."))
                .keyParams("alpha")
                .build());
        all.add(elementwise());
        all.add(softmax("Softmax", "Turns the values along an axis into probabilities that sum to 1."));
        all.add(softmax("LogSoftmax", "The logarithm of Softmax, computed stably."));
        all.add(sameShape("Dropout", Category.NORMALIZATION,
                "During training, sets each value to 0 with the given probability and scales the rest; does nothing at inference.")
                .param(new ParamSpec("rate", ParamKind.REAL, 0.5, false, 0.0, 1.0, true, null,
                        "Probability of dropping each value, from 0 up to (not including) 1."))
                .keyParams("rate")
                .build());
        return all;
    }

    private static LayerType simple(String name, String doc, String... aliases) {
        return sameShape(name, Category.ACTIVATION, doc).aliases(aliases).build();
    }

    static LayerType.Builder sameShape(String name, Category category, String doc) {
        return LayerType.builder(name, category).doc(doc).input("Input", ANY_REAL).shape(Shapes.SAME_SHAPE);
    }

    private static LayerType elementwise() {
        ShapeRule base = Shapes.SAME_SHAPE;
        return LayerType.builder("Elementwise", Category.ACTIVATION)
                .doc("Applies an expression in x to every value, e.g. \"tanh(x)*sigmoid(x)\".")
                .param(new ParamSpec("function", ParamKind.EXPRESSION, null, true, null, null, false, null,
                        "An expression in x using + - * / ^ and " + String.join(", ", Expression.FUNCTIONS) + ", min(a, b), max(a, b)."))
                .keyParams("function")
                .input("Input", ANY_REAL)
                .shape(new ShapeRule() {
                    @Override
                    public Outcome infer(Params p, List<TensorType> in) {
                        try {
                            Expression.parse(p.getString("function"));
                        } catch (ExpressionException e) {
                            return rejectParam("function " + e.getMessage());
                        }
                        return base.infer(p, in);
                    }

                    @Override
                    public List<TensorType> refineInputs(Params p, List<TensorType> in, List<TensorType> out) {
                        return base.refineInputs(p, in, out);
                    }
                })
                .build();
    }

    private static LayerType softmax(String name, String doc) {
        ShapeRule base = Shapes.SAME_SHAPE;
        return LayerType.builder(name, Category.ACTIVATION)
                .doc(doc)
                .param(ParamSpec.optional("axis", ParamKind.INT, -1, null, "The axis that sums to 1 (-1 = the last)."))
                .input("Input", PortRequirement.realOfRank(1, -1, "an array of rank 1 or more"))
                .shape(new ShapeRule() {
                    @Override
                    public Outcome infer(Params p, List<TensorType> in) {
                        int axis = p.getInt("axis");
                        TensorType t = in.get(0);
                        if (t.rankKnown() && (axis >= t.rank() || axis < -t.rank())) {
                            return rejectParam("axis " + axis + " does not exist in " + t.describe()
                                    + " (it has " + t.rank() + " ax" + (t.rank() == 1 ? "is" : "es") + ")");
                        }
                        return base.infer(p, in);
                    }

                    @Override
                    public List<TensorType> refineInputs(Params p, List<TensorType> in, List<TensorType> out) {
                        return base.refineInputs(p, in, out);
                    }
                })
                .build();
    }
}
