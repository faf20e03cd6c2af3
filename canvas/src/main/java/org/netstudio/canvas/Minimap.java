package org.netstudio.canvas;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeItem;

/**
 * An overview of the whole level with the visible part outlined; click or drag in it to move the
 * view there. Nodes are painted on one {@link Canvas} (cheap for 1,000 nodes) in the category
 * colours of the theme, which it reads from CSS-styled swatches.
 */
public final class Minimap extends Region {

    private static final double W = 180;
    private static final double H = 120;
    private static final double PAD = 8;

    private final NetCanvas canvas;
    private final Canvas paint = new Canvas(W, H);
    private final Rectangle view = new Rectangle();
    private final Map<String, Rectangle> swatches = new HashMap<>();
    private double scale = 1;
    private double originX;
    private double originY;
    private double offsetX;
    private double offsetY;
    private boolean dirty = true;

    public Minimap(NetCanvas canvas) {
        this.canvas = canvas;
        getStyleClass().add("minimap");
        view.getStyleClass().add("minimap-viewport");
        view.setManaged(false);
        paint.setManaged(false);
        getChildren().addAll(paint, view);
        canvas.getModel().levelProperty().addListener((o, a, b) -> {
            dirty = true;
            requestLayout();
        });
        canvas.zoomProperty().addListener((o, a, b) -> updateView());
        canvas.panXProperty().addListener((o, a, b) -> updateView());
        canvas.panYProperty().addListener((o, a, b) -> updateView());
        canvas.widthProperty().addListener((o, a, b) -> updateView());
        canvas.heightProperty().addListener((o, a, b) -> updateView());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::jump);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::jump);
        setPrefSize(W, H);
        setMinSize(W, H);
        setMaxSize(W, H);
    }

    @Override
    protected void layoutChildren() {
        if (dirty) {
            dirty = false;
            repaint();
        }
    }

    /** The theme's colour for a category, from a hidden swatch styled like a minimap node. */
    private Paint colour(String category) {
        Rectangle r = swatches.computeIfAbsent(category, c -> {
            Rectangle s = new Rectangle(1, 1);
            s.getStyleClass().addAll("minimap-node", c);
            s.setVisible(false);
            s.setManaged(false);
            getChildren().add(s);
            s.applyCss();
            return s;
        });
        return r.getFill() == null ? Color.GRAY : r.getFill();
    }

    private void repaint() {
        LevelView level = canvas.getModel().getLevel();
        double[] b = level.bounds();
        GraphicsContext g = paint.getGraphicsContext2D();
        g.clearRect(0, 0, W, H);
        setVisible(b != null && level.nodes().size() > 1);
        if (b == null) {
            return;
        }
        double bw = Math.max(1, b[2] - b[0]);
        double bh = Math.max(1, b[3] - b[1]);
        scale = Math.min((W - 2 * PAD) / bw, (H - 2 * PAD) / bh);
        originX = b[0];
        originY = b[1];
        offsetX = (W - bw * scale) / 2;
        offsetY = (H - bh * scale) / 2;
        g.setGlobalAlpha(0.85);
        for (NodeItem n : level.nodes()) {
            if (n.placed()) {
                g.setFill(colour(n.category()));
                g.fillRect(mx(n.x()), my(n.y()), Math.max(1.5, n.width() * scale), Math.max(1.5, n.height() * scale));
            }
        }
        updateView();
    }

    private double mx(double x) {
        return offsetX + (x - originX) * scale;
    }

    private double my(double y) {
        return offsetY + (y - originY) * scale;
    }

    private void updateView() {
        double[] a = canvas.toCanvas(0, 0);
        double[] z = canvas.toCanvas(canvas.getWidth(), canvas.getHeight());
        double x1 = Math.max(0, mx(a[0]));
        double y1 = Math.max(0, my(a[1]));
        double x2 = Math.min(W, mx(z[0]));
        double y2 = Math.min(H, my(z[1]));
        view.setVisible(x2 > x1 && y2 > y1);
        view.setX(x1);
        view.setY(y1);
        view.setWidth(Math.max(0, x2 - x1));
        view.setHeight(Math.max(0, y2 - y1));
    }

    private void jump(MouseEvent e) {
        double cx = originX + (e.getX() - offsetX) / scale;
        double cy = originY + (e.getY() - offsetY) / scale;
        canvas.panXProperty().set(canvas.getWidth() / 2 - cx * canvas.zoomProperty().get());
        canvas.panYProperty().set(canvas.getHeight() / 2 - cy * canvas.zoomProperty().get());
        e.consume();
    }
}
