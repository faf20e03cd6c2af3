package org.netstudio.engine.archcanary;

/** Breaks every engine-bridge rule on purpose; only ModuleDependencyRulesCanaryTest imports it. */
public final class EngineViolations {
    Object javaFx = javafx.scene.paint.Color.RED;
    Object canvas = new org.netstudio.canvas.archcanary.CanvasViolations();
    Object app = org.netstudio.app.Version.current();
}
