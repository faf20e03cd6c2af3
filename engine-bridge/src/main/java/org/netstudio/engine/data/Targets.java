package org.netstudio.engine.data;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a dataset asks the net to predict for each example: a class ({@link Classes}) or a vector
 * of real numbers ({@link Values}). Both kinds are immutable; accessors that return arrays return
 * copies.
 */
public sealed interface Targets permits Targets.Classes, Targets.Values {

    /** The number of examples. */
    int size();

    /**
     * Returns the targets of the given examples, in the given order.
     *
     * @param indices example indices, each in {@code [0, size())}
     * @return new targets with {@code indices.length} examples
     */
    Targets subset(int[] indices);

    /**
     * Class targets: each example has one label index in {@code [0, classCount())}, and each
     * class has a name.
     */
    final class Classes implements Targets {
        private final int[] labels;
        private final List<String> classNames;

        /**
         * Creates class targets.
         *
         * @param labels one class index per example; copied
         * @param classNames the name of each class, distinct, at least one; copied
         * @throws IllegalArgumentException if a label is out of range or names repeat
         */
        public Classes(int[] labels, List<String> classNames) {
            Objects.requireNonNull(labels, "labels");
            this.classNames = List.copyOf(classNames);
            if (this.classNames.isEmpty()) {
                throw new IllegalArgumentException("Class targets need at least one class name");
            }
            Set<String> seen = new HashSet<>();
            for (String name : this.classNames) {
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("The class name '" + name + "' appears twice");
                }
            }
            this.labels = labels.clone();
            for (int i = 0; i < this.labels.length; i++) {
                int label = this.labels[i];
                if (label < 0 || label >= this.classNames.size()) {
                    throw new IllegalArgumentException(
                            "Example " + i + " has class index " + label + ", but there are only "
                                    + this.classNames.size() + " classes (0 to "
                                    + (this.classNames.size() - 1) + ")");
                }
            }
        }

        /**
         * Creates class targets named "0", "1", … .
         *
         * @param labels one class index per example; copied
         * @param classCount the number of classes
         * @return the targets
         */
        public static Classes numbered(int[] labels, int classCount) {
            return new Classes(labels, numberedNames(classCount));
        }

        /** The names "0", "1", … of {@code classCount} classes that have no names of their own. */
        public static List<String> numberedNames(int classCount) {
            List<String> names = new ArrayList<>(classCount);
            for (int i = 0; i < classCount; i++) {
                names.add(Integer.toString(i));
            }
            return names;
        }

        @Override
        public int size() {
            return labels.length;
        }

        /** The class index of one example. */
        public int label(int example) {
            return labels[example];
        }

        /** A copy of all class indices. */
        public int[] labels() {
            return labels.clone();
        }

        /** The labels without a copy, for batch assembly inside this package; never modified. */
        int[] sharedLabels() {
            return labels;
        }

        /** The class names, unmodifiable. */
        public List<String> classNames() {
            return classNames;
        }

        /** The number of classes. */
        public int classCount() {
            return classNames.size();
        }

        @Override
        public Classes subset(int[] indices) {
            int[] picked = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                picked[i] = labels[indices[i]];
            }
            return new Classes(picked, classNames);
        }

        @Override
        public String toString() {
            return "Classes[" + labels.length + " examples, " + classNames.size() + " classes]";
        }
    }

    /**
     * Real targets: each example has a vector of {@code width()} numbers (a regression target).
     * Values are stored row-major, example after example.
     */
    final class Values implements Targets {
        private final float[] values;
        private final int width;

        /**
         * Creates real targets.
         *
         * @param values {@code size × width} numbers, row-major; copied
         * @param width the numbers per example, at least 1
         * @throws IllegalArgumentException if the length is not a multiple of the width
         */
        public Values(float[] values, int width) {
            Objects.requireNonNull(values, "values");
            Bounds.atLeastOne("The target width", width);
            if (values.length % width != 0) {
                throw new IllegalArgumentException(
                        values.length + " target values cannot be split into rows of " + width);
            }
            this.values = values.clone();
            this.width = width;
        }

        @Override
        public int size() {
            return values.length / width;
        }

        /** The numbers per example. */
        public int width() {
            return width;
        }

        /** The per-example shape, {@code (width)}. */
        public Shape shape() {
            return new Shape(width);
        }

        /** One number of one example. */
        public float value(int example, int column) {
            Objects.checkIndex(column, width);
            return values[example * width + column];
        }

        /** A copy of all values, row-major. */
        public float[] values() {
            return values.clone();
        }

        /** The values without a copy, for batch assembly inside this package; never modified. */
        float[] sharedValues() {
            return values;
        }

        @Override
        public Values subset(int[] indices) {
            float[] picked = new float[indices.length * width];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(values, indices[i] * width, picked, i * width, width);
            }
            return new Values(picked, width);
        }

        @Override
        public String toString() {
            return "Values[" + size() + " examples × " + width + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Values v && v.width == width && Arrays.equals(v.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * width + Arrays.hashCode(values);
        }
    }
}
