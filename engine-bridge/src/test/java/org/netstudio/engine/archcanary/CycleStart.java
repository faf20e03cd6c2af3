package org.netstudio.engine.archcanary;

import org.netstudio.engine.archcanary.loop.CycleBack;

/** Starts a package cycle on purpose (with {@link CycleBack}); only EnginePackageCyclesTest imports it. */
public final class CycleStart {
    Object next = new CycleBack();
}
