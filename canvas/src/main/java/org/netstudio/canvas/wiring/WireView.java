package org.netstudio.canvas.wiring;

import javafx.css.PseudoClass;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import org.netstudio.canvas.level.WireGeometry;
import org.netstudio.canvas.level.WireItem;

/** One wire: a CSS-styled curve between two port positions, or a straight line when drawn simple (zoomed out). */
public final class WireView extends Path {

    public static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    public static final PseudoClass TARGET = PseudoClass.getPseudoClass("target");
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final MoveTo start = new MoveTo();
    private final CubicCurveTo curve = new CubicCurveTo();
    private final LineTo line = new LineTo();
    private WireItem item;
    private boolean simple;

    public WireView() {
        getStyleClass().add("wire");
        getElements().addAll(start, curve);
    }

    public WireItem item() {
        return item;
    }

    public void setItem(WireItem w) {
        item = w;
        pseudoClassStateChanged(PROBLEM, w != null && !w.problems().isEmpty());
    }

    /** A straight line when true, the curve when false. */
    public void setSimple(boolean straight) {
        if (straight != simple) {
            simple = straight;
            getElements().set(1, straight ? line : curve);
        }
    }

    public void setEnds(double x1, double y1, double x2, double y2) {
        if (simple) {
            start.setX(x1);
            start.setY(y1);
            line.setX(x2);
            line.setY(y2);
            return;
        }
        double[] c = WireGeometry.controls(x1, y1, x2, y2, item != null && item.loop());
        start.setX(x1);
        start.setY(y1);
        curve.setControlX1(c[0]);
        curve.setControlY1(c[1]);
        curve.setControlX2(c[2]);
        curve.setControlY2(c[3]);
        curve.setX(x2);
        curve.setY(y2);
    }
}
