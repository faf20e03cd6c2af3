package org.netstudio.canvas.view;

import javafx.scene.Group;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import org.netstudio.canvas.LevelView;
import org.netstudio.canvas.NetCanvas;
import org.netstudio.canvas.NodeItem;

/**
 * An overview of the whole level with the visible part outlined; click or drag in it to move the
 * view there. Nodes are plain rectangles coloured by category through CSS.
 */
public final class Minimap extends Region {

    private static final double W = 180;
    private static final double H = 120;
    private static final double PAD = 8;

    private final NetCanvas canvas;
    private final Group shapes = new Group();
    private final Rectangle view = new Rectangle();
    private double scale = 1;
    private double originX;
    private double originY;
    private double offsetX;
    private double offsetY;

    public Minimap(NetCanvas canvas) {
        this.canvas = canvas;
        getStyleClass().add("minimap");
        view.getStyleClass().add("minimap-viewport");
        view.setManaged(false);
        shapes.setManaged(false);
        getChildren().addAll(shapes, view);
        canvas.getModel().levelProperty().addListener((o, a, b) -> rebuild());
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
        rebuild();
    }

    private void rebuild() {
        LevelView level = canvas.getModel().getLevel();
        double[] b = level.bounds();
        shapes.getChildren().clear();
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
        for (NodeItem n : level.nodes()) {
            if (!n.placed()) {
                continue;
            }
            Rectangle r = new Rectangle(mx(n.x()), my(n.y()), Math.max(1.5, n.width() * scale),
                    Math.max(1.5, n.height() * scale));
            r.getStyleClass().addAll("minimap-node", n.category());
            shapes.getChildren().add(r);
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
        canvas.panXProperty().set(canvas.getWidth() / 2 - cx * canvas.getZoom());
        canvas.panYProperty().set(canvas.getHeight() / 2 - cy * canvas.getZoom());
        e.consume();
    }
}
