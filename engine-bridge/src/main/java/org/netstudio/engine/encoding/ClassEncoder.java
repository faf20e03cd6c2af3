package org.netstudio.engine.encoding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Class labels ↔ class indices, and decoding of a net's probability vector into labels. Index
 * {@code i} is the {@code i}-th label. Immutable and thread-safe.
 */
public final class ClassEncoder {

    private final List<String> labels;
    private final Map<String, Integer> indices;

    /**
     * Creates an encoder.
     *
     * @param labels the class labels, distinct, at least one; copied
     */
    public ClassEncoder(List<String> labels) {
        this.labels = List.copyOf(labels);
        if (this.labels.isEmpty()) {
            throw new IllegalArgumentException("A class encoder needs at least one label");
        }
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < this.labels.size(); i++) {
            if (map.put(this.labels.get(i), i) != null) {
                throw new IllegalArgumentException("The label '" + this.labels.get(i) + "' appears twice");
            }
        }
        this.indices = Map.copyOf(map);
    }

    /** The labels, unmodifiable. */
    public List<String> labels() {
        return labels;
    }

    /** The number of classes. */
    public int size() {
        return labels.size();
    }

    /**
     * The index of a label.
     *
     * @param label one of the labels
     * @return its index
     * @throws IllegalArgumentException if it is not a label
     */
    public int encode(String label) {
        Integer index = indices.get(label);
        if (index == null) {
            throw new IllegalArgumentException("'" + label + "' is not one of the classes " + labels);
        }
        return index;
    }

    /**
     * The label of an index.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the label
     */
    public String decode(int index) {
        if (index < 0 || index >= labels.size()) {
            throw new IllegalArgumentException("Class index " + index + " is outside 0 to " + (labels.size() - 1));
        }
        return labels.get(index);
    }

    /**
     * The most probable label.
     *
     * @param probabilities one score per class (probabilities or logits)
     * @return the label with the highest score (the first one on ties)
     */
    public String decode(float[] probabilities) {
        return topK(probabilities, 1).get(0).label();
    }

    /**
     * The {@code k} most probable classes, most probable first (ties keep index order).
     *
     * @param probabilities one probability per class
     * @param k how many, at least 1 (capped at the number of classes)
     * @return the classes with their probabilities
     */
    public List<ClassProbability> topK(float[] probabilities, int k) {
        Objects.requireNonNull(probabilities, "probabilities");
        if (probabilities.length != labels.size()) {
            throw new IllegalArgumentException("Expected " + labels.size() + " probabilities (one per class), but got "
                    + probabilities.length);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, but was " + k);
        }
        List<ClassProbability> all = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            all.add(new ClassProbability(labels.get(i), i, probabilities[i]));
        }
        // A stable sort keeps index order among equal probabilities.
        all.sort((a, b) -> Float.compare(b.probability(), a.probability()));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassEncoder c && c.labels.equals(labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    @Override
    public String toString() {
        return "ClassEncoder" + labels;
    }
}
