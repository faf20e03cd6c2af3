package org.netstudio.netgraph.catalog;

import java.util.List;
import org.netstudio.netgraph.tensor.TensorType;

/** An estimate of multiply-adds per example, or -1 when the shapes are not known well enough. */
@FunctionalInterface
public interface CostRule {

    CostRule NONE = (p, in, out) -> 0;

    long multiplyAdds(Params params, List<TensorType> inputs, List<TensorType> outputs);
}
