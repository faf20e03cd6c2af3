package org.netstudio.app.archcanary;

import org.netstudio.app.archcanary.loop.CycleBack;

/** Starts a package cycle on purpose (with {@link CycleBack}); only ModuleDependencyRulesCanaryTest imports it. */
public final class CycleStart {
    Object next = new CycleBack();
}
