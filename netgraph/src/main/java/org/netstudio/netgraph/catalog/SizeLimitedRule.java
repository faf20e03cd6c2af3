package org.netstudio.netgraph.catalog;

import java.util.List;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A layer type's shape rule with NetStudio's size ceiling applied: an output or a learnable array
 * with more than {@link TensorType#MAX_ELEMENTS} elements is rejected with a sentence saying how
 * many it would have, whichever rule computed it. Every catalog type's rule is wrapped (see
 * {@link LayerType}), so a net with sizes near 2^31 gets a diagnostic instead of a negative size.
 */
final class SizeLimitedRule implements ShapeRule {

    private final ShapeRule rule;
    private final ArrayRule arrays;

    private SizeLimitedRule(ShapeRule rule, ArrayRule arrays) {
        this.rule = rule;
        this.arrays = arrays;
    }

    static ShapeRule around(ShapeRule rule, ArrayRule arrays) {
        return rule instanceof SizeLimitedRule ? rule : new SizeLimitedRule(rule, arrays);
    }

    /** The catalog's own rule inside {@code rule} (to tell, e.g., which types keep their input's shape). */
    static ShapeRule inner(ShapeRule rule) {
        return rule instanceof SizeLimitedRule limited ? limited.rule : rule;
    }

    @Override
    public Outcome infer(Params params, List<TensorType> inputs) {
        Outcome outcome = rule.infer(params, inputs);
        if (!(outcome instanceof Inferred inferred)) {
            return outcome;
        }
        for (TensorType out : inferred.outputs()) {
            if (out.elementCount() > TensorType.MAX_ELEMENTS) {
                return ShapeRule.rejectParam(Shapes.tooLarge("its output " + out.shapeText(), out.elementCount()));
            }
        }
        for (ArraySpec a : arrays.arrays(params, inputs, inferred.outputs())) {
            if (a.size() > TensorType.MAX_ELEMENTS) {
                return ShapeRule.rejectParam(Shapes.tooLarge("its array " + a.name() + " (" + a.shapeText() + ")",
                        a.size()));
            }
        }
        return outcome;
    }

    @Override
    public List<TensorType> refineInputs(Params params, List<TensorType> inputs, List<TensorType> outputs) {
        return rule.refineInputs(params, inputs, outputs);
    }
}
