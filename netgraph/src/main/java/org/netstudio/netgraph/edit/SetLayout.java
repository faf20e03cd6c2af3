package org.netstudio.netgraph.edit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Sets canvas positions by layout key (e.g. after auto-layout), leaving other entries as they are.
 * Only the layout changes.
 */
public record SetLayout(Map<String, Layout.Position> positions, String description) implements Command {

    public SetLayout {
        positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
        Objects.requireNonNull(description, "description");
        positions.forEach((k, p) -> {
            if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
                throw new IllegalArgumentException("The position of '" + k + "' must be finite, but got " + p + ".");
            }
        });
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        Map<String, Layout.Position> p = new LinkedHashMap<>(doc.layout().positions());
        p.putAll(positions);
        return doc.withLayout(new Layout(p));
    }
}
