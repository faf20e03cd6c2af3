package org.netstudio.engine.archcanary.loop;

/** Closes the package cycle {@code CycleStart} starts; only EnginePackageCyclesTest imports it. */
public final class CycleBack {
    Object back = new org.netstudio.engine.archcanary.CycleStart();
}
