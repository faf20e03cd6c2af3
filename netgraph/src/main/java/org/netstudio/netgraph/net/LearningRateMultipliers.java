package org.netstudio.netgraph.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Learning-rate multipliers per node, after the Wolfram Language's {@code LearningRateMultipliers}:
 * a node path (a layer or a container) maps to a factor ≥ 0 on the learning rate of its arrays; 0
 * freezes them. A layer takes the factor of the most specific entry on its path (itself, else its
 * closest container), 1 when there is none, so a container's entry covers every layer inside it
 * and a layer's own entry overrides it. Immutable; entries kept sorted by path.
 *
 * @param factors the factor of each node path, each finite and ≥ 0
 */
public record LearningRateMultipliers(Map<NodePath, Double> factors) {

    /** No entries: every layer learns at the full rate. */
    public static final LearningRateMultipliers NONE = new LearningRateMultipliers(Map.of());

    /** Validates the factors. */
    public LearningRateMultipliers {
        Map<NodePath, Double> sorted = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Map.Entry<NodePath, Double> e : factors.entrySet()) {
            Objects.requireNonNull(e.getKey(), "path");
            double f = Objects.requireNonNull(e.getValue(), "factor");
            if (!(f >= 0) || Double.isInfinite(f)) {
                throw new IllegalArgumentException("A learning-rate multiplier must be a number of 0 or more, but "
                        + (e.getKey().isRoot() ? "the net's" : e.getKey() + "'s") + " was " + f);
            }
            sorted.put(e.getKey(), f);
        }
        factors = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /** The factor of the node at {@code path}: its own entry, else its closest container's, else 1. */
    public double factorOf(NodePath path) {
        for (NodePath p = path; ; p = p.parent()) {
            Double f = factors.get(p);
            if (f != null) {
                return f;
            }
            if (p.isRoot()) {
                return 1;
            }
        }
    }

    /** Whether the node at {@code path} learns nothing (its factor is 0). */
    public boolean frozen(NodePath path) {
        return factorOf(path) == 0;
    }

    /** Whether there are no entries. */
    public boolean isEmpty() {
        return factors.isEmpty();
    }

    /** These multipliers with {@code path} set to {@code factor}. */
    public LearningRateMultipliers with(NodePath path, double factor) {
        Map<NodePath, Double> m = new LinkedHashMap<>(factors);
        m.put(path, factor);
        return new LearningRateMultipliers(m);
    }

    /** These multipliers without an entry for {@code path} (it inherits again). */
    public LearningRateMultipliers without(NodePath path) {
        Map<NodePath, Double> m = new LinkedHashMap<>(factors);
        m.remove(path);
        return new LearningRateMultipliers(m);
    }

    /** These multipliers with the entries of {@code from} and everything inside it moved to {@code to} (a rename). */
    public LearningRateMultipliers renamed(NodePath from, NodePath to) {
        Map<NodePath, Double> m = new LinkedHashMap<>();
        factors.forEach((p, f) -> m.put(p.startsWith(from) && !from.isRoot()
                ? new NodePath(concat(to.names(), p.names().subList(from.depth(), p.depth()))) : p, f));
        return new LearningRateMultipliers(m);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** These multipliers with the entries of {@code overrides} laid on top (theirs win). */
    public LearningRateMultipliers overriddenBy(LearningRateMultipliers overrides) {
        Map<NodePath, Double> m = new LinkedHashMap<>(factors);
        m.putAll(overrides.factors);
        return new LearningRateMultipliers(m);
    }

    /** The paths of the entries with factor 0, sorted. */
    public List<NodePath> frozenEntries() {
        return factors.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
    }
}
