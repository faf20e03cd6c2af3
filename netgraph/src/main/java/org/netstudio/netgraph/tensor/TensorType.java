package org.netstudio.netgraph.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The type of the tensor on one port, per example (no batch dimension): an element kind and a
 * list of dimensions, channels first. The rank itself may be unknown while inference runs; then
 * {@link #dims()} is {@code null}. Immutable.
 */
public record TensorType(ElementKind kind, List<Dim> dims) {

    /** A tensor of which nothing is known. */
    public static final TensorType ANY = new TensorType(ElementKind.ANY, null);

    /** A real tensor of unknown rank. */
    public static final TensorType ANY_REAL = new TensorType(ElementKind.REAL, null);

    /** A real scalar, e.g. a loss. */
    public static final TensorType SCALAR = new TensorType(ElementKind.REAL, List.of());

    /** The most elements one tensor or array may have: what a Java array can hold. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    public TensorType {
        Objects.requireNonNull(kind, "kind");
        dims = dims == null ? null : List.copyOf(dims);
    }

    /** A real tensor of the given fixed sizes. */
    public static TensorType real(int... sizes) {
        List<Dim> ds = new ArrayList<>(sizes.length);
        for (int s : sizes) {
            ds.add(Dim.of(s));
        }
        return new TensorType(ElementKind.REAL, ds);
    }

    public static TensorType real(List<Dim> dims) {
        return new TensorType(ElementKind.REAL, dims);
    }

    /** A real tensor whose rank is known but none of its sizes. */
    public static TensorType realOfRank(int rank) {
        return new TensorType(ElementKind.REAL, Collections.nCopies(rank, Dim.UNKNOWN));
    }

    public boolean rankKnown() {
        return dims != null;
    }

    /** The rank, or -1 when unknown. */
    public int rank() {
        return dims == null ? -1 : dims.size();
    }

    public Dim dim(int axis) {
        return dims.get(axis < 0 ? dims.size() + axis : axis);
    }

    /** True when the rank and every dimension are fixed sizes and the kind is known. */
    public boolean isFullyKnown() {
        return dims != null && !(kind instanceof ElementKind.AnyKind) && dims.stream().allMatch(Dim::isFixed);
    }

    /** True when the rank is known and every dimension is known (fixed or symbolic). */
    public boolean dimsKnown() {
        return dims != null && dims.stream().allMatch(Dim::isKnown);
    }

    /**
     * Number of elements, or -1 when some dimension is not fixed; {@link Long#MAX_VALUE} when the
     * count does not fit a long (sizes near 2^31 on many axes).
     */
    public long elementCount() {
        return dims == null ? -1 : elementCount(dims);
    }

    /** The product of fixed sizes, -1 when one is not fixed, {@link Long#MAX_VALUE} past a long. */
    public static long elementCount(List<Dim> dims) {
        long n = 1;
        boolean zero = false;
        for (Dim d : dims) {
            if (!d.isFixed()) {
                return -1;
            }
            zero |= d.size() == 0;
            n = saturatedProduct(n, d.size());
        }
        return zero ? 0 : n;
    }

    /** a × b for sizes (never negative), or {@link Long#MAX_VALUE} when it overflows. */
    public static long saturatedProduct(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** a + b for counts (never negative), or {@link Long#MAX_VALUE} when it overflows. */
    public static long saturatedSum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /** Fixed sizes as an int array; only valid when {@link #isFullyKnown()} holds for the dims. */
    public int[] sizes() {
        return dims.stream().mapToInt(Dim::size).toArray();
    }

    public TensorType withKind(ElementKind k) {
        return new TensorType(k, dims);
    }

    public TensorType withDims(List<Dim> ds) {
        return new TensorType(kind, ds);
    }

    /**
     * Combines what both types know. Information flows both ways: the result is at least as
     * specific as each side. A contradiction gives a {@link Unification.Conflict} whose reason is a
     * phrase such as "a vector is not compatible with a matrix".
     */
    public Unification unify(TensorType other) {
        ElementKind k = kind.unify(other.kind);
        if (k == null) {
            return new Unification.Conflict(
                    kindPhrase(kind) + " are not compatible with " + kindPhrase(other.kind));
        }
        if (dims == null || other.dims == null) {
            return new Unification.Unified(new TensorType(k, dims == null ? other.dims : dims));
        }
        if (dims.size() != other.dims.size()) {
            return new Unification.Conflict(
                    rankNoun(dims.size()) + " is not compatible with " + rankNoun(other.dims.size()));
        }
        List<Dim> merged = new ArrayList<>(dims.size());
        for (int i = 0; i < dims.size(); i++) {
            Dim d = dims.get(i).unify(other.dims.get(i));
            if (d == null) {
                return new Unification.Conflict(dimConflict(i, dims.get(i), other.dims.get(i)));
            }
            merged.add(d);
        }
        return new Unification.Unified(new TensorType(k, merged));
    }

    private String dimConflict(int axis, Dim a, Dim b) {
        String where = dims.size() == 1 ? "the size" : "dimension " + (axis + 1);
        if (a instanceof Dim.Symbolic || b instanceof Dim.Symbolic) {
            return where + " is " + a + " on one side and " + b
                    + " on the other (a varying length cannot be matched with "
                    + (a.isFixed() || b.isFixed() ? "a fixed size)" : "another varying length)");
        }
        return where + " is " + a + " on one side and " + b + " on the other";
    }

    /** The shape as people write it: {@code 1×28×28}, {@code n×20}, {@code scalar}. */
    public String shapeText() {
        if (dims == null) {
            return "?";
        }
        if (dims.isEmpty()) {
            return "scalar";
        }
        return dims.stream().map(Dim::toString).collect(Collectors.joining("×"));
    }

    /**
     * A noun phrase for messages: "a vector of size 5", "a 1×28×28 array", "a sequence of n
     * vectors of size 20", "n indices in 0..96", "a scalar".
     */
    public String describe() {
        if (dims == null) {
            return kind instanceof ElementKind.Index ? "indices" : "an array of unknown rank";
        }
        if (kind instanceof ElementKind.Index idx) {
            String range = idx.rangeKnown() ? " in 0.." + (idx.size() - 1) : "";
            if (dims.isEmpty()) {
                return "an index" + range;
            }
            if (dims.size() == 1) {
                return dims.get(0) + " indices" + range;
            }
            return "a " + shapeText() + " array of indices" + range;
        }
        String kindWord = kind instanceof ElementKind.Integer ? "integer " : "";
        switch (dims.size()) {
            case 0:
                return article(kindWord) + kindWord + "scalar";
            case 1:
                return article(kindWord) + kindWord + "vector of size " + dims.get(0);
            case 2:
                if (dims.get(0) instanceof Dim.Symbolic) {
                    return "a sequence of " + dims.get(0) + " " + kindWord + "vectors of size " + dims.get(1);
                }
                return article(kindWord) + kindWord + "matrix of size " + shapeText();
            default:
                return "a " + shapeText() + " " + kindWord + "array";
        }
    }

    /** "an " before "integer …", else "a ". */
    private static String article(String kindWord) {
        return kindWord.isEmpty() ? "a " : "an ";
    }

    /** "a scalar", "a vector", "a matrix", "an array of rank 3". */
    public static String rankNoun(int rank) {
        return switch (rank) {
            case 0 -> "a scalar";
            case 1 -> "a vector";
            case 2 -> "a matrix";
            default -> "an array of rank " + rank;
        };
    }

    private static String kindPhrase(ElementKind k) {
        if (k instanceof ElementKind.Index i) {
            return i.rangeKnown() ? "indices in 0.." + (i.size() - 1) : "indices";
        }
        if (k instanceof ElementKind.Integer) {
            return "integers";
        }
        return "real numbers";
    }

    @Override
    public String toString() {
        String k = kind instanceof ElementKind.Real ? "" : kind + " ";
        return k + shapeText();
    }
}
