package org.netstudio.engine.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.netstudio.engine.data.ExampleTable;

/**
 * Measures a block on examples of a table in inference mode (no dropout, batch-norm running
 * statistics): the objective's loss and metrics, batch by batch. What a training run does for its
 * validation data after each epoch, and what evaluating a trained net on its test split does.
 */
public final class TableEvaluation {

    private TableEvaluation() {
    }

    /**
     * Evaluates every example of a table.
     *
     * @param block     an initialised block
     * @param table     the examples
     * @param feeding   which columns feed the block
     * @param objective the loss and metrics
     * @param manager   owns the batches (and decides their device: the block's)
     * @param batchSize examples per batch
     * @return the metrics over all examples
     */
    public static Metrics evaluate(Block block, ExampleTable table, Feeding feeding, Objective objective,
                                   NDManager manager, int batchSize) {
        int[] all = new int[table.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        boolean gradMode = PyTorchSupport.isGradMode();
        PyTorchSupport.setGradMode(false);
        try {
            int size = Math.max(1, Math.min(batchSize, all.length));
            return evaluate(block, new ParameterStore(manager, false), manager, new TableReader(table, feeding, size),
                    all, size, objective);
        } finally {
            PyTorchSupport.setGradMode(gradMode);
        }
    }

    static Metrics evaluate(Block block, ParameterStore store, NDManager manager, TableReader batches, int[] indices,
                            int size, Objective objective) {
        Tally tally = new Tally();
        for (int from = 0; from < indices.length; from += size) {
            int count = Math.min(size, indices.length - from);
            try (NDManager batchManager = manager.newSubManager()) {
                batches.prepare(indices, from, count);
                Batch arrays = batches.arrays(batchManager);
                NDList outputs = block.forward(store, batches.blockInputs(arrays), false);
                objective.measure(outputs, arrays, objective.loss(outputs, arrays), tally);
            }
        }
        return tally.metrics();
    }
}
