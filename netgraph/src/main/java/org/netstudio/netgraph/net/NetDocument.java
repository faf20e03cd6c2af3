package org.netstudio.netgraph.net;

import java.util.Objects;

/**
 * What a net file holds: a name, the net, and the canvas layout (which never changes what the net
 * computes).
 */
public record NetDocument(String name, NetNode net, Layout layout) {

    public NetDocument {
        Objects.requireNonNull(net, "net");
        name = name == null ? "" : name;
        layout = layout == null ? Layout.EMPTY : layout;
    }

    public NetDocument withNet(NetNode n) {
        return new NetDocument(name, n, layout);
    }

    public NetDocument withLayout(Layout l) {
        return new NetDocument(name, net, l);
    }
}
