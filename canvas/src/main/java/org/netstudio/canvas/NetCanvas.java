package org.netstudio.canvas;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.image.WritableImage;
import org.netstudio.canvas.level.NodeItem;

/**
 * The node editor: shows one graph level of the {@link CanvasModel}'s document and turns mouse,
 * trackpad and keyboard gestures into edits (see the class comment of {@link NetCanvasSkin} for the
 * gestures). View state — zoom and pan — lives here; everything about the net lives in the model.
 * Its component rules ({@link #STYLESHEET}) are its user-agent stylesheet; their colour tokens come
 * from an {@link org.netstudio.assets.Theme} on the scene. Use on the JavaFX thread.
 */
public class NetCanvas extends Control {

    /**
     * The rules of the canvas components (nodes, wires, palette, problems, breadcrumb), in meaning
     * tokens only. A scene that shows the palette, the breadcrumb or the problems list adds it
     * after the theme's token sheets.
     */
    public static final String STYLESHEET = Objects.requireNonNull(
            NetCanvas.class.getResource("canvas.css"), "missing stylesheet canvas.css").toExternalForm();

    public static final double MIN_ZOOM = 0.1;
    public static final double MAX_ZOOM = 4;
    /** Below this zoom, node texts are hidden (they are unreadable and the frames stay cheap). */
    public static final double DETAIL_ZOOM = 0.45;

    private final CanvasModel model;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1) {
        @Override
        public void set(double v) {
            super.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, v)));
        }
    };
    private final DoubleProperty panX = new SimpleDoubleProperty(this, "panX", 0);
    private final DoubleProperty panY = new SimpleDoubleProperty(this, "panY", 0);
    private final CanvasActions actions;

    public NetCanvas(CanvasModel model) {
        this.model = model;
        getStyleClass().add("net-canvas");
        setFocusTraversable(true);
        actions = new CanvasActions(this);
    }

    public CanvasModel getModel() {
        return model;
    }

    /** Screen pixels per canvas unit: 1 is 100%. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** Where canvas point (0, 0) appears, in the control's coordinates. */
    public DoubleProperty panXProperty() {
        return panX;
    }

    public DoubleProperty panYProperty() {
        return panY;
    }

    /** The actions for menus, toolbars and shortcuts. */
    public CanvasActions getActions() {
        return actions;
    }

    // ---- view ------------------------------------------------------------------------------

    /** Canvas coordinates of a point in this control's coordinates. */
    public double[] toCanvas(double localX, double localY) {
        return new double[] {(localX - panX.get()) / zoom.get(), (localY - panY.get()) / zoom.get()};
    }

    /** This control's coordinates of a canvas point. */
    public double[] toLocal(double canvasX, double canvasY) {
        return new double[] {canvasX * zoom.get() + panX.get(), canvasY * zoom.get() + panY.get()};
    }

    /** Zooms to {@code z}, keeping the point (localX, localY) of the control where it is. */
    public void zoomAt(double z, double localX, double localY) {
        double[] c = toCanvas(localX, localY);
        zoom.set(z);
        panX.set(localX - c[0] * zoom.get());
        panY.set(localY - c[1] * zoom.get());
    }

    public void zoomIn() {
        zoomAt(zoom.get() * 1.25, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(zoom.get() / 1.25, getWidth() / 2, getHeight() / 2);
    }

    /** 100%, keeping the centre of the view where it is. */
    public void actualSize() {
        zoomAt(1, getWidth() / 2, getHeight() / 2);
    }

    public void panBy(double dx, double dy) {
        panX.set(panX.get() + dx);
        panY.set(panY.get() + dy);
    }

    /** Shows the whole level, never above 100%. */
    public void zoomToFit() {
        double[] b = model.getLevel().bounds();
        double w = getWidth();
        double h = getHeight();
        if (b == null || w <= 0 || h <= 0) {
            return;
        }
        double margin = 40;
        double z = Math.min(1, Math.min((w - 2 * margin) / (b[2] - b[0]), (h - 2 * margin) / (b[3] - b[1])));
        zoom.set(z);
        z = zoom.get();
        panX.set((w - (b[2] - b[0]) * z) / 2 - b[0] * z);
        panY.set((h - (b[3] - b[1]) * z) / 2 - b[1] * z);
    }

    /** Pans so that the node is in view (centred when it was not visible). */
    public void reveal(String id) {
        NodeItem n = model.getLevel().node(id);
        if (n == null || !n.placed()) {
            return;
        }
        double[] tl = toLocal(n.x(), n.y());
        double[] br = toLocal(n.x() + n.width(), n.y() + n.height());
        if (tl[0] < 0 || tl[1] < 0 || br[0] > getWidth() || br[1] > getHeight()) {
            panX.set(getWidth() / 2 - n.centerX() * zoom.get());
            panY.set(getHeight() / 2 - n.centerY() * zoom.get());
        }
    }

    /** Adds a node of a palette type in the middle of the view (a palette double-click); returns its name. */
    public String addNodeAtCenter(String type) {
        double[] c = toCanvas(getWidth() / 2, getHeight() / 2);
        return model.addNode(type, Math.round(c[0]), Math.round(c[1]));
    }

    // ---- export ----------------------------------------------------------------------------

    /** A picture of the whole level at {@code scale} (1 = 100%), on the canvas background. */
    public WritableImage snapshotLevel(double scale) {
        return skin().snapshotLevel(scale);
    }

    /** Writes the whole level as a PNG image at 100% (2× for crispness when {@code scale} is 2). */
    public void exportPng(Path file, double scale) throws IOException {
        org.netstudio.canvas.export.PngExport.write(snapshotLevel(scale), file);
    }

    /** Writes the whole level as an SVG drawing, in the colours of the current theme. */
    public void exportSvg(Path file) throws IOException {
        org.netstudio.canvas.export.SvgExport.write(model.getLevel(), skin().svgPalette(), file);
    }

    private NetCanvasSkin skin() {
        if (!(getSkin() instanceof NetCanvasSkin s)) {
            throw new IllegalStateException("the canvas is not shown yet");
        }
        return s;
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new NetCanvasSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }
}
