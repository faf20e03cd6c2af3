package org.netstudio.canvas.archcanary;

/** Breaks every canvas rule on purpose; only ModuleDependencyRulesCanaryTest imports it. */
public final class CanvasViolations {
    Object djl = new ai.djl.ndarray.types.Shape(1, 28, 28);
    Object engine = new org.netstudio.engine.archcanary.EngineViolations();

    void style(javafx.scene.control.Label label) {
        label.setStyle("-fx-text-fill: red");
    }
}
