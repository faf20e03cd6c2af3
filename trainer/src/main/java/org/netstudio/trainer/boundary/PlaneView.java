package org.netstudio.trainer.boundary;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.Targets;

/**
 * A square plot of 2-D labelled points, optionally over a net's decision regions (one colour per
 * predicted class). Redraws when its size, points or picture change; draws into one canvas.
 */
public final class PlaneView extends Region {

    private static final int MAX_POINTS = 3000;
    private final Canvas canvas = new Canvas();
    private Dataset points;
    private PlaneBounds bounds;
    private BoundaryPicture picture;
    private WritableImage regions;

    /** An empty plot. */
    public PlaneView() {
        getStyleClass().add("plane-view");
        getChildren().add(canvas);
        setMinSize(120, 120);
        setPrefSize(320, 320);
    }

    /** Shows a dataset's points (features of length 2, class targets); null clears. */
    public void setPoints(Dataset data) {
        this.points = data;
        this.bounds = data == null ? null : PlaneBounds.around(data);
        redraw();
    }

    /** Shows decision regions under the points; null removes them. */
    public void setPicture(BoundaryPicture p) {
        this.picture = p;
        this.regions = p == null ? null : toImage(p);
        if (p != null) {
            bounds = p.bounds();
        }
        redraw();
    }

    /** The picture shown, or null. */
    public BoundaryPicture picture() {
        return picture;
    }

    private static WritableImage toImage(BoundaryPicture p) {
        int n = p.resolution();
        WritableImage image = new WritableImage(n, n);
        PixelWriter w = image.getPixelWriter();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                w.setColor(i, j, ClassColors.region(p.classAt(i, j)));
            }
        }
        return image;
    }

    @Override
    protected void layoutChildren() {
        double side = Math.max(0, Math.min(getWidth(), getHeight()) - 2);
        canvas.setWidth(side);
        canvas.setHeight(side);
        canvas.relocate((getWidth() - side) / 2, (getHeight() - side) / 2);
        redraw();
    }

    private void redraw() {
        double side = canvas.getWidth();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, side, side);
        if (side <= 0 || bounds == null) {
            return;
        }
        if (regions != null) {
            // Cells are a grid of the plane: keep them crisp rather than blurred together.
            g.setImageSmoothing(false);
            g.drawImage(regions, 0, 0, side, side);
        }
        if (points == null || !(points.targets() instanceof Targets.Classes classes)) {
            return;
        }
        int step = Math.max(1, points.size() / MAX_POINTS);
        double r = side > 400 ? 3 : 2.4;
        g.setLineWidth(0.7);
        for (int k = 0; k < points.size(); k += step) {
            float[] p = points.features(k);
            double x = (p[0] - bounds.xMin()) / (bounds.xMax() - bounds.xMin()) * side;
            double y = (bounds.yMax() - p[1]) / (bounds.yMax() - bounds.yMin()) * side;
            g.setFill(ClassColors.point(classes.label(k)));
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            g.setStroke(Color.gray(1, 0.8));
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
        }
    }
}
