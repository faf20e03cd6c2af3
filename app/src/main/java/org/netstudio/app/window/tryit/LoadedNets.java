package org.netstudio.app.window.tryit;

import java.util.function.Supplier;

import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * The one net a view has loaded into the engine, kept while the net and its weights stay the same
 * (documents and weights are immutable values, so identity tells), closed when they change. Used on
 * the Try It thread only.
 */
final class LoadedNets<T extends AutoCloseable> {

    private NetNode net;
    private Weights weights;
    private T loaded;

    /** The loaded net for these, loading it (and closing the previous one) when needed. */
    T get(NetNode n, Weights w, Supplier<T> loader) {
        if (loaded != null && n == net && w == weights) {
            return loaded;
        }
        clear();
        loaded = loader.get();
        net = n;
        weights = w;
        return loaded;
    }

    /** Frees the loaded net, if any. */
    void clear() {
        T old = loaded;
        loaded = null;
        net = null;
        weights = null;
        if (old != null) {
            try {
                old.close();
            } catch (Exception e) {
                // Freeing native memory failed; nothing the user can do about it, and nothing is lost.
            }
        }
    }
}
