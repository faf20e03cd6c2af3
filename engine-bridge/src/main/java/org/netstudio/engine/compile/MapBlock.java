package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.netstudio.netgraph.inference.OperatorInfo;

/**
 * Map: the inner net on every element at once, as one batch of {@code batch·n} elements:
 * {@code (batch, n, …in) → (batch, n, …out)}. In a padded batch the padding elements are computed
 * too and left where they are; each real element's result is its own, as the net sees one element.
 */
final class MapBlock extends OperatorBlock {

    MapBlock(OperatorInfo info, long seed) {
        super(info, seed);
    }

    @Override
    NDList apply(ParameterStore store, NDList inputs, boolean training, Lengths lengths) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        long batch = s.get(0);
        long n = s.get(1);
        CompiledNet net = inner("net");
        NDList in = new NDList(x.reshape(join(new Shape(batch * n), s, 2)));
        // Each element of an example shares the example's lengths of its own varying axes.
        in.addAll(lengthsFor(net, 0, lengths, 1, len -> len.expandDims(1).repeat(1, n).reshape(batch * n)));
        NDArray y = run(net, store, in, training).head();
        return new NDList(y.reshape(join(new Shape(batch, n), y.getShape(), 1)));
    }

    @Override
    Shape[] innerShapes(String name, Shape input) {
        return new Shape[] {join(new Shape(input.get(0) * input.get(1)), input, 2)};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape y = inner("net").getOutputShapes(innerShapes("net", x))[0];
        return new Shape[] {join(new Shape(x.get(0), x.get(1)), y, 1)};
    }
}
