package org.netstudio.canvas;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.SkinBase;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;
import org.netstudio.canvas.export.SvgPalette;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.WireItem;
import org.netstudio.canvas.node.NodeLayer;
import org.netstudio.canvas.node.NodeView;
import org.netstudio.canvas.wiring.WireLayer;
import org.netstudio.canvas.wiring.WireView;

/**
 * The default skin of {@link NetCanvas}. Layers, back to front: the viewport background, the wires,
 * the nodes, the overlay (live wire, drop ghost) — all in canvas units inside one transformed group —
 * then, in screen units, the selection box, the hover hint, the transient message and the minimap.
 * The views are re-rendered from the model's {@link LevelView} by node id; input goes to
 * {@link CanvasInteraction}, which hit-tests geometry rather than picking nodes.
 *
 * <p>Gestures: drag a node to move (Shift snaps to the 16-unit grid); click, Shift/Shortcut-click,
 * drag on empty space to box-select; drag from an output port to an input port to wire; drag a
 * wired input away to unwire; double-click a container to open it, empty space to add a layer;
 * space-drag, middle-drag or scroll to pan; Shortcut-scroll or pinch to zoom.
 */
final class NetCanvasSkin extends SkinBase<NetCanvas> {

    private final Pane viewport = new Pane();
    private final Group content = new Group();
    private final Group world = new Group();
    private final WireLayer wires = new WireLayer();
    private final NodeLayer nodes = new NodeLayer();
    private final Group overlay = new Group();
    private final Pane screen = new Pane();
    private final Path liveWire = new Path();
    private final Rectangle ghost = new Rectangle();
    private final Rectangle box = new Rectangle();
    private final Label hint = new Label();
    private final Label toast = new Label();
    private final PauseTransition toastTimer = new PauseTransition(Duration.seconds(4));
    private final Minimap minimap;
    private final CanvasInteraction interaction;
    private final Translate pan = new Translate();
    private final Scale scale = new Scale();
    private boolean needsHome = true;
    private boolean viewportPending;
    private LevelView shown = LevelView.EMPTY;

    NetCanvasSkin(NetCanvas canvas) {
        super(canvas);
        CanvasModel model = canvas.getModel();
        viewport.getStyleClass().add("canvas-viewport");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        liveWire.getStyleClass().add("live-wire");
        liveWire.setVisible(false);
        ghost.getStyleClass().add("drop-ghost");
        ghost.setVisible(false);
        ghost.setArcWidth(12);
        ghost.setArcHeight(12);
        box.getStyleClass().add("selection-box");
        box.setVisible(false);
        hint.getStyleClass().add("canvas-hint");
        hint.setVisible(false);
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        hint.setManaged(false);
        toast.getStyleClass().add("canvas-toast");
        toast.setVisible(false);
        toast.setWrapText(true);
        toast.setMaxWidth(560);
        toast.setManaged(false);
        box.setManaged(false);
        overlay.getChildren().addAll(liveWire, ghost);
        world.getChildren().addAll(wires, nodes, overlay);
        world.setMouseTransparent(true);
        content.getChildren().add(world);
        content.getTransforms().addAll(pan, scale);
        pan.xProperty().bind(canvas.panXProperty());
        pan.yProperty().bind(canvas.panYProperty());
        scale.xProperty().bind(canvas.zoomProperty());
        scale.yProperty().bind(canvas.zoomProperty());
        viewport.getChildren().add(content);
        screen.setMouseTransparent(true);
        screen.getChildren().addAll(box, hint, toast);
        minimap = new Minimap(canvas);
        getChildren().addAll(viewport, screen, minimap);

        interaction = new CanvasInteraction(canvas, this);
        interaction.install(viewport);

        model.levelProperty().addListener((o, a, b) -> render());
        model.currentPathProperty().addListener((o, a, b) -> needsHome = true);
        model.generationProperty().addListener((o, a, b) -> {
            needsHome = true;
            nodes.clear();
            wires.clear();
            render();
        });
        model.getSelection().addListener((javafx.collections.SetChangeListener<String>) c ->
                nodes.showSelection(model.getSelection()));
        nodes.setPreviews(model.previewsProperty().get());
        model.previewsProperty().addListener((o, a, b) -> nodes.setPreviews(b));
        nodes.setHealth(model.healthProperty().get());
        model.healthProperty().addListener((o, a, b) -> nodes.setHealth(b));
        nodes.setMultipliers(model.documentProperty().get().multipliers());
        model.documentProperty().addListener((o, a, b) -> nodes.setMultipliers(b.multipliers()));
        model.selectedWireProperty().addListener((o, a, b) -> showSelectedWire());
        model.messageProperty().addListener((o, a, b) -> {
            if (b != null) {
                showToast(b.text());
            }
        });
        model.revealRequestProperty().addListener((o, a, b) -> {
            if (b != null) {
                canvas.reveal(b.text());
            }
        });
        // One zoom step sets the zoom and then the pan: the views follow once, at the next layout
        // pass, not for each half-made view on the way (which would make and drop views for nothing).
        canvas.zoomProperty().addListener((o, a, b) -> viewportChanged());
        canvas.panXProperty().addListener((o, a, b) -> viewportChanged());
        canvas.panYProperty().addListener((o, a, b) -> viewportChanged());
        canvas.widthProperty().addListener((o, a, b) -> viewportChanged());
        canvas.heightProperty().addListener((o, a, b) -> viewportChanged());
        toastTimer.setOnFinished(e -> toast.setVisible(false));
        render();
    }

    // ---- rendering -------------------------------------------------------------------------

    private void showSelectedWire() {
        wires.showSelected(getSkinnable().getModel().selectedWireProperty().get());
    }

    private void viewportChanged() {
        if (!viewportPending) {
            viewportPending = true;
            getSkinnable().requestLayout();
        }
    }

    /**
     * Tells the layers which part of the canvas is visible and at what zoom, so that they make views
     * near it, drawn in full or simply.
     */
    private void updateViewport() {
        viewportPending = false;
        NetCanvas c = getSkinnable();
        if (c.getWidth() <= 0 || c.getHeight() <= 0) {
            return;
        }
        double[] a = c.toCanvas(0, 0);
        double[] b = c.toCanvas(c.getWidth(), c.getHeight());
        boolean details = c.zoomProperty().get() >= NetCanvas.DETAIL_ZOOM;
        nodes.show(a[0], a[1], b[0], b[1], details);
        wires.setSimple(!details);
        wires.setViewport(a[0], a[1], b[0], b[1]);
    }

    private void render() {
        LevelView level = getSkinnable().getModel().getLevel();
        if (!level.path().equals(shown.path())) {
            nodes.clear();
            wires.clear();
        }
        shown = level;
        goHomeIfNeeded();
        updateViewport();
        nodes.update(level, getSkinnable().getModel().getSelection());
        wires.update(level);
        showSelectedWire();
    }

    /**
     * On a newly shown level: 100%, centred horizontally, and vertically when it fits, else from the
     * top (like a document). A level too wide for the view is centred on its inputs, where reading
     * starts (an imported model's side branches can make its bounds far wider than its trunk).
     * Zoom to fit is one keystroke away.
     */
    private void goHomeIfNeeded() {
        NetCanvas c = getSkinnable();
        if (!needsHome || c.getWidth() <= 0) {
            return;
        }
        double[] b = shown.bounds();
        if (b == null || !shown.allPlaced()) {
            return;
        }
        needsHome = false;
        c.zoomProperty().set(1);
        double w = b[2] - b[0];
        double h = b[3] - b[1];
        double[] in = inputsSpan(shown);
        c.panXProperty().set(Math.round(w + 48 <= c.getWidth() ? (c.getWidth() - w) / 2 - b[0]
                : in == null ? 24 - b[0] : Math.min(24 - b[0], (c.getWidth() - (in[1] - in[0])) / 2 - in[0])));
        c.panYProperty().set(Math.round(h + 48 <= c.getHeight() ? (c.getHeight() - h) / 2 - b[1] : 24 - b[1]));
    }

    /** The horizontal span of a level's input nodes, or null when it has none. */
    private static double[] inputsSpan(LevelView level) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (NodeItem n : level.nodes()) {
            if (n.kind() == NodeItem.Kind.INPUT && n.placed()) {
                lo = Math.min(lo, n.x());
                hi = Math.max(hi, n.x() + n.width());
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        viewport.resizeRelocate(x, y, w, h);
        screen.resizeRelocate(x, y, w, h);
        double mw = minimap.prefWidth(-1);
        double mh = minimap.prefHeight(-1);
        minimap.resizeRelocate(x + w - mw - 12, y + h - mh - 12, mw, mh);
        if (toast.isVisible()) {
            toast.autosize();
            toast.relocate(Math.round((w - toast.getWidth()) / 2), 12);
        }
        goHomeIfNeeded();
        if (viewportPending) {
            updateViewport();
        }
    }

    // ---- pieces the interaction drives ---------------------------------------------------

    NodeLayer nodes() {
        return nodes;
    }

    WireLayer wires() {
        return wires;
    }

    Path liveWire() {
        return liveWire;
    }

    Rectangle ghost() {
        return ghost;
    }

    Rectangle box() {
        return box;
    }

    /** Shows a hint near a point of the control, or hides it when {@code text} is null. */
    void showHint(String text, double localX, double localY) {
        if (text == null || text.isEmpty()) {
            hint.setVisible(false);
            return;
        }
        hint.setText(text);
        hint.setVisible(true);
        hint.autosize();
        double w = getSkinnable().getWidth();
        double h = getSkinnable().getHeight();
        double hx = Math.min(localX + 16, w - hint.getWidth() - 8);
        double hy = localY + 20 + hint.getHeight() > h - 8 ? localY - hint.getHeight() - 12 : localY + 20;
        hint.relocate(Math.max(8, hx), Math.max(8, hy));
    }

    String hintText() {
        return hint.isVisible() ? hint.getText() : null;
    }

    void showToast(String text) {
        toast.setText(text);
        toast.setVisible(true);
        toast.autosize();
        toast.relocate(Math.round((getSkinnable().getWidth() - toast.getWidth()) / 2), 12);
        toastTimer.playFromStart();
    }

    String toastText() {
        return toast.isVisible() ? toast.getText() : null;
    }

    // ---- export ----------------------------------------------------------------------------

    WritableImage snapshotLevel(double s) {
        LevelView level = getSkinnable().getModel().getLevel();
        double[] b = level.bounds();
        if (b == null) {
            b = new double[] {0, 0, 100, 100};
        }
        double margin = 32;
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(background());
        p.setTransform(new Scale(s, s));
        p.setViewport(new Rectangle2D((b[0] - margin) * s, (b[1] - margin) * s, (b[2] - b[0] + 2 * margin) * s,
                (b[3] - b[1] + 2 * margin) * s));
        boolean details = getSkinnable().zoomProperty().get() >= NetCanvas.DETAIL_ZOOM;
        nodes.setDetailsVisible(true);
        wires.setSimple(false);
        nodes.setViewport(b[0], b[1], b[2], b[3]);
        wires.setViewport(b[0], b[1], b[2], b[3]);
        overlay.setVisible(false);
        nodes.showSelection(java.util.Set.of());
        try {
            return world.snapshot(p, null);
        } finally {
            overlay.setVisible(true);
            nodes.setDetailsVisible(details);
            wires.setSimple(!details);
            nodes.showSelection(getSkinnable().getModel().getSelection());
            updateViewport();
        }
    }

    private Paint background() {
        Background bg = viewport.getBackground();
        return bg == null || bg.getFills().isEmpty() ? Color.WHITE : bg.getFills().get(0).getFill();
    }

    /** The colours the current theme gives nodes and wires, read from styled sample views. */
    SvgPalette svgPalette() {
        LevelView level = getSkinnable().getModel().getLevel();
        Map<String, String> accents = new LinkedHashMap<>();
        String body = null;
        String border = null;
        String text = null;
        String muted = null;
        for (NodeItem item : level.nodes()) {
            if (accents.containsKey(item.category())) {
                continue;
            }
            NodeView v = new NodeView(item);
            v.setVisible(false);
            nodes.getChildren().add(v);
            v.applyCss();
            Background bg = v.getBackground();
            if (bg != null && !bg.getFills().isEmpty()) {
                accents.put(item.category(), SvgPalette.css(bg.getFills().get(0).getFill()));
                if (bg.getFills().size() > 1 && body == null && !item.isGraphPort()) {
                    body = SvgPalette.css(bg.getFills().get(bg.getFills().size() - 1).getFill());
                    if (v.getBorder() != null && !v.getBorder().getStrokes().isEmpty()) {
                        border = SvgPalette.css(v.getBorder().getStrokes().get(0).getTopStroke());
                    }
                    for (javafx.scene.Node n : v.getChildrenUnmodifiable()) {
                        if (n instanceof Text t && t.getStyleClass().contains("node-title")) {
                            text = SvgPalette.css(t.getFill());
                        } else if (n instanceof Text t && t.getStyleClass().contains("node-shape")) {
                            muted = SvgPalette.css(t.getFill());
                        }
                    }
                }
            }
            nodes.getChildren().remove(v);
        }
        String wire = SvgPalette.DEFAULT.wire();
        for (WireView w : wires.views()) {
            wire = SvgPalette.css(w.getStroke());
            break;
        }
        SvgPalette d = SvgPalette.DEFAULT;
        return new SvgPalette(SvgPalette.css(background()), body != null ? body : d.body(),
                border != null ? border : d.border(), text != null ? text : d.text(), muted != null ? muted : d.muted(),
                wire, d.danger(), accents);
    }
}
