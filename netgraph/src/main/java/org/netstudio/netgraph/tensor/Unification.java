package org.netstudio.netgraph.tensor;

/** The result of combining two tensor types: either the merged type or the reason they clash. */
public sealed interface Unification permits Unification.Unified, Unification.Conflict {

    record Unified(TensorType type) implements Unification {
    }

    /** {@code reason} is a phrase, e.g. "a vector is not compatible with a matrix". */
    record Conflict(String reason) implements Unification {
    }
}
