package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.netstudio.netgraph.inference.OperatorInfo;
import org.netstudio.netgraph.net.BidirectionalOperator;

/**
 * Bidirectional: the forward net reads the sequence, the backward net reads it reversed (in a
 * padded batch each example's own elements, padding left at the end, so that the backward net
 * starts from each example's last element), a backward sequence is reversed back the same way,
 * and the two are catenated along the last axis or added.
 */
final class BidirectionalBlock extends OperatorBlock {

    private final boolean catenate;
    private final boolean reverseBack;

    BidirectionalBlock(OperatorInfo info, long seed) {
        super(info, seed);
        this.catenate = ((BidirectionalOperator) info.operator()).merge().equals(BidirectionalOperator.CATENATE);
        this.reverseBack = info.backwardGivesSequence();
    }

    @Override
    NDList apply(ParameterStore store, NDList inputs, boolean training, Lengths lengths) {
        NDArray x = inputs.head();
        NDArray length = lengths.of(0, 1);
        NDArray forward = read(inner("forward"), x, store, training, lengths);
        NDArray reversed = length == null ? x.flip(1) : Lengths.reverse(x, length);
        NDArray backward = read(inner("backward"), reversed, store, training, lengths);
        if (reverseBack) {
            backward = length == null ? backward.flip(1) : Lengths.reverse(backward, length);
        }
        return new NDList(catenate ? forward.concat(backward, -1) : forward.add(backward));
    }

    private static NDArray read(CompiledNet net, NDArray x, ParameterStore store, boolean training, Lengths lengths) {
        NDList in = new NDList(x);
        in.addAll(lengthsFor(net, 0, lengths, 0, len -> len));
        return run(net, store, in, training).head();
    }

    @Override
    Shape[] innerShapes(String name, Shape input) {
        return new Shape[] {input};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape f = inner("forward").getOutputShapes(inputShapes)[0];
        if (!catenate) {
            return new Shape[] {f};
        }
        Shape b = inner("backward").getOutputShapes(inputShapes)[0];
        long[] dims = f.getShape();
        dims[dims.length - 1] += b.get(b.dimension() - 1);
        return new Shape[] {new Shape(dims)};
    }
}
