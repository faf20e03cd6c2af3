package org.netstudio.trainer.boundary;

import javafx.scene.paint.Color;

/**
 * Colours of classes in scatter plots and decision regions: a categorical palette that stays
 * distinguishable for common colour-vision deficiencies, cycled for more classes. These are data
 * colours drawn into images, not theme colours, so they live here and not in CSS.
 */
public final class ClassColors {

    private static final Color[] PALETTE = {
        Color.web("#3b75c4"), Color.web("#e08a2c"), Color.web("#3a9a5b"), Color.web("#c94a4a"),
        Color.web("#8160b8"), Color.web("#8c6448"), Color.web("#d46fb0"), Color.web("#7a7a7a"),
        Color.web("#a8a832"), Color.web("#2fa6b8"),
    };

    private ClassColors() {}

    /** The colour of a class's points. */
    public static Color point(int classIndex) {
        return PALETTE[Math.floorMod(classIndex, PALETTE.length)];
    }

    /** The lighter colour of a class's region, so that points stay readable on it. */
    public static Color region(int classIndex) {
        return point(classIndex).interpolate(Color.WHITE, 0.72);
    }
}
