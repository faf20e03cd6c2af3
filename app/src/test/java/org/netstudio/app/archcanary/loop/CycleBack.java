package org.netstudio.app.archcanary.loop;

/** Closes the package cycle {@code CycleStart} starts; only ModuleDependencyRulesCanaryTest imports it. */
public final class CycleBack {
    Object back = new org.netstudio.app.archcanary.CycleStart();
}
