package org.netstudio.netgraph.inference;

import java.util.List;
import org.netstudio.netgraph.catalog.ArraySpec;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * What inference learned about one catalog layer: its resolved port types, its arrays with their
 * shapes, and its multiply-adds per example (-1 when not known).
 *
 * @param where how messages name the layer, e.g. "'conv1' (Convolution, layer 1)"
 */
public record LayerInfo(NodePath path, String where, Layer layer, Params params, List<TensorType> inputs,
                        List<TensorType> outputs, List<ArraySpec> arrays, long multiplyAdds) {

    public LayerInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        arrays = List.copyOf(arrays);
    }

    /** Number of learnable and state values, or -1 when an array's shape is not known. */
    public long parameterCount() {
        return count(null);
    }

    public long trainableCount() {
        return count(true);
    }

    public long nonTrainableCount() {
        return count(false);
    }

    private long count(Boolean trainable) {
        long n = 0;
        for (ArraySpec a : arrays) {
            if (trainable != null && a.trainable() != trainable) {
                continue;
            }
            long s = a.size();
            if (s < 0) {
                return -1;
            }
            n = TensorType.saturatedSum(n, s);
        }
        return n;
    }
}
