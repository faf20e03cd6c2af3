package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A copy, in Java memory, of every parameter array of a block (weights, biases, and state such as
 * batch-norm running statistics), keyed by DJL's parameter names in block order (e.g. {@code
 * 01Linear_weight}). Holds no native memory, so it can outlive the block and cross threads.
 * Immutable; accessors return copies.
 */
public final class ParameterSnapshot {

    private final Map<String, Shape> shapes;
    private final Map<String, float[]> values;

    private ParameterSnapshot(Map<String, Shape> shapes, Map<String, float[]> values) {
        this.shapes = shapes;
        this.values = values;
    }

    /**
     * Copies the current parameters of an initialised block.
     *
     * @param block the block
     * @return the snapshot
     * @throws IllegalArgumentException if a parameter is not float32 or not initialised
     */
    public static ParameterSnapshot of(Block block) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (!parameter.isInitialized()) {
                throw new IllegalArgumentException("The parameter " + entry.getKey() + " is not initialised");
            }
            NDArray array = parameter.getArray();
            if (array.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("The parameter " + entry.getKey() + " is " + array.getDataType()
                        + "; only float32 parameters can be copied");
            }
            shapes.put(entry.getKey(), array.getShape());
            values.put(entry.getKey(), array.toFloatArray());
        }
        return new ParameterSnapshot(shapes, values);
    }

    /** An empty snapshot (no parameters), e.g. for a run that failed before initialisation. */
    public static ParameterSnapshot empty() {
        return new ParameterSnapshot(Map.of(), Map.of());
    }

    /** The parameter names, in block order. */
    public List<String> names() {
        return List.copyOf(shapes.keySet());
    }

    /** The number of parameter arrays. */
    public int size() {
        return shapes.size();
    }

    /** The total number of values in all arrays. */
    public long valueCount() {
        return values.values().stream().mapToLong(v -> v.length).sum();
    }

    /** The shape of one parameter. */
    public Shape shape(String name) {
        return Objects.requireNonNull(shapes.get(name), () -> "No parameter named " + name);
    }

    /** A copy of one parameter's values, row-major. */
    public float[] values(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No parameter named " + name);
        }
        return v.clone();
    }

    /**
     * Writes these values into the parameters of an initialised block with the same structure.
     * Call it on a thread that is not recording gradients (any thread outside training).
     *
     * @param block the block
     * @throws IllegalArgumentException if names or shapes differ
     */
    public void applyTo(Block block) {
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Shape shape = shapes.get(entry.getKey());
            NDArray array = entry.getValue().getArray();
            if (shape == null || !shape.equals(array.getShape())) {
                throw new IllegalArgumentException("The block's parameter " + entry.getKey() + " " + array.getShape()
                        + " does not match the snapshot's " + (shape == null ? "(absent)" : shape));
            }
        }
        for (Pair<String, Parameter> entry : block.getParameters()) {
            NDArray array = entry.getValue().getArray();
            try (NDArray source = array.getManager().create(values.get(entry.getKey()), array.getShape())) {
                source.copyTo(array);
            }
        }
    }

    @Override
    public String toString() {
        return "ParameterSnapshot[" + size() + " arrays, " + valueCount() + " values]";
    }
}
