package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.netstudio.engine.tensor.Scalars;

/**
 * The objective of a net made ready for training ({@code CompiledNet.withLosses}): the weighted
 * sum of the batch means of its loss outputs, those the person drew and those attached for
 * outputs with targets. Each trained output is measured against its target column: accuracy for
 * classes (per element for a sequence, its padding left out), mean squared error for real numbers.
 */
public final class LossOutputs implements Objective {

    /**
     * An output measured against its targets.
     *
     * @param output       the block output holding the prediction (scores before a final Softmax)
     * @param name         the net output's name, for metrics
     * @param targetColumn the column of its targets
     * @param classes      whether the targets are classes (else real numbers)
     */
    public record Measured(int output, String name, String targetColumn, boolean classes) {
        public Measured {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(targetColumn, "targetColumn");
        }
    }

    private final double[] weights;
    private final List<Measured> measured;
    /** Per trained output (index into {@code measured}), the weight of each class, where classes are weighted. */
    private final Map<Integer, float[]> classWeights;

    /**
     * @param weights  the weight of each loss output, which are the block's first outputs: the
     *                 net's own losses, then one attached loss per measured output, in order
     * @param measured the outputs to measure
     */
    public LossOutputs(double[] weights, List<Measured> measured) {
        this(weights, measured, Map.of());
    }

    private LossOutputs(double[] weights, List<Measured> measured, Map<Integer, float[]> classWeights) {
        this.weights = weights.clone();
        this.measured = List.copyOf(measured);
        this.classWeights = Map.copyOf(classWeights);
    }

    /** The outputs trained against class targets (cross-entropy), by their index in {@link #measured()}. */
    public List<Measured> measured() {
        return measured;
    }

    /**
     * The same objective with the attached losses of some outputs weighted by class:
     * {@code Σ w[y]·loss / Σ w[y]} over a batch (see {@link ClassWeights}).
     *
     * @param perOutput for an index into {@link #measured()}, one weight per class
     * @return the weighted objective
     */
    public LossOutputs withClassWeights(Map<Integer, float[]> perOutput) {
        return new LossOutputs(weights, measured, perOutput);
    }

    @Override
    public NDArray loss(NDList outputs, Batch batch) {
        NDArray total = null;
        int own = weights.length - measured.size();
        for (int i = 0; i < weights.length; i++) {
            float[] byClass = i >= own ? classWeights.get(i - own) : null;
            NDArray term = byClass == null ? outputs.get(i).mean()
                    : weightedMean(outputs.get(i), batch.array(measured.get(i - own).targetColumn()), byClass);
            if (weights[i] != 1) {
                term = Scalars.times(term, weights[i]);
            }
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    @Override
    public void measure(NDList outputs, Batch batch, NDArray loss, Tally tally) {
        tally.addLoss(loss.getFloat(), batch.count());
        for (Measured m : measured) {
            NDArray prediction = outputs.get(m.output());
            NDArray target = batch.array(m.targetColumn());
            NDArray lengths = batch.lengths(m.targetColumn());
            if (m.classes()) {
                NDArray right = prediction.argMax(-1).eq(target.toType(DataType.INT64, false).reshape(
                        prediction.getShape().slice(0, prediction.getShape().dimension() - 1)));
                if (lengths != null && right.getShape().dimension() == 2) {
                    NDArray real = realElements(lengths, right.getShape().get(1));
                    tally.addClasses(m.name(), right.logicalAnd(real).sum().getLong(), lengths.sum().getLong());
                } else {
                    tally.addClasses(m.name(), right.sum().getLong(), right.size());
                    BatchMeasures.classes(tally, m.name(), prediction, target);
                }
            } else {
                NDArray d = prediction.sub(target.reshape(prediction.getShape())).square();
                if (lengths != null && d.getShape().dimension() >= 2) {
                    NDArray real = realElements(lengths, d.getShape().get(1)).toType(DataType.FLOAT32, false);
                    long[] shape = new long[d.getShape().dimension()];
                    java.util.Arrays.fill(shape, 1);
                    shape[0] = d.getShape().get(0);
                    shape[1] = d.getShape().get(1);
                    NDArray mask = real.reshape(new ai.djl.ndarray.types.Shape(shape)).broadcast(d.getShape());
                    tally.addSquaredError(m.name(), d.mul(mask).sum().getFloat(), (long) mask.sum().getFloat());
                } else {
                    tally.addSquaredError(m.name(), d.sum().getFloat(), d.size());
                    BatchMeasures.regression(tally, m.name(), prediction, target);
                }
            }
        }
    }

    /** {@code Σ w[y]·loss / Σ w[y]}: per-example losses weighted by their class; plain mean for other shapes. */
    private static NDArray weightedMean(NDArray perExample, NDArray target, float[] byClass) {
        if (perExample.getShape().dimension() != 1 || target.size() != perExample.size()) {
            return perExample.mean();
        }
        NDArray table = perExample.getManager().create(byClass).toDevice(perExample.getDevice(), false);
        NDArray w = table.gather(target.toType(DataType.INT64, false).reshape(-1), 0);
        return perExample.mul(w).sum().div(w.sum());
    }

    private static NDArray realElements(NDArray lengths, long length) {
        NDArray positions = lengths.getManager().arange(0, length, 1, DataType.INT64, lengths.getDevice()).expandDims(0);
        return positions.lt(lengths.expandDims(1));
    }

    @Override
    public boolean classification() {
        return measured.stream().anyMatch(Measured::classes);
    }
}
