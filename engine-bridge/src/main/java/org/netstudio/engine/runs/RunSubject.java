package org.netstudio.engine.runs;

import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;

/**
 * What a run trains, for its record: the net as it was at the start, its starting weights, the
 * data, where the training came from and free tags.
 *
 * @param net the net document trained (copied into the run as {@code net.nsnet}), not null
 * @param weights the weights training starts from, or {@link Weights#EMPTY}
 * @param data the data's name as the user gave it, e.g. "spirals" or a file path, not null
 * @param dataDescription a sentence about the data (sizes, columns), may be empty
 * @param origin who started the run: "cli", "panel", "sweep ID trial N", not null
 * @param tags free labels, may be empty
 */
public record RunSubject(NetDocument net, Weights weights, String data, String dataDescription, String origin,
        List<String> tags) {

    /** Checks and copies the components. */
    public RunSubject {
        Objects.requireNonNull(net, "net");
        weights = weights == null ? Weights.EMPTY : weights;
        Objects.requireNonNull(data, "data");
        dataDescription = dataDescription == null ? "" : dataDescription;
        Objects.requireNonNull(origin, "origin");
        tags = List.copyOf(tags);
    }

    /** A subject without a data description or tags. */
    public static RunSubject of(NetDocument net, Weights weights, String data, String origin) {
        return new RunSubject(net, weights, data, "", origin, List.of());
    }
}
