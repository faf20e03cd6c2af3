package org.netstudio.netgraph.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a node sits in the container hierarchy: the names from the top-level net down, e.g.
 * {@code block2/conv1}. The empty path is the top-level net itself.
 */
public record NodePath(List<String> names) {

    public static final NodePath ROOT = new NodePath(List.of());

    public NodePath {
        names = List.copyOf(names);
    }

    public static NodePath of(String... names) {
        return new NodePath(List.of(names));
    }

    /** Parses "a/b/c"; the empty string is the root. */
    public static NodePath parse(String text) {
        return text.isEmpty() ? ROOT : new NodePath(List.of(text.split("/")));
    }

    public NodePath child(String name) {
        List<String> n = new ArrayList<>(names);
        n.add(name);
        return new NodePath(n);
    }

    public NodePath parent() {
        return names.isEmpty() ? this : new NodePath(names.subList(0, names.size() - 1));
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    /** The last name, or "" for the root. */
    public String leaf() {
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }

    public int depth() {
        return names.size();
    }

    public boolean startsWith(NodePath prefix) {
        return names.size() >= prefix.names.size() && names.subList(0, prefix.names.size()).equals(prefix.names);
    }

    @Override
    public String toString() {
        return String.join("/", names);
    }
}
