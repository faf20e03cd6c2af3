package org.netstudio.netgraph.catalog;

import java.util.List;
import org.netstudio.netgraph.tensor.TensorType;

/** The learnable and state arrays of a layer, from its parameters and (possibly partial) input types. */
@FunctionalInterface
public interface ArrayRule {

    ArrayRule NONE = (p, in, out) -> List.of();

    List<ArraySpec> arrays(Params params, List<TensorType> inputs, List<TensorType> outputs);
}
