package org.netstudio.engine.weights;

import java.util.List;

/**
 * Weights that do not fit a net: arrays missing, arrays the net does not have, arrays of another
 * shape or holding whole numbers where the net needs real ones. The message is one sentence for
 * a person, naming the arrays; {@link #problems()} lists them one by one.
 */
public final class WeightsMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * @param problems what does not fit, each naming its array; not empty
     */
    public WeightsMismatchException(List<String> problems) {
        super("The weights do not fit the net: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** What does not fit, one entry per missing set, unexpected set or misshapen array. */
    public List<String> problems() {
        return problems;
    }
}
