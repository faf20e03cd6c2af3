package org.netstudio.inspector.summary;

import java.util.Objects;
import org.netstudio.netgraph.catalog.Category;
import org.netstudio.netgraph.net.NodePath;

/**
 * One catalog layer in a summary table. Counts are -1 when not known.
 *
 * @param path        where the layer is in the net
 * @param name        the path relative to the container summarised, "conv1" or "block1/conv1"
 * @param type        "Convolution"
 * @param category    the type's palette category, for its colour
 * @param outputShape "20×24×24"; several outputs are separated by commas
 */
public record SummaryRow(NodePath path, String name, String type, Category category, String outputShape,
                         long parameters, long trainable, long multiplyAdds) {

    public SummaryRow {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
