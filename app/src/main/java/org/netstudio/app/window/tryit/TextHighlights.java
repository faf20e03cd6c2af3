package org.netstudio.app.window.tryit;

import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.netstudio.app.run.TextAttribution;

/**
 * A text with each of its units (characters, words) tinted by how much the net leaned on it for
 * its most probable class: saliency for text, one unit after another.
 */
final class TextHighlights extends VBox {

    private final Label heading = new Label();
    private final FlowPane units = new FlowPane();
    private TextAttribution shown;

    TextHighlights() {
        setId("tryItTextHighlights");
        setSpacing(4);
        heading.getStyleClass().add("ns-tryit-heading");
        units.getStyleClass().add("ns-tryit-highlights");
        getChildren().addAll(heading, units);
        show(null, "");
    }

    /** Shows where in the text the net found {@code className}, or nothing. */
    void show(TextAttribution attribution, String className) {
        shown = attribution;
        setVisible(attribution != null);
        setManaged(attribution != null);
        units.getChildren().clear();
        if (attribution == null) {
            return;
        }
        heading.setText("Where the net found “" + className + "”");
        float[] w = attribution.weights();
        boolean words = attribution.units().stream().anyMatch(u -> u.length() > 1);
        for (int i = 0; i < w.length; i++) {
            String u = attribution.units().get(i);
            Label l = new Label(words ? u + " " : u);
            // Five strengths of one tint (the stylesheet's ns-tryit-unit-0 … -4), by the weight.
            l.getStyleClass().addAll("ns-tryit-unit", "ns-tryit-unit-" + Math.min(4, Math.round(w[i] * 4)));
            units.getChildren().add(l);
        }
    }

    /** The attribution shown, or null; for tests. */
    TextAttribution shown() {
        return shown;
    }
}
