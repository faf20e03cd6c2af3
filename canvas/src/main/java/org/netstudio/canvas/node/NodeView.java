package org.netstudio.canvas.node;

import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import org.netstudio.canvas.level.NodeGeometry;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.PortItem;
import org.netstudio.canvas.preview.PictureRenderer;
import org.netstudio.canvas.preview.PortPicture;

/**
 * The view of one canvas node: a CSS-styled body (category accent on its left edge), the type and
 * key parameters, the name, the output shape and the parameter count; typed port dots on the top
 * (inputs) and bottom (outputs) edges; a badge when it has problems. Light on purpose: a region with
 * a few texts and circles, no effects. It only binds to its {@link NodeItem}; it handles no input
 * (the canvas hit-tests geometry).
 */
public final class NodeView extends Region {

    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    public static final PseudoClass HOVER = PseudoClass.getPseudoClass("hovered");
    public static final PseudoClass COMPATIBLE = PseudoClass.getPseudoClass("compatible");
    public static final PseudoClass INCOMPATIBLE = PseudoClass.getPseudoClass("incompatible");
    public static final PseudoClass CONNECTED = PseudoClass.getPseudoClass("connected");
    /** A layer whose learning-rate multiplier is 0. */
    public static final PseudoClass FROZEN = PseudoClass.getPseudoClass("frozen");
    /** The glyph of a frozen node. */
    public static final String FROZEN_GLYPH = "❄";

    private static final double PAD = 12;
    /** The preview's size in a layer node (canvas units), within {@link NodeGeometry#PREVIEW_ROOM}. */
    public static final int PICTURE_WIDTH = 64;
    public static final int PICTURE_HEIGHT = 40;

    private final Text title = text("node-title");
    private final Text detail = text("node-detail");
    private final Text name = text("node-name");
    private final Text shape = text("node-shape");
    private final Text params = text("node-params");
    private final Circle badge = new Circle(8);
    private final Text badgeText = text("node-badge-text");
    private final List<Circle> inputDots = new ArrayList<>();
    private final List<Circle> outputDots = new ArrayList<>();
    private final List<Text> portLabels = new ArrayList<>();
    private final ImageView picture = new ImageView();
    private final javafx.scene.shape.Rectangle healthStrip = new javafx.scene.shape.Rectangle();
    private String health;
    private final Text multiplierText = text("node-multiplier");
    private double multiplier = 1;
    private final Text pictureValue = text("node-picture-value");
    private PortPicture shownPicture;
    private NodeItem item;
    private boolean details = true;
    private String categoryClass;

    public NodeView(NodeItem item) {
        getStyleClass().add("net-node");
        // drawn once into a bitmap and blitted while panning: text is the costly part of a frame
        setCache(true);
        badge.getStyleClass().add("node-badge");
        badgeText.setText("!");
        badge.setManaged(false);
        badgeText.setManaged(false);
        picture.setManaged(false);
        healthStrip.setManaged(false);
        healthStrip.getStyleClass().add("node-health");
        multiplierText.setManaged(false);
        picture.getStyleClass().add("node-picture");
        getChildren().addAll(title, detail, name, shape, params);
        update(item);
    }

    private static Text text(String styleClass) {
        Text t = new Text();
        t.getStyleClass().add(styleClass);
        t.setManaged(false);
        return t;
    }

    public NodeItem item() {
        return item;
    }

    /** Shows {@code next}; cheap when only the position changed. */
    public void update(NodeItem next) {
        NodeItem prev = item;
        item = next;
        relocate(next.x(), next.y());
        setVisible(next.placed());
        if (prev != null && sameContent(prev, next)) {
            return;
        }
        if (categoryClass == null || !categoryClass.equals(next.category())) {
            if (categoryClass != null) {
                getStyleClass().remove(categoryClass);
            }
            categoryClass = next.category();
            getStyleClass().add(categoryClass);
            getStyleClass().removeIf(s -> s.startsWith("kind-"));
            getStyleClass().add("kind-" + next.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        setFull(title, next.title());
        setFull(detail, next.detail());
        boolean port = next.isGraphPort();
        setFull(name, port ? "" : org.netstudio.canvas.level.NodeText.shownName(next.id(), next.title()));
        setFull(shape, next.shape());
        setFull(params, next.params());
        pseudoClassStateChanged(PROBLEM, next.hasProblems());
        rebuildPorts(next);
        if (next.hasProblems()) {
            if (!getChildren().contains(badge)) {
                getChildren().addAll(badge, badgeText);
            }
        } else {
            getChildren().removeAll(badge, badgeText);
        }
        setPrefSize(next.width(), next.height());
        resize(next.width(), next.height());
        requestLayout();
    }

    private static boolean sameContent(NodeItem a, NodeItem b) {
        return a.title().equals(b.title()) && a.detail().equals(b.detail()) && a.shape().equals(b.shape())
                && a.params().equals(b.params()) && a.problems().equals(b.problems())
                && a.innerProblems() == b.innerProblems() && a.inputs().equals(b.inputs())
                && a.outputs().equals(b.outputs()) && a.category().equals(b.category()) && a.id().equals(b.id());
    }

    private void rebuildPorts(NodeItem next) {
        getChildren().removeAll(inputDots);
        getChildren().removeAll(outputDots);
        getChildren().removeAll(portLabels);
        inputDots.clear();
        outputDots.clear();
        portLabels.clear();
        for (PortItem p : next.inputs()) {
            inputDots.add(dot(p));
            if (next.inputs().size() > 1) {
                Text t = text("port-label");
                t.setText(p.name());
                portLabels.add(t);
            }
        }
        for (PortItem p : next.outputs()) {
            outputDots.add(dot(p));
        }
        getChildren().addAll(portLabels);
        getChildren().addAll(inputDots);
        getChildren().addAll(outputDots);
    }

    private static void setFull(Text t, String s) {
        t.getProperties().put("full", s);
        t.setText(s);
    }

    private static Circle dot(PortItem p) {
        Circle c = new Circle(NodeGeometry.PORT_RADIUS);
        c.getStyleClass().addAll("port", p.input() ? "port-input" : "port-output");
        c.pseudoClassStateChanged(CONNECTED, p.connected());
        c.pseudoClassStateChanged(PROBLEM, !p.problems().isEmpty());
        c.setManaged(false);
        c.setCenterX(p.dx());
        c.setCenterY(p.dy());
        return c;
    }

    /**
     * Shows what flows out of this node for the previewed example (feature maps, bars, a heat
     * strip, or a number), or nothing.
     */
    public void setPicture(PortPicture value) {
        if (java.util.Objects.equals(value, shownPicture)) {
            return;
        }
        shownPicture = value;
        getChildren().removeAll(picture, pictureValue);
        if (value != null) {
            if (value.kind() == PortPicture.Kind.SCALAR) {
                pictureValue.setText(String.format(java.util.Locale.ROOT, "%.4g", value.at(0)));
                getChildren().add(pictureValue);
            } else {
                int w = pictureWidth();
                int h = pictureHeight();
                PictureRenderer.Pixels px = PictureRenderer.render(value, w, h);
                WritableImage image = new WritableImage(w, h);
                image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px.argb(), 0, w);
                picture.setImage(image);
                getChildren().add(picture);
            }
        }
        requestLayout();
    }

    /**
     * Shows how the layer did at the last measurement of a training: a strip along its lower edge,
     * calm when {@code warning} is empty, in the attention colour when it says what is wrong; none
     * for null (not measured).
     */
    public void setHealth(String warning) {
        if (java.util.Objects.equals(warning, health)) {
            return;
        }
        health = warning;
        getChildren().remove(healthStrip);
        if (warning != null) {
            healthStrip.pseudoClassStateChanged(PseudoClass.getPseudoClass("warning"), !warning.isEmpty());
            getChildren().add(healthStrip);
        }
        requestLayout();
    }

    /**
     * Shows the node's learning-rate multiplier: 1 shows nothing, 0 ices the node over (the
     * {@code frozen} pseudo-class) with {@value #FROZEN_GLYPH}, any other shows "×0.1".
     */
    public void setMultiplier(double factor) {
        if (factor == multiplier) {
            return;
        }
        multiplier = factor;
        pseudoClassStateChanged(FROZEN, factor == 0);
        getChildren().remove(multiplierText);
        if (factor != 1) {
            multiplierText.setText(factor == 0 ? FROZEN_GLYPH : "×" + (factor == Math.rint(factor)
                    ? Long.toString((long) factor) : Double.toString(factor)));
            getChildren().add(multiplierText);
        }
        requestLayout();
    }

    /** The learning-rate multiplier shown (1 when none). */
    public double multiplier() {
        return multiplier;
    }

    /** The glyph or factor shown for the multiplier, or "" when none is. */
    public String multiplierText() {
        return getChildren().contains(multiplierText) ? multiplierText.getText() : "";
    }

    /** What the last measurement of a training said of this layer ("" when well), or null. */
    public String health() {
        return health;
    }

    /** The value previewed on this node, or null. */
    public PortPicture picture() {
        return shownPicture;
    }

    /** The preview's image, or null when none (or a number) is shown; for tests and export. */
    public Image pictureImage() {
        return getChildren().contains(picture) ? picture.getImage() : null;
    }

    private int pictureWidth() {
        return item != null && item.isGraphPort() ? 48 : PICTURE_WIDTH;
    }

    private int pictureHeight() {
        return item != null && item.isGraphPort() ? 30 : PICTURE_HEIGHT;
    }

    /** Room the texts leave for the preview at the node's right edge. */
    private double pictureRoom() {
        return shownPicture == null ? 0 : shownPicture.kind() == PortPicture.Kind.SCALAR
                ? pictureValue.getLayoutBounds().getWidth() + 8 : pictureWidth() + 8;
    }

    /** The dot of an input or output port by index, for highlighting. */
    public Circle portDot(boolean input, int index) {
        List<Circle> l = input ? inputDots : outputDots;
        return index < l.size() ? l.get(index) : null;
    }

    public List<Circle> inputDots() {
        return inputDots;
    }

    public void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    public void setHovered(boolean hovered) {
        pseudoClassStateChanged(HOVER, hovered);
    }

    /** Texts shown at small zoom are hidden to keep frames cheap. */
    public void setDetailsVisible(boolean visible) {
        if (details == visible) {
            return;
        }
        details = visible;
        for (Node n : List.of(title, detail, name, shape, params)) {
            n.setVisible(visible);
        }
        portLabels.forEach(l -> l.setVisible(visible));
        requestLayout();
    }

    /** The texts, for tests and export: title, detail, name, shape, params. */
    public String shapeText() {
        return shape.getText();
    }

    @Override
    protected double computePrefWidth(double height) {
        return item.width();
    }

    @Override
    protected double computePrefHeight(double width) {
        return item.height();
    }

    @Override
    protected void layoutChildren() {
        double full = item.width();
        double room = pictureRoom();
        double w = full - room;
        double top = NodeGeometry.textTop(item);
        double h = item.height();
        picture.relocate(full - PAD / 2 - pictureWidth(), top + (h - top - pictureHeight()) / 2);
        pictureValue.relocate(full - PAD - pictureValue.getLayoutBounds().getWidth(),
                top + (h - top) / 2 - pictureValue.getLayoutBounds().getHeight() / 2);
        if (item.isGraphPort()) {
            layoutText(title, PAD, 16, w - 2 * PAD);
            layoutText(detail, PAD, 31, w - 2 * PAD);
        } else {
            double left = PAD + 4;
            double line1 = top + 22;
            double line2 = top + 42;
            double nameW = name.getText().isEmpty() ? 0 : Math.min(name.getLayoutBounds().getWidth(), w * 0.4);
            double titleW = layoutText(title, left, line1, w - left - PAD - nameW - 6);
            layoutText(detail, left + titleW + 6, line1, w - left - titleW - 6 - PAD - nameW - 6);
            layoutText(name, w - PAD - nameW, line1, nameW);
            double paramsW = params.getLayoutBounds().getWidth();
            params.relocate(w - PAD - paramsW, line2 - params.getBaselineOffset());
            params.setVisible(details);
            layoutText(shape, left, line2, w - left - PAD - paramsW - 8);
        }
        for (int i = 0; i < portLabels.size(); i++) {
            Text t = portLabels.get(i);
            PortItem p = item.inputs().get(i);
            t.relocate(p.dx() - t.getLayoutBounds().getWidth() / 2, 6);
        }
        healthStrip.setX(6);
        healthStrip.setY(item.height() - 5);
        healthStrip.setWidth(Math.max(0, full - 12));
        healthStrip.setHeight(3);
        // In the top right corner, above the line with the node's name.
        multiplierText.relocate(full - 10 - multiplierText.getLayoutBounds().getWidth(), NodeGeometry.textTop(item));
        badge.setCenterX(full - 2);
        badge.setCenterY(2);
        badgeText.relocate(full - 2 - badgeText.getLayoutBounds().getWidth() / 2,
                2 - badgeText.getLayoutBounds().getHeight() / 2);
    }

    /** Places text with its baseline at y, eliding it to fit {@code max}; returns its width. */
    private double layoutText(Text t, double x, double baseline, double max) {
        String full = (String) t.getProperties().getOrDefault("full", t.getText());
        if (!t.getText().equals(full)) {
            t.setText(full);
        }
        t.setVisible(max > 0 && details);
        if (max > 0 && t.getLayoutBounds().getWidth() > max) {
            String s = full;
            while (s.length() > 1 && t.getLayoutBounds().getWidth() > max) {
                s = s.substring(0, s.length() - 1).stripTrailing();
                t.setText(s + "…");
            }
        }
        t.relocate(x, baseline - t.getBaselineOffset());
        return t.getLayoutBounds().getWidth();
    }
}
