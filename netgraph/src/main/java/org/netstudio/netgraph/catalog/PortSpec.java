package org.netstudio.netgraph.catalog;

import java.util.Objects;

/**
 * One input port of a layer type. A variadic port (Catenate, Total) stands for any number of
 * ports named {@code name1, name2, …}, at least {@code minCount} of them (2 for merges; an
 * imported ONNX operator may take fewer).
 */
public record PortSpec(String name, PortRequirement requirement, boolean variadic, int minCount) {

    public PortSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requirement, "requirement");
    }

    public static PortSpec of(String name, PortRequirement requirement) {
        return new PortSpec(name, requirement, false, 0);
    }

    public static PortSpec variadic(String name, PortRequirement requirement) {
        return new PortSpec(name, requirement, true, 2);
    }

    public static PortSpec variadic(String name, PortRequirement requirement, int minCount) {
        return new PortSpec(name, requirement, true, minCount);
    }
}
