package org.netstudio.trainer.boundary;

import org.netstudio.engine.data.Dataset;

/**
 * The rectangle of the plane a 2-D scatter plot and its decision boundary show.
 *
 * @param xMin left edge
 * @param xMax right edge, more than xMin
 * @param yMin bottom edge
 * @param yMax top edge, more than yMin
 */
public record PlaneBounds(double xMin, double xMax, double yMin, double yMax) {

    /** Checks that the rectangle is not empty. */
    public PlaneBounds {
        if (!(xMax > xMin && yMax > yMin)) {
            throw new IllegalArgumentException("Empty bounds " + xMin + ".." + xMax + " × " + yMin + ".." + yMax);
        }
    }

    /** The points of a 2-D dataset with a 10% margin on each side, square so that circles stay round. */
    public static PlaneBounds around(Dataset data) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.size(); i++) {
            float[] p = data.features(i);
            x0 = Math.min(x0, p[0]);
            x1 = Math.max(x1, p[0]);
            y0 = Math.min(y0, p[1]);
            y1 = Math.max(y1, p[1]);
        }
        if (data.size() == 0) {
            return new PlaneBounds(-1, 1, -1, 1);
        }
        double half = Math.max(Math.max(x1 - x0, y1 - y0), 1e-3) * 0.6;
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        return new PlaneBounds(cx - half, cx + half, cy - half, cy + half);
    }

    /** The x of column {@code i} of {@code n} (cell centres). */
    public double x(int i, int n) {
        return xMin + (i + 0.5) * (xMax - xMin) / n;
    }

    /** The y of row {@code j} of {@code n}, row 0 at the top. */
    public double y(int j, int n) {
        return yMax - (j + 0.5) * (yMax - yMin) / n;
    }
}
