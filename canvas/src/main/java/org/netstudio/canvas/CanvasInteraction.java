package org.netstudio.canvas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import org.netstudio.canvas.level.HitTest;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeGeometry;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.PortItem;
import org.netstudio.canvas.level.WireGeometry;
import org.netstudio.canvas.level.WireItem;
import org.netstudio.canvas.node.NodeView;
import org.netstudio.canvas.palette.Palette;
import org.netstudio.canvas.palette.QuickAddPopup;
import org.netstudio.canvas.wiring.WireView;
import org.netstudio.netgraph.catalog.PortRequirement.Compatibility;
import org.netstudio.netgraph.catalog.PortRequirement.Mismatch;
import org.netstudio.netgraph.net.Layout;

/**
 * Turns mouse, trackpad and keyboard input on the canvas into model calls: each gesture previews
 * while it runs and makes one edit when it ends. Hit-tests the level's geometry (see
 * {@link HitTest}) instead of relying on node picking, which keeps 1,000-node levels cheap.
 */
final class CanvasInteraction {

    private enum Mode { NONE, PAN, MOVE, BOX, WIRE }

    private final NetCanvas canvas;
    private final CanvasModel model;
    private final NetCanvasSkin skin;
    private Mode mode = Mode.NONE;
    private boolean spaceDown;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    // moving
    private final Set<String> moving = new LinkedHashSet<>();
    private NodeItem anchor;
    private double moveDx;
    private double moveDy;
    private boolean toggledOnPress;
    // box selection
    private final Set<String> boxBase = new LinkedHashSet<>();
    // wiring
    private HitTest.PortHit wireFrom;
    private WireItem detaching;
    private HitTest.PortHit wireTarget;
    private final Map<Circle, Boolean> lit = new LinkedHashMap<>();
    // palette drop
    private WireView dropWire;
    private ContextMenu menu;
    private NodeView hovered;

    CanvasInteraction(NetCanvas canvas, NetCanvasSkin skin) {
        this.canvas = canvas;
        this.model = canvas.getModel();
        this.skin = skin;
    }

    void install(Pane viewport) {
        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        viewport.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        viewport.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        viewport.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            if (mode == Mode.NONE) {
                skin.showHint(null, 0, 0);
                hover(null);
            }
        });
        viewport.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        viewport.addEventHandler(ZoomEvent.ZOOM, e -> {
            canvas.zoomAt(canvas.zoomProperty().get() * e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        viewport.addEventHandler(MouseDragEvent.MOUSE_DRAG_OVER, this::paletteDragOver);
        viewport.addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, this::paletteDropped);
        viewport.addEventHandler(MouseDragEvent.MOUSE_DRAG_EXITED, e -> clearDrop());
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        canvas.addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                e.consume();
            }
        });
    }

    private double[] world(MouseEvent e) {
        return canvas.toCanvas(e.getX(), e.getY());
    }

    private double tolerance() {
        return Math.max(NodeGeometry.PORT_HIT, 9 / canvas.zoomProperty().get());
    }

    // ---- mouse -----------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        if (menu != null) {
            menu.hide();
        }
        skin.showHint(null, 0, 0);
        pressX = e.getX();
        pressY = e.getY();
        lastX = pressX;
        lastY = pressY;
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            mode = Mode.PAN;
            e.consume();
            return;
        }
        double[] w = world(e);
        LevelView level = model.getLevel();
        if (e.getButton() == MouseButton.SECONDARY) {
            NodeItem n = HitTest.node(level, w[0], w[1]);
            if (n != null && !model.getSelection().contains(n.id())) {
                model.select(n.id(), false);
            }
            showMenu(e);
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        HitTest.PortHit port = HitTest.port(level, w[0], w[1], tolerance(), null);
        if (port != null && !port.port().input()) {
            startWire(port, null);
        } else if (port != null && port.port().connected()) {
            WireItem into = level.wires().stream()
                    .filter(x -> x.toId().equals(port.node().id()) && x.toPort().equals(port.port().name()))
                    .findFirst().orElse(null);
            NodeItem src = into == null ? null : level.node(into.fromId());
            if (src != null) {
                startWire(new HitTest.PortHit(src, src.output(into.fromPort())), into);
            }
        } else {
            NodeItem n = HitTest.node(level, w[0], w[1]);
            if (n != null) {
                pressNode(e, n);
            } else if (e.getClickCount() == 1 && !e.isShiftDown() && !e.isShortcutDown()
                    && HitTest.wire(level, w[0], w[1], 6 / canvas.zoomProperty().get()) != null) {
                model.getSelection().clear();
                model.selectedWireProperty().set(HitTest.wire(level, w[0], w[1], 6 / canvas.zoomProperty().get()));
            } else if (e.getClickCount() == 2) {
                QuickAddPopup.show(canvas, e.getScreenX(), e.getScreenY(), type -> model.addNode(type, w[0], w[1]));
            } else {
                model.selectedWireProperty().set(null);
                mode = Mode.BOX;
                boxBase.clear();
                if (e.isShiftDown() || e.isShortcutDown()) {
                    boxBase.addAll(model.getSelection());
                } else {
                    model.getSelection().clear();
                }
            }
        }
        e.consume();
    }

    private void pressNode(MouseEvent e, NodeItem n) {
        if (e.getClickCount() == 2) {
            model.open(n.id());
            return;
        }
        boolean toggle = e.isShiftDown() || e.isShortcutDown();
        toggledOnPress = false;
        if (toggle) {
            model.select(n.id(), true);
            toggledOnPress = true;
            if (!model.getSelection().contains(n.id())) {
                return;
            }
        } else if (!model.getSelection().contains(n.id())) {
            model.select(n.id(), false);
            toggledOnPress = true;
        }
        mode = Mode.MOVE;
        anchor = n;
        moving.clear();
        for (String id : model.getSelection()) {
            NodeItem m = model.getLevel().node(id);
            if (m != null && m.placed()) {
                moving.add(id);
            }
        }
        moveDx = 0;
        moveDy = 0;
    }

    private void dragged(MouseEvent e) {
        double dx = e.getX() - lastX;
        double dy = e.getY() - lastY;
        lastX = e.getX();
        lastY = e.getY();
        switch (mode) {
            case PAN -> canvas.panBy(dx, dy);
            case MOVE -> dragMove(e);
            case BOX -> dragBox(e);
            case WIRE -> dragWire(e);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void dragMove(MouseEvent e) {
        if (moveDx == 0 && moveDy == 0 && Math.hypot(e.getX() - pressX, e.getY() - pressY) < 3) {
            return;
        }
        double z = canvas.zoomProperty().get();
        double dx = (e.getX() - pressX) / z;
        double dy = (e.getY() - pressY) / z;
        if (e.isShiftDown()) {
            dx = NodeGeometry.snap(anchor.x() + dx) - anchor.x();
            dy = NodeGeometry.snap(anchor.y() + dy) - anchor.y();
        }
        moveDx = dx;
        moveDy = dy;
        skin.nodes().preview(moving, dx, dy);
        skin.wires().preview(moving, dx, dy);
    }

    private void dragBox(MouseEvent e) {
        double x = Math.min(pressX, e.getX());
        double y = Math.min(pressY, e.getY());
        double w = Math.abs(e.getX() - pressX);
        double h = Math.abs(e.getY() - pressY);
        var r = skin.box();
        r.setX(x);
        r.setY(y);
        r.setWidth(w);
        r.setHeight(h);
        r.setVisible(true);
        double[] a = canvas.toCanvas(x, y);
        double[] b = canvas.toCanvas(x + w, y + h);
        Set<String> next = new LinkedHashSet<>(boxBase);
        for (NodeItem n : model.getLevel().nodes()) {
            if (n.placed() && n.x() < b[0] && n.x() + n.width() > a[0] && n.y() < b[1] && n.y() + n.height() > a[1]) {
                next.add(n.id());
            }
        }
        if (!next.equals(model.getSelection())) {
            model.getSelection().retainAll(next);
            model.getSelection().addAll(next);
        }
    }

    private void released(MouseEvent e) {
        switch (mode) {
            case MOVE -> {
                if (e.isShiftDown() && (moveDx != 0 || moveDy != 0)) {
                    dragMove(e);
                }
                finishMove(e);
            }
            case BOX -> skin.box().setVisible(false);
            case WIRE -> finishWire();
            default -> {
            }
        }
        mode = Mode.NONE;
        e.consume();
    }

    private void finishMove(MouseEvent e) {
        if (moveDx == 0 && moveDy == 0) {
            boolean toggle = e.isShiftDown() || e.isShortcutDown();
            if (!toggle && !toggledOnPress && Math.hypot(e.getX() - pressX, e.getY() - pressY) < 3) {
                model.select(anchor.id(), false);
            }
            return;
        }
        Map<String, Layout.Position> to = new LinkedHashMap<>();
        for (String id : moving) {
            NodeItem n = model.getLevel().node(id);
            if (n != null) {
                to.put(id, new Layout.Position(Math.round(n.x() + moveDx), Math.round(n.y() + moveDy)));
            }
        }
        moving.clear();
        model.moveNodes(to);
        skin.nodes().preview(to.keySet(), 0, 0);
    }

    private void moved(MouseEvent e) {
        double[] w = world(e);
        LevelView level = model.getLevel();
        HitTest.PortHit port = HitTest.port(level, w[0], w[1], tolerance(), null);
        NodeItem n = HitTest.node(level, w[0], w[1]);
        hover(n);
        if (port != null) {
            StringBuilder sb = new StringBuilder(port.port().label());
            port.port().problems().forEach(p -> sb.append("\n").append(p));
            skin.showHint(sb.toString(), e.getX(), e.getY());
        } else if (n != null && n.hasProblems()) {
            List<String> lines = new ArrayList<>(n.problems());
            if (n.innerProblems() > 0) {
                lines.add(n.innerProblems() + (n.innerProblems() == 1 ? " problem" : " problems")
                        + " inside; double-click to open.");
            }
            skin.showHint(String.join("\n", lines), e.getX(), e.getY());
        } else if (n == null) {
            WireItem wire = HitTest.wire(level, w[0], w[1], 6 / canvas.zoomProperty().get());
            skin.showHint(wire == null || wire.problems().isEmpty() ? null : String.join("\n", wire.problems()),
                    e.getX(), e.getY());
        } else {
            skin.showHint(null, 0, 0);
        }
    }

    private void hover(NodeItem n) {
        NodeView v = n == null ? null : skin.nodes().view(n.id());
        if (v != hovered) {
            if (hovered != null) {
                hovered.setHovered(false);
            }
            hovered = v;
            if (v != null) {
                v.setHovered(true);
            }
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown() || e.isControlDown()) {
            double factor = Math.exp(e.getDeltaY() * 0.004);
            canvas.zoomAt(canvas.zoomProperty().get() * factor, e.getX(), e.getY());
        } else if (e.isShiftDown() && e.getDeltaX() == 0) {
            canvas.panBy(e.getDeltaY(), 0);
        } else {
            canvas.panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    // ---- wiring ----------------------------------------------------------------------------

    private void startWire(HitTest.PortHit from, WireItem detach) {
        mode = Mode.WIRE;
        wireFrom = from;
        detaching = detach;
        wireTarget = null;
        LevelView level = model.getLevel();
        for (NodeItem n : level.nodes()) {
            NodeView v = skin.nodes().view(n.id());
            if (v == null) {
                continue;
            }
            for (int i = 0; i < n.inputs().size(); i++) {
                PortItem p = n.inputs().get(i);
                boolean ok = model.checkWire(from.node().id(), from.port().name(), n.id(), p.name())
                        instanceof org.netstudio.netgraph.catalog.PortRequirement.Compatible;
                Circle dot = v.portDot(true, i);
                if (dot != null) {
                    dot.pseudoClassStateChanged(ok ? NodeView.COMPATIBLE : NodeView.INCOMPATIBLE, true);
                    lit.put(dot, ok);
                }
            }
        }
        if (detach != null) {
            WireView wv = skin.wires().view(detach.key());
            if (wv != null) {
                wv.setVisible(false);
            }
        }
        var path = skin.liveWire();
        path.getElements().setAll(new MoveTo(from.x(), from.y()), new CubicCurveTo());
        path.setVisible(true);
    }

    private void dragWire(MouseEvent e) {
        double[] w = world(e);
        HitTest.PortHit target = HitTest.port(model.getLevel(), w[0], w[1], tolerance(), true);
        double ex = w[0];
        double ey = w[1];
        wireTarget = target;
        if (target != null) {
            ex = target.x();
            ey = target.y();
            Compatibility c = model.checkWire(wireFrom.node().id(), wireFrom.port().name(), target.node().id(),
                    target.port().name());
            skin.showHint(c instanceof Mismatch m ? m.reason() : target.port().label(), e.getX(), e.getY());
            skin.liveWire().pseudoClassStateChanged(NodeView.INCOMPATIBLE, c instanceof Mismatch);
        } else {
            skin.showHint(null, 0, 0);
            skin.liveWire().pseudoClassStateChanged(NodeView.INCOMPATIBLE, false);
        }
        double[] c = WireGeometry.controls(wireFrom.x(), wireFrom.y(), ex, ey);
        skin.liveWire().getElements().set(1, new CubicCurveTo(c[0], c[1], c[2], c[3], ex, ey));
    }

    private void finishWire() {
        skin.liveWire().setVisible(false);
        skin.liveWire().pseudoClassStateChanged(NodeView.INCOMPATIBLE, false);
        skin.showHint(null, 0, 0);
        lit.keySet().forEach(d -> {
            d.pseudoClassStateChanged(NodeView.COMPATIBLE, false);
            d.pseudoClassStateChanged(NodeView.INCOMPATIBLE, false);
        });
        lit.clear();
        HitTest.PortHit target = wireTarget;
        WireItem detach = detaching;
        wireTarget = null;
        detaching = null;
        if (target != null) {
            if (detach != null && detach.toId().equals(target.node().id()) && detach.toPort().equals(target.port().name())) {
                skin.wires().update(model.getLevel());
                return;
            }
            model.connect(wireFrom.node().id(), wireFrom.port().name(), target.node().id(), target.port().name(), detach);
        } else if (detach != null) {
            model.disconnect(detach);
        }
        skin.wires().update(model.getLevel());
    }

    // ---- palette drops ---------------------------------------------------------------------

    private static String paletteType(MouseDragEvent e) {
        return e.getGestureSource() instanceof Node n ? (String) n.getProperties().get(Palette.DRAG_TYPE_KEY) : null;
    }

    private void paletteDragOver(MouseDragEvent e) {
        String type = paletteType(e);
        if (type == null) {
            return;
        }
        double[] w = world(e);
        var g = skin.ghost();
        g.setWidth(NodeGeometry.LAYER_WIDTH);
        g.setHeight(NodeGeometry.LAYER_HEIGHT);
        g.setX(w[0] - NodeGeometry.LAYER_WIDTH / 2);
        g.setY(w[1] - NodeGeometry.LAYER_HEIGHT / 2);
        g.setVisible(true);
        WireItem wire = HitTest.wire(model.getLevel(), w[0], w[1], 14 / canvas.zoomProperty().get());
        WireView v = wire == null ? null : skin.wires().view(wire.key());
        if (v != dropWire) {
            if (dropWire != null) {
                dropWire.pseudoClassStateChanged(WireView.TARGET, false);
            }
            dropWire = v;
            if (v != null) {
                v.pseudoClassStateChanged(WireView.TARGET, true);
            }
        }
        e.consume();
    }

    private void paletteDropped(MouseDragEvent e) {
        String type = paletteType(e);
        if (type == null) {
            return;
        }
        double[] w = world(e);
        WireItem wire = dropWire == null ? null : dropWire.item();
        clearDrop();
        if (wire != null) {
            model.insertOnWire(wire, type, w[0], w[1]);
        } else {
            model.addNode(type, w[0], w[1]);
        }
        canvas.requestFocus();
        e.consume();
    }

    private void clearDrop() {
        skin.ghost().setVisible(false);
        if (dropWire != null) {
            dropWire.pseudoClassStateChanged(WireView.TARGET, false);
            dropWire = null;
        }
    }

    // ---- keyboard and menu -----------------------------------------------------------------

    private void keyPressed(KeyEvent e) {
        if (CanvasActions.isTyping(canvas.getScene())) {
            return;
        }
        KeyCode k = e.getCode();
        if (k == KeyCode.SPACE) {
            spaceDown = true;
            e.consume();
            return;
        }
        for (CanvasAction a : canvas.getActions().all()) {
            if (a.accelerator() != null && a.accelerator().match(e)) {
                a.fire();
                e.consume();
                return;
            }
        }
        double step = e.isShiftDown() ? NodeGeometry.GRID : 1;
        switch (k) {
            case BACK_SPACE -> canvas.getActions().delete.fire();
            case LEFT -> model.nudgeSelection(-step, 0);
            case RIGHT -> model.nudgeSelection(step, 0);
            case UP -> model.nudgeSelection(0, -step);
            case DOWN -> model.nudgeSelection(0, step);
            case ESCAPE -> model.getSelection().clear();
            case ADD, PLUS -> canvas.zoomIn();
            case SUBTRACT -> canvas.zoomOut();
            case Y -> {
                if (e.isShortcutDown()) {
                    canvas.getActions().redo.fire();
                } else {
                    return;
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void showMenu(MouseEvent e) {
        CanvasActions a = canvas.getActions();
        menu = new ContextMenu();
        boolean frozen = canvas.getModel().selectionFrozen();
        List<CanvasAction> items = List.of(a.open, a.cut, a.copy, a.paste, a.duplicate, a.delete, a.group, a.ungroup,
                frozen ? a.unfreeze : a.freeze, a.multiplier, a.autoLayout, a.zoomToFit);
        for (CanvasAction action : items) {
            if (action == a.delete || action == a.autoLayout || action == a.freeze || action == a.unfreeze) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            MenuItem mi = new MenuItem(action.text());
            mi.setId("canvas-menu-" + action.id());
            mi.setAccelerator(action.accelerator());
            mi.setDisable(!action.enabled().get());
            mi.setOnAction(x -> action.fire());
            menu.getItems().add(mi);
        }
        menu.show(canvas, e.getScreenX(), e.getScreenY());
    }
}
