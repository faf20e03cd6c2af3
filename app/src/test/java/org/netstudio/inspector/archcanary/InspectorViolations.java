package org.netstudio.inspector.archcanary;

/** Breaks every inspector rule on purpose; only ModuleDependencyRulesCanaryTest imports it. */
public final class InspectorViolations {
    Object djl = new ai.djl.ndarray.types.Shape(1, 28, 28);
    Object engine = new org.netstudio.engine.archcanary.EngineViolations();
}
