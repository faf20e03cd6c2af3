package org.netstudio.netgraph.io;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.netstudio.netgraph.net.NodePath;

/**
 * The learned arrays of a net, keyed by {@code "<node path>/<array name>"} (e.g.
 * {@code "convolution1/weights"}, {@code "block2/linear1/biases"}), with free-form string metadata
 * as safetensors files carry it. Keys are kept sorted, so files written from it are deterministic.
 * Immutable and thread-safe; no nulls.
 */
public final class Weights {

    /** No arrays, no metadata. */
    public static final Weights EMPTY = new Weights(new TreeMap<>(), new TreeMap<>());

    private final Map<String, WeightArray> arrays;
    private final Map<String, String> metadata;

    private Weights(TreeMap<String, WeightArray> arrays, TreeMap<String, String> metadata) {
        this.arrays = Collections.unmodifiableMap(arrays);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /** The arrays under their own names; throws IllegalArgumentException when two share a name. */
    public static Weights of(Collection<WeightArray> arrays, Map<String, String> metadata) {
        TreeMap<String, WeightArray> m = new TreeMap<>();
        for (WeightArray a : arrays) {
            if (m.put(a.name(), a) != null) {
                throw new IllegalArgumentException("two arrays are named \"" + a.name() + "\"");
            }
        }
        return new Weights(m, new TreeMap<>(metadata));
    }

    /** The key of an array of a node: {@code "block2/linear1/weights"}. */
    public static String key(NodePath node, String arrayName) {
        return node.isRoot() ? arrayName : node + "/" + arrayName;
    }

    /** The node path part of a key ("block2/linear1" of "block2/linear1/weights"). */
    public static NodePath nodeOf(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? NodePath.ROOT : NodePath.parse(key.substring(0, slash));
    }

    /** All arrays by key, sorted. */
    public Map<String, WeightArray> arrays() {
        return arrays;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public Optional<WeightArray> get(String key) {
        return Optional.ofNullable(arrays.get(key));
    }

    public Optional<WeightArray> get(NodePath node, String arrayName) {
        return get(key(node, arrayName));
    }

    public boolean isEmpty() {
        return arrays.isEmpty();
    }

    public int size() {
        return arrays.size();
    }

    /** A copy with this array added or replaced. */
    public Weights with(WeightArray array) {
        TreeMap<String, WeightArray> m = new TreeMap<>(arrays);
        m.put(array.name(), array);
        return new Weights(m, new TreeMap<>(metadata));
    }

    /** A copy without the array of this key. */
    public Weights without(String key) {
        TreeMap<String, WeightArray> m = new TreeMap<>(arrays);
        m.remove(key);
        return new Weights(m, new TreeMap<>(metadata));
    }

    /** A copy with different metadata. */
    public Weights withMetadata(Map<String, String> meta) {
        return new Weights(new TreeMap<>(arrays), new TreeMap<>(meta));
    }

    /** A copy where the arrays of {@code from} and of the nodes inside it belong to {@code to}. */
    public Weights withNodeRenamed(NodePath from, NodePath to) {
        TreeMap<String, WeightArray> m = new TreeMap<>();
        for (WeightArray a : arrays.values()) {
            NodePath node = nodeOf(a.name());
            if (!from.isRoot() && node.startsWith(from)) {
                java.util.List<String> names = new java.util.ArrayList<>(to.names());
                names.addAll(node.names().subList(from.depth(), node.depth()));
                String arrayName = a.name().substring(a.name().lastIndexOf('/') + 1);
                a = a.withName(key(new NodePath(names), arrayName));
            }
            m.put(a.name(), a);
        }
        return new Weights(m, new TreeMap<>(metadata));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weights w && arrays.equals(w.arrays) && metadata.equals(w.metadata);
    }

    @Override
    public int hashCode() {
        return arrays.hashCode() * 31 + metadata.hashCode();
    }

    @Override
    public String toString() {
        return "Weights" + arrays.values();
    }
}
