package org.netstudio.trainer.archcanary;

/** Breaks every trainer rule on purpose; only ModuleDependencyRulesCanaryTest imports it. */
public final class TrainerViolations {
    Object djl = new ai.djl.ndarray.types.Shape(1, 28, 28);
}
