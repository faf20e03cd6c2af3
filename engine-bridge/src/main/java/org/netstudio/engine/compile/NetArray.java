package org.netstudio.engine.compile;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Objects;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NodePath;

/**
 * One learnable or state array of a compiled net: which layer it belongs to, its catalog name and
 * the DJL parameter that holds its values. Its shape is the catalog's ArraySpec shape (PyTorch's
 * layout, e.g. Linear {@code weights} is {@code units×d}).
 *
 * @param node       the layer's path in the net
 * @param name       the catalog's array name, e.g. {@code "weights"}, {@code "movingMean"}
 * @param trainable  false for state that training updates without gradients (batch-norm moving
 *                   statistics)
 * @param parameter  the DJL parameter; its array exists once the net is initialised
 * @param knownShape the shape inference gives from the net's declared input types, or null when
 *                   it depends on an undeclared input size
 */
public record NetArray(NodePath node, String name, boolean trainable, Parameter parameter, Shape knownShape) {

    public NetArray {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameter, "parameter");
    }

    /** The key of this array in a {@link Weights} map: {@code "<node path>/<array name>"}. */
    public String key() {
        return Weights.key(node, name);
    }
}
