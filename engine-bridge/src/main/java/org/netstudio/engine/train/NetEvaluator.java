package org.netstudio.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.netstudio.engine.data.BatchBuilder;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.device.DjlSetup;

/**
 * Runs an initialised block in inference mode (no dropout, batch-norm running statistics, no
 * autograd) over a dataset: loss and accuracy, or the raw outputs. Works on the device of the
 * block's parameters, on the calling thread; it must not run at the same time as training of the
 * same block. Stateless and thread-safe otherwise.
 */
public final class NetEvaluator {

    private static final int BATCH = 256;

    static {
        DjlSetup.beforeEngineLoads();
    }

    private NetEvaluator() {}

    /**
     * Measures loss and accuracy.
     *
     * @param block an initialised block whose first output is {@code (batch, outputs)}
     * @param inputShape its input shape per example (as given to {@link TrainingLoops#prepare})
     * @param data the examples to evaluate
     * @param loss the loss (see {@link LossKind} for the logits contract)
     * @return the mean loss and, for class targets, the accuracy
     */
    public static Metrics evaluate(Block block, Shape inputShape, Dataset data, LossKind loss) {
        Losses losses = Losses.forData(loss, data);
        Tally tally = new Tally();
        forEachBatch(block, inputShape, data, (prediction, target, count) -> {
            tally.addLoss(losses.loss(prediction, target).getFloat(), count);
            if (losses.classification()) {
                tally.addClasses("Output", losses.correct(prediction, target), count);
                BatchMeasures.classes(tally, "Output", prediction, target);
            } else {
                BatchMeasures.regression(tally, "Output", prediction, target);
            }
        });
        return tally.metrics();
    }

    /**
     * Computes the block's first output for every example.
     *
     * @param block an initialised block
     * @param inputShape its input shape per example
     * @param data the examples (targets are ignored)
     * @return {@code size × outputsPerExample} values, example after example
     */
    public static float[] predict(Block block, Shape inputShape, Dataset data) {
        float[][] parts = new float[(data.size() + BATCH - 1) / BATCH][];
        int[] next = new int[1];
        forEachBatch(block, inputShape, data, (prediction, target, count) -> parts[next[0]++] = prediction.toFloatArray());
        int total = 0;
        for (float[] part : parts) {
            total += part.length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private interface BatchConsumer {
        void accept(NDArray prediction, NDArray target, int count);
    }

    private static void forEachBatch(Block block, Shape inputShape, Dataset data, BatchConsumer consumer) {
        Objects.requireNonNull(block, "block");
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("The block is not initialised; train it or load its parameters first");
        }
        if (inputShape.size() != data.featureLength()) {
            throw new IllegalArgumentException("The net takes inputs of shape " + inputShape + ", but the examples of '"
                    + data.name() + "' have shape " + data.featureShape());
        }
        Device device = block.getParameters().isEmpty() ? Device.cpu()
                : block.getParameters().valueAt(0).getArray().getDevice();
        boolean gradMode = PyTorchSupport.isGradMode();
        PyTorchSupport.setGradMode(false);
        int[] indices = new int[data.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        int size = Math.min(BATCH, data.size());
        BatchBuilder batches = new BatchBuilder(data, size);
        long[] dims = new long[inputShape.dimension() + 1];
        System.arraycopy(inputShape.getShape(), 0, dims, 1, inputShape.dimension());
        try (NDManager manager = NDManager.newBaseManager(device)) {
            ParameterStore store = new ParameterStore(manager, false);
            for (int from = 0; from < indices.length; from += size) {
                int count = Math.min(size, indices.length - from);
                try (NDManager batch = manager.newSubManager()) {
                    dims[0] = count;
                    NDArray x = batches.features(batch, indices, from, count).reshape(new Shape(dims));
                    NDArray y = batches.targets(batch, indices, from, count);
                    NDArray prediction = block.forward(store, new NDList(x), false).head();
                    consumer.accept(prediction, y, count);
                }
            }
        } finally {
            PyTorchSupport.setGradMode(gradMode);
        }
    }
}
