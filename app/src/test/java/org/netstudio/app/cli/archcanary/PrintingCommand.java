package org.netstudio.app.cli.archcanary;

/** Writes to System.out as the CLI may; only ModuleDependencyRulesCanaryTest imports it. */
public final class PrintingCommand {
    void run() {
        System.out.println("the command line may print");
    }
}
