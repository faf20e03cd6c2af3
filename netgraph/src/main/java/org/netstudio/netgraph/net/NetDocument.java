package org.netstudio.netgraph.net;

import java.util.Objects;

/**
 * What a net file holds: a name, the net, the canvas layout (which never changes what the net
 * computes) and the learning-rate multipliers training starts from (which layers are frozen).
 */
public record NetDocument(String name, NetNode net, Layout layout, LearningRateMultipliers multipliers) {

    public NetDocument {
        Objects.requireNonNull(net, "net");
        name = name == null ? "" : name;
        layout = layout == null ? Layout.EMPTY : layout;
        multipliers = multipliers == null ? LearningRateMultipliers.NONE : multipliers;
    }

    /** A document whose layers all learn at the full rate. */
    public NetDocument(String name, NetNode net, Layout layout) {
        this(name, net, layout, LearningRateMultipliers.NONE);
    }

    public NetDocument withNet(NetNode n) {
        return new NetDocument(name, n, layout, multipliers);
    }

    public NetDocument withLayout(Layout l) {
        return new NetDocument(name, net, l, multipliers);
    }

    public NetDocument withMultipliers(LearningRateMultipliers m) {
        return new NetDocument(name, net, layout, m);
    }
}
