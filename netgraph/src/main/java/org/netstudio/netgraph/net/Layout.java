package org.netstudio.netgraph.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canvas positions of nodes by path ("block2/conv1"), in canvas units (1 unit = 1 pixel at 100%
 * zoom). Graph ports are stored under their names prefixed with "$", e.g. "$Input". Immutable.
 */
public record Layout(Map<String, Position> positions) {

    public static final Layout EMPTY = new Layout(Map.of());

    /** A node's top-left corner on the canvas. */
    public record Position(double x, double y) {
    }

    public Layout {
        positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
    }

    public Layout with(String path, double x, double y) {
        Map<String, Position> p = new LinkedHashMap<>(positions);
        p.put(path, new Position(x, y));
        return new Layout(p);
    }

    public Layout without(String path) {
        Map<String, Position> p = new LinkedHashMap<>(positions);
        p.remove(path);
        return new Layout(p);
    }
}
