package org.netstudio.netgraph.catalog;

import java.util.List;
import java.util.function.BiFunction;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The pure shape function of a layer type: output types from parameters and input types. Input
 * types may be only partly known (unknown sizes, even unknown rank); a rule then returns what it
 * can, with unknown parts left {@link org.netstudio.netgraph.tensor.Dim#UNKNOWN}. The inputs have
 * already passed their ports' {@link PortRequirement}s. Rules never throw on bad values: they
 * return {@link Rejected}.
 */
@FunctionalInterface
public interface ShapeRule {

    Outcome infer(Params params, List<TensorType> inputs);

    /**
     * Backward flow: what the outputs tell about the inputs (a same-shape layer's input has its
     * output's shape). The default learns nothing.
     */
    default List<TensorType> refineInputs(Params params, List<TensorType> inputs, List<TensorType> outputs) {
        return inputs;
    }

    /** The result of a shape rule. */
    sealed interface Outcome permits Inferred, Rejected {
    }

    record Inferred(List<TensorType> outputs) implements Outcome {
        public Inferred {
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * A problem with the layer. {@code inputIndex} is the offending input (its message should then
     * read as "must be …, but …") or -1 when it is about a parameter; {@code message} is a full
     * clause without the layer's name, e.g. "kernel 7×7 is larger than the 5×5 input".
     */
    record Rejected(int inputIndex, String message) implements Outcome {
    }

    /**
     * The rule of a one-input layer that can tell no more than {@code unknownRank} while its input's
     * rank is unknown; once it is known, {@code known} infers from the input.
     */
    static ShapeRule ofKnownRank(TensorType unknownRank, BiFunction<Params, TensorType, Outcome> known) {
        return (p, in) -> in.get(0).rankKnown() ? known.apply(p, in.get(0)) : outputs(unknownRank);
    }

    static Outcome outputs(TensorType... types) {
        return new Inferred(List.of(types));
    }

    static Outcome rejectParam(String message) {
        return new Rejected(-1, message);
    }

    static Outcome rejectInput(int index, String message) {
        return new Rejected(index, message);
    }
}
