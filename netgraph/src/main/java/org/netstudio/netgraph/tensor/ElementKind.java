package org.netstudio.netgraph.tensor;

/**
 * What the numbers of a tensor are: real numbers (float32), class or token indices in a range,
 * or plain integers. {@link AnyKind} stands for "not yet known" during inference.
 */
public sealed interface ElementKind
        permits ElementKind.Real, ElementKind.Index, ElementKind.Integer, ElementKind.AnyKind {

    record Real() implements ElementKind {
        @Override
        public String toString() {
            return "Real";
        }
    }

    /** Integers in {@code 0 … size-1}; a size of 0 means the range is not known yet. */
    record Index(int size) implements ElementKind {
        public Index {
            if (size < 0) {
                throw new IllegalArgumentException("an index range cannot be negative, but got " + size);
            }
        }

        public boolean rangeKnown() {
            return size > 0;
        }

        @Override
        public String toString() {
            return size > 0 ? "Index[0.." + (size - 1) + "]" : "Index";
        }
    }

    record Integer() implements ElementKind {
        @Override
        public String toString() {
            return "Integer";
        }
    }

    record AnyKind() implements ElementKind {
        @Override
        public String toString() {
            return "?";
        }
    }

    ElementKind REAL = new Real();
    ElementKind INTEGER = new Integer();
    ElementKind ANY = new AnyKind();

    static ElementKind index(int size) {
        return new Index(size);
    }

    /** The most specific kind consistent with both, or {@code null} when they contradict. */
    default ElementKind unify(ElementKind other) {
        if (this instanceof AnyKind) {
            return other;
        }
        if (other instanceof AnyKind) {
            return this;
        }
        if (this instanceof Index a && other instanceof Index b) {
            if (!a.rangeKnown()) {
                return b;
            }
            if (!b.rangeKnown()) {
                return a;
            }
            return a.size() == b.size() ? a : null;
        }
        return this.getClass() == other.getClass() ? this : null;
    }
}
