package org.netstudio.assets.archcanary;

/** Breaks every assets rule on purpose; only ModuleDependencyRulesCanaryTest imports it. */
public final class AssetsViolations {
    Object javaFx = javafx.scene.paint.Color.RED;
    Object netgraph = org.netstudio.netgraph.net.NodePath.ROOT;
}
