package org.netstudio.inspector;

import java.util.Objects;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * The inspector (DESIGN.md, "The GUI"): what is selected on the canvas, editable. One layer: its
 * name, type and documentation, its parameters, its ports with their resolved types and problems,
 * its learnable arrays (with statistics when weights are present). Several layers: the parameters
 * they share. A container: its ports and what is inside. Nothing: the net's summary table and its
 * declared inputs and outputs. Everything shown comes from the {@link InspectorModel}; every edit
 * is a command on the model's stack.
 *
 * <p>Styled by its component rules ({@code inspector.css}), which the panel adds to its own
 * stylesheets; the colour tokens come from the {@link org.netstudio.assets.Theme} on the scene. Use
 * on the JavaFX application thread.
 */
public class InspectorPanel extends Control {

    /** The rules of the inspector's components, in meaning tokens only. */
    private static final String STYLESHEET = Objects.requireNonNull(
            InspectorPanel.class.getResource("inspector.css"), "missing stylesheet inspector.css").toExternalForm();

    private final InspectorModel model;

    public InspectorPanel(InspectorModel model) {
        this.model = Objects.requireNonNull(model, "model");
        getStyleClass().add("inspector-panel");
        getStylesheets().add(STYLESHEET);
    }

    public InspectorModel getModel() {
        return model;
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new InspectorPanelSkin(this);
    }
}
