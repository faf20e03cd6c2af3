package org.netstudio.trainer.boundary;

import java.util.Objects;

/**
 * The class a net predicts at each cell of a square grid over the plane.
 *
 * @param bounds the area covered
 * @param resolution cells per side
 * @param classes {@code resolution²} predicted classes, row by row from the top
 * @param epoch the epoch whose weights made the picture
 */
public record BoundaryPicture(PlaneBounds bounds, int resolution, int[] classes, int epoch) {

    /** Checks the components. */
    public BoundaryPicture {
        Objects.requireNonNull(bounds, "bounds");
        if (classes.length != resolution * resolution) {
            throw new IllegalArgumentException(classes.length + " cells for a " + resolution + "² grid");
        }
    }

    /** The class at column {@code i}, row {@code j}. */
    public int classAt(int i, int j) {
        return classes[j * resolution + i];
    }
}
