package org.netstudio.app.archcanary;

/** Writes to the standard streams outside the CLI on purpose; only ModuleDependencyRulesCanaryTest imports it. */
public final class PrintingView {
    void show() {
        System.out.println("a view must not print");
    }
}
