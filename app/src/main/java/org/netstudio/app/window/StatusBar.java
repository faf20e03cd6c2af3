package org.netstudio.app.window;

import java.text.NumberFormat;
import java.util.Locale;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.geometry.Orientation;

/** The bar at the bottom of the main window: is the net valid, how many parameters, which device. */
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

    StatusBar() {
        setId("statusBar");
        getStyleClass().add("ns-status-bar");
        validityDot.getStyleClass().add("ns-status-dot");
        validity.setId("statusValidity");
        validity.setGraphic(validityDot);
        parameters.setId("statusParameters");
        device.setId("statusDevice");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(validity, spacer, parameters, separator(), device);

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
     * Shows the total number of parameters, trainable and not (Keras' "Total params"); a negative
     * total means some layer's count depends on a shape not known yet.
     */
    public void setParameterCount(long total) {
        if (total < 0) {
            parameters.setText("Parameters not known yet");
            parameters.setTooltip(new javafx.scene.control.Tooltip(
                    "Some layer's input shape is not known, so its parameters cannot be counted."));
            return;
        }
        parameters.setText(NumberFormat.getIntegerInstance().format(total) + " parameters");
        parameters.setTooltip(null);
    }

    public void clearParameterCount() {
        parameters.setText("— parameters");
        parameters.setTooltip(null);
    }

    /** Shows the device training runs on, e.g. {@code CPU} or {@code GPU 0 (RTX 4090)}. */
    public void setDevice(String name) {
        device.setText("Device: " + name);
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }
}
