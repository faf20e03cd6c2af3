package org.netstudio.netgraph.edit;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.netstudio.netgraph.io.NetNames;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NodePath;

/** How commands name things in their descriptions and messages, and how they check new names. */
final class Names {

    private Names() {
    }

    /** "the net" or "'block1'" (capitalised "The net" at the start of a sentence). */
    static String container(NodePath path, boolean capital) {
        return path.isRoot() ? (capital ? "The net" : "the net") : "'" + path + "'";
    }

    /** "'conv1'" or "'block1/conv1'". */
    static String node(NodePath container, String name) {
        return "'" + container.child(name) + "'";
    }

    /** "'a'", "'a' and 'b'", "3 nodes". */
    static String several(Collection<String> names) {
        List<String> l = List.copyOf(names);
        if (l.size() == 1) {
            return "'" + l.get(0) + "'";
        }
        if (l.size() == 2) {
            return "'" + l.get(0) + "' and '" + l.get(1) + "'";
        }
        return l.size() + " nodes";
    }

    /** Throws IllegalArgumentException when {@code name} cannot name a new node of the graph. */
    static void requireFree(Graph g, NodePath container, String name) {
        checkValid(name);
        if (g.nodes().containsKey(name)) {
            throw new IllegalArgumentException(capitalize(container(container, false)) + " already has a node named '"
                    + name + "'.");
        }
        if (g.inputs().containsKey(name) || g.outputs().containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is the name of a port of " + container(container, false)
                    + "; a node needs another name.");
        }
    }

    static void checkValid(String name) {
        NetNames.problem(name).ifPresent(p -> {
            throw new IllegalArgumentException(capitalize(p) + ".");
        });
    }

    /** {@code base} if free, else base2, base3, …. */
    static String fresh(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            if (!taken.contains(base + i)) {
                return base + i;
            }
        }
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
