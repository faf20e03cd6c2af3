package org.netstudio.app.window;

import java.util.Locale;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.geometry.Orientation;
import org.netstudio.netgraph.summary.ParameterCount;

/**
 * The bar at the bottom of the main window: is the net valid, what a file command just did, how many
 * parameters, which device.
 */
public final class StatusBar extends HBox {

    /** What the validity indicator shows; each is a CSS pseudo-class of the bar. */
    public enum Validity {
        NO_NET, VALID, PROBLEMS;

        final PseudoClass pseudoClass = PseudoClass.getPseudoClass(name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private final Region validityDot = new Region();
    private final Label validity = new Label();
    private final Label parameters = new Label();
    private final Label device = new Label();
    /** What a file command just did ("PyTorch project written to …"), until the next one says something. */
    private final Label note = new Label();

    StatusBar() {
        setId("statusBar");
        getStyleClass().add("ns-status-bar");
        validityDot.getStyleClass().add("ns-status-dot");
        validity.setId("statusValidity");
        validity.setGraphic(validityDot);
        parameters.setId("statusParameters");
        device.setId("statusDevice");
        note.setId("statusNote");
        note.getStyleClass().add("ns-status-note");
        note.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(validity, separator(), note, spacer, parameters, separator(), device);

        setValidity(Validity.NO_NET, "No net open");
        clearParameterCount();
        setDevice("CPU");
    }

    /** Shows whether the open net is valid, e.g. {@code (PROBLEMS, "3 problems")}. */
    public void setValidity(Validity state, String text) {
        for (Validity v : Validity.values()) {
            pseudoClassStateChanged(v.pseudoClass, v == state);
        }
        validity.setText(text);
    }

    /** Runs {@code action} when the validity indicator is clicked (e.g. to show the problems). */
    public void setOnValidityClicked(Runnable action) {
        validity.setOnMouseClicked(e -> action.run());
    }

    /**
     * Shows the net's parameters as every view says them: the total, then how many are trainable
     * and how many are not ("422,026 parameters (421,834 trainable + 192 non-trainable)").
     */
    public void setParameterCount(ParameterCount count) {
        parameters.setText(count.sentenceStart());
        parameters.setTooltip(new Tooltip(count.known() ? ParameterCount.MEANING
                : "Some layer's input shape is not known, so its parameters cannot be counted."));
    }

    public void clearParameterCount() {
        parameters.setText("");
        parameters.setTooltip(null);
    }

    /** Shows what a command just did, e.g. where it wrote a file; the next note replaces it. */
    public void setNote(String text) {
        note.setText(text);
        note.setTooltip(text.isEmpty() ? null : new Tooltip(text));
    }

    /** Shows the device training runs on, e.g. {@code CPU} or {@code GPU 0 (RTX 4090)}. */
    public void setDevice(String name) {
        device.setText("Device: " + name);
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }
}
