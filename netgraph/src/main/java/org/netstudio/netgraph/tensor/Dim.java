package org.netstudio.netgraph.tensor;

/**
 * One dimension of a tensor type: a fixed size, a named symbolic size (a sequence of varying
 * length {@code n}), or not yet known. Immutable.
 */
public sealed interface Dim permits Dim.Fixed, Dim.Symbolic, Dim.Unknown {

    /** A dimension of a known size, at least 1 (a size of 0 is allowed for empty sequences). */
    record Fixed(int size) implements Dim {
        public Fixed {
            if (size < 0) {
                throw new IllegalArgumentException("a dimension cannot be negative, but got " + size);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(size);
        }
    }

    /** A dimension that varies from example to example, named so that equal lengths can be tracked. */
    record Symbolic(String name) implements Dim {
        public Symbolic {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a symbolic dimension needs a name");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A dimension that inference has not determined (yet). */
    record Unknown() implements Dim {
        @Override
        public String toString() {
            return "?";
        }
    }

    Dim UNKNOWN = new Unknown();

    static Dim of(int size) {
        return new Fixed(size);
    }

    static Dim symbolic(String name) {
        return new Symbolic(name);
    }

    default boolean isFixed() {
        return this instanceof Fixed;
    }

    default boolean isKnown() {
        return !(this instanceof Unknown);
    }

    /** The size of a fixed dimension, or -1. */
    default int size() {
        return this instanceof Fixed f ? f.size() : -1;
    }

    /**
     * The most specific dimension consistent with both, or {@code null} when they contradict
     * (two different sizes, two different symbols, or a symbol against a fixed size).
     */
    default Dim unify(Dim other) {
        if (this instanceof Unknown) {
            return other;
        }
        if (other instanceof Unknown) {
            return this;
        }
        return this.equals(other) ? this : null;
    }
}
