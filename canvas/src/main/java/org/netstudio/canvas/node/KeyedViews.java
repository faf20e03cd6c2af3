package org.netstudio.canvas.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The canvas layers keep their views by key (node id, wire key) and drop those a new level no longer has. */
public final class KeyedViews {

    private KeyedViews() {
    }

    /** Removes the entries the test rejects from {@code map} and gives back their views. */
    public static <V> List<V> drop(Map<String, V> map, Predicate<Map.Entry<String, V>> test) {
        List<V> gone = new ArrayList<>();
        map.entrySet().removeIf(e -> {
            if (test.test(e)) {
                gone.add(e.getValue());
                return true;
            }
            return false;
        });
        return gone;
    }
}
