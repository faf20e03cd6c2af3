package org.netstudio.netgraph.archcanary;

/** Breaks every netgraph rule on purpose; only ModuleDependencyRulesCanaryTest imports it. */
public final class NetgraphViolations {
    Object javaFx = javafx.scene.paint.Color.RED;
    Object djl = new ai.djl.ndarray.types.Shape(1, 28, 28);
    Object engine = new org.netstudio.engine.archcanary.EngineViolations();
    Object app = org.netstudio.app.Version.current();
    Object allowed = new net.razorvine.pickle.Unpickler();
}
