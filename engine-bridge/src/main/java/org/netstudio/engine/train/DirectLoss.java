package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.netstudio.engine.data.Dataset;

/**
 * The objective of a hand-written block with one prediction output: a loss chosen from the
 * dataset's targets ({@link Losses}) between the block's first output and the target column.
 */
record DirectLoss(Losses losses, String targetColumn, Dataset data) implements Objective {

    @Override
    public NDArray loss(NDList outputs, Batch batch) {
        return losses.loss(outputs.head(), batch.array(targetColumn));
    }

    @Override
    public void measure(NDList outputs, Batch batch, NDArray loss, Tally tally) {
        tally.addLoss(loss.getFloat(), batch.count());
        NDArray target = batch.array(targetColumn);
        if (losses.classification()) {
            tally.addClasses("Output", losses.correct(outputs.head(), target), batch.count());
            BatchMeasures.classes(tally, "Output", outputs.head(), target);
        } else {
            BatchMeasures.regression(tally, "Output", outputs.head(), target);
        }
    }

    @Override
    public String check(NDList outputs, Batch batch) {
        return losses.checkOutput(outputs.head().getShape(), data);
    }

    @Override
    public boolean classification() {
        return losses.classification();
    }
}
