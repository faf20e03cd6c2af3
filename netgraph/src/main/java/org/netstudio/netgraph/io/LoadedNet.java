package org.netstudio.netgraph.io;

import java.util.Objects;
import java.util.Optional;
import org.netstudio.netgraph.net.NetDocument;

/**
 * What opening a net file gives: the document and, when the file carried them, its weights.
 * Immutable; the document is never null.
 */
public final class LoadedNet {

    private final NetDocument document;
    private final Weights weights;

    public LoadedNet(NetDocument document, Weights weights) {
        this.document = Objects.requireNonNull(document, "document");
        this.weights = weights;
    }

    public NetDocument document() {
        return document;
    }

    /** The weights, or empty for a net saved without them (an untrained design). */
    public Optional<Weights> weights() {
        return Optional.ofNullable(weights);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadedNet l && document.equals(l.document) && Objects.equals(weights, l.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(document, weights);
    }

    @Override
    public String toString() {
        return "LoadedNet[" + document.name() + (weights == null ? "" : ", " + weights.size() + " arrays") + "]";
    }
}
