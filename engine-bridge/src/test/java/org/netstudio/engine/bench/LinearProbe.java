package org.netstudio.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Arrays;

/**
 * The fully connected products of all-MiniLM-L6-v2 (per layer: query, key, value and output
 * 384→384, feed-forward 384→1536→384; six layers) on a batch of token vectors, done by DJL's
 * PyTorch alone: how long the engine's share of the model takes when nothing else runs, to compare
 * with the same products measured while ONNX Runtime's threads are about. Random values; not thread-safe.
 */
final class LinearProbe implements AutoCloseable {

    private static final int WIDTH = 384;
    private static final int FEED_FORWARD = 1536;
    private static final int LAYERS = 6;

    private final NDManager manager = NDManager.newBaseManager();
    private final NDArray tokens;
    private final NDArray square;
    private final NDArray up;
    private final NDArray down;

    /** @param rows token vectors in the batch (sentences × padded length) */
    LinearProbe(int rows) {
        tokens = manager.randomNormal(new Shape(rows, WIDTH));
        square = manager.randomNormal(new Shape(WIDTH, WIDTH)).mul(0.05f);
        up = manager.randomNormal(new Shape(FEED_FORWARD, WIDTH)).mul(0.05f);
        down = manager.randomNormal(new Shape(WIDTH, FEED_FORWARD)).mul(0.05f);
    }

    /** Seconds for one pass of all 36 products. */
    double once() {
        long start = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = tokens;
            for (int layer = 0; layer < LAYERS; layer++) {
                NDArray sum = null;
                for (int k = 0; k < 4; k++) {
                    NDArray y = Linear.linear(x, square, null).singletonOrThrow();
                    y.attach(scope);
                    sum = sum == null ? y : sum.addi(y);
                }
                NDArray h = Linear.linear(sum, up, null).singletonOrThrow();
                h.attach(scope);
                x = Linear.linear(h, down, null).singletonOrThrow();
                x.attach(scope);
            }
            x.sum().getFloat();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The median of five passes, after one not counted. */
    double median() {
        once();
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            t[i] = once();
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    @Override
    public void close() {
        manager.close();
    }
}
