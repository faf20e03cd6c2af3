package org.netstudio.engine.compile;

import java.util.List;
import org.netstudio.netgraph.inference.Diagnostic;

/**
 * A net that cannot be compiled because inference found errors in it. The message is the first
 * error's sentence; {@link #diagnostics()} has them all, for a problems list. Unchecked, as a
 * caller that already checked the net's validity never sees it.
 */
public final class InvalidNetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    /**
     * @param diagnostics the errors, at least one
     */
    public InvalidNetException(List<Diagnostic> diagnostics) {
        super(diagnostics.get(0).message());
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every error inference found, in its order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
