package org.netstudio.engine.compile;

import ai.djl.ndarray.NDList;
import java.util.HashMap;
import java.util.Map;
import org.netstudio.netgraph.net.NodePath;

/**
 * The recurrent state a net carries from one call to the next, as the Wolfram Language's
 * {@code NetStateObject} does: each recurrent layer starts from the state it ended in last time
 * instead of from zeros, so a generator feeds one new element per step without running the whole
 * text again. Starts empty (every state zero); {@link CompiledNet#forward(ai.djl.training.ParameterStore,
 * NDList, Carry)} reads and updates it. Not thread-safe; one per generation. The states are owned by
 * the manager of the call that made them: keep it open while the carry is in use.
 */
public final class Carry {

    private final Map<NodePath, NDList> states = new HashMap<>();

    NDList get(NodePath layer) {
        return states.get(layer);
    }

    void put(NodePath layer, NDList state) {
        states.put(layer, state);
    }

    /** Forgets every state, so the next call starts from zeros. */
    public void reset() {
        states.clear();
    }

    /** Whether no layer has carried a state yet. */
    public boolean isEmpty() {
        return states.isEmpty();
    }
}
