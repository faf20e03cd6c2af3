package org.netstudio.app.window.documents;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.window.importing.ImportBanner;
import org.netstudio.canvas.Breadcrumb;
import org.netstudio.canvas.CanvasModel;
import org.netstudio.canvas.NetCanvas;
import org.netstudio.canvas.diagnostics.ProblemsList;

/**
 * The tab of one open net: its canvas over the net's command stack, the breadcrumb the window shows
 * above the tabs while this one is active, and the problems list under the canvas (shown on
 * request: Check, or a click on the status bar). The tab's text is the net's title with a leading
 * "*" while it has unsaved changes.
 */
public final class NetTab extends Tab {

    private final OpenNet net;
    private final String autosaveKey;
    private final CanvasModel model;
    private final NetCanvas canvas;
    private final Breadcrumb breadcrumb;
    private final ProblemsList problems;

    private boolean framed;
    private ImportBanner importBanner;
    private final BooleanProperty problemsShown = new SimpleBooleanProperty(this, "problemsShown");
    /** Banners and bars above the canvas: the import banner, the previews' bar. */
    private final javafx.scene.layout.VBox above = new javafx.scene.layout.VBox();

    NetTab(OpenNet net, String autosaveKey) {
        this.net = net;
        this.autosaveKey = autosaveKey;
        model = new CanvasModel(net.stack());
        canvas = new NetCanvas(model);
        canvas.setId("netCanvas");
        breadcrumb = new Breadcrumb(model);
        problems = new ProblemsList(model);
        problems.setId("problemsList");
        problems.getStyleClass().add("ns-problems");
        problems.setPrefHeight(150);
        problems.visibleProperty().bind(problemsShown);
        problems.managedProperty().bind(problemsShown);
        BorderPane content = new BorderPane(canvas);
        content.setBottom(problems);
        content.setTop(above);
        net.importedFrom().ifPresent(imported -> {
            importBanner = new ImportBanner(imported, node -> model.reveal(node, null));
            above.getChildren().add(importBanner);
        });
        content.getStyleClass().add("ns-net-tab");
        setContent(content);
        getStyleClass().add("ns-net-tab-header");
        net.addListener(this::updateTitle);
        updateTitle();
        javafx.beans.InvalidationListener frame = o -> noteFirstView();
        model.layoutPendingProperty().addListener(frame);
        model.levelProperty().addListener(frame);
        canvas.widthProperty().addListener(frame);
        canvas.heightProperty().addListener(frame);
    }

    /**
     * Notes when the first view is shown: the net laid out and the canvas sized. The view itself is
     * the canvas's home view (100%, centred on where the net starts), one policy for every level.
     */
    private void noteFirstView() {
        double[] b = model.getLevel().bounds();
        if (framed || canvas.getWidth() <= 0 || canvas.getHeight() <= 0 || b == null
                || model.layoutPendingProperty().get() || !model.getLevel().allPlaced()) {
            return;
        }
        framed = true;
    }

    /** Puts a bar above the canvas, under any banner already there. */
    public void showAbove(javafx.scene.Node bar) {
        above.getChildren().add(bar);
    }

    public OpenNet net() {
        return net;
    }

    String autosaveKey() {
        return autosaveKey;
    }

    public CanvasModel model() {
        return model;
    }

    public NetCanvas canvas() {
        return canvas;
    }

    public Breadcrumb breadcrumb() {
        return breadcrumb;
    }

    public ProblemsList problems() {
        return problems;
    }

    /** The bar telling what importing an ONNX model did, for a net imported from one. */
    public java.util.Optional<ImportBanner> importBanner() {
        return java.util.Optional.ofNullable(importBanner);
    }

    /** Whether the first view has been set (the net laid out and the canvas sized). */
    public boolean framed() {
        return framed;
    }

    /** Whether the problems list is shown under the canvas. */
    public BooleanProperty problemsShownProperty() {
        return problemsShown;
    }

    /** "*lenet.json" while dirty. */
    public String displayTitle() {
        return (net.isDirty() ? "*" : "") + net.title();
    }

    /** The net's title made fit to name a file: "LeNet-5", "net" for a title of nothing but symbols. */
    String fileStem() {
        String base = net.title().replaceAll("[\\\\/:*?\"<>|]", "_").strip();
        return base.isEmpty() ? "net" : base;
    }

    private void updateTitle() {
        setText(displayTitle());
    }
}
