package org.netstudio.trainer.boundary;

import java.util.List;
import org.netstudio.engine.tensor.ArgMax;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * Evaluates a 2-D classifier on a grid of points, through the engine's {@link NetRunner}, to draw
 * its decision regions. Blocking; call it off the UI thread. Stateless.
 */
public final class DecisionGrid {

    /** Cells per side: fine enough for smooth edges, small enough to cost a few milliseconds. */
    public static final int RESOLUTION = 80;

    private DecisionGrid() {}

    /**
     * Predicts the class of every grid cell.
     *
     * @param net a net taking 2 numbers and giving one score per class
     * @param weights its weights
     * @param bounds the area
     * @param epoch the epoch the weights come from
     * @return the picture
     */
    public static BoundaryPicture compute(NetNode net, Weights weights, PlaneBounds bounds, int epoch) {
        int n = RESOLUTION;
        float[] points = new float[2 * n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int k = 2 * (j * n + i);
                points[k] = (float) bounds.x(i, n);
                points[k + 1] = (float) bounds.y(j, n);
            }
        }
        try (NetRunner runner = NetRunner.load(net, weights)) {
            TensorValue out = runner.run(List.of(TensorValue.of(points, n * n, 2))).get(0);
            return new BoundaryPicture(bounds, n, ArgMax.rows(out.values(), n * n, out.values().length / (n * n)), epoch);
        }
    }
}
