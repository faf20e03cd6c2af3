package org.netstudio.netgraph.edit;

import java.util.Objects;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;

/**
 * Replaces the whole net (an import, a conversion, a paste of a net), and the layout too unless
 * {@code layout} is null.
 */
public record ReplaceNet(NetNode net, Layout layout, String description) implements Command {

    public ReplaceNet {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        NetDocument d = doc.withNet(net);
        return layout == null ? d : d.withLayout(layout);
    }
}
