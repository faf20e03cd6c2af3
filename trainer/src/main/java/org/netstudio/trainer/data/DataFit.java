package org.netstudio.trainer.data;

import org.netstudio.engine.run.Binding;

/**
 * How the loaded data fits the net with the chosen mapping (the engine's check).
 *
 * @param binding how the data feeds the net (columns to ports, targets, losses), or null while it cannot
 * @param problem why the data does not fit the net, or empty
 */
public record DataFit(Binding binding, String problem) {

    /** Before any data is checked. */
    public static final DataFit NONE = new DataFit(null, "");

    /** Whether the data fits: no problem was found. */
    public boolean fits() {
        return problem.isEmpty();
    }
}
