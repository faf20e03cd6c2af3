package org.netstudio.netgraph.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.tensor.Unification;

/** Small shape helpers shared by the catalog's rules. */
final class Shapes {

    private Shapes() {
    }

    /** The rule of layers whose output has their input's shape; information flows both ways. */
    static final ShapeRule SAME_SHAPE = new ShapeRule() {
        @Override
        public Outcome infer(Params params, List<TensorType> inputs) {
            TensorType in = inputs.get(0);
            return ShapeRule.outputs(in.withKind(ElementKind.REAL));
        }

        @Override
        public List<TensorType> refineInputs(Params params, List<TensorType> inputs, List<TensorType> outputs) {
            if (inputs.get(0).unify(outputs.get(0)) instanceof Unification.Unified u) {
                return List.of(u.type());
            }
            return inputs;
        }
    };

    static List<Dim> dims(TensorType t) {
        return new ArrayList<>(t.dims());
    }

    static TensorType real(List<Dim> dims) {
        return TensorType.real(dims);
    }

    static Dim fixed(int size) {
        return Dim.of(size);
    }

    static String sizesText(int[] sizes) {
        return sizesText(java.util.Arrays.stream(sizes).asLongStream().toArray());
    }

    static String sizesText(long[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            if (i > 0) {
                sb.append('×');
            }
            sb.append(sizes[i]);
        }
        return sb.toString();
    }

    static String dimsText(List<Dim> dims) {
        return dims.stream().map(Dim::toString).reduce((a, b) -> a + "×" + b).orElse("scalar");
    }

    /** Product of the fixed dims, or -1 if one is not fixed ({@link Long#MAX_VALUE} past a long). */
    static long product(List<Dim> dims) {
        return TensorType.elementCount(dims);
    }

    /** a × b, -1 when either is unknown (-1), {@link Long#MAX_VALUE} past a long. */
    static long times(long a, long b) {
        return a < 0 || b < 0 ? -1 : TensorType.saturatedProduct(a, b);
    }

    /**
     * A rejection's clause for something larger than NetStudio can hold: {@code what} "would have
     * 2^33 elements, more than NetStudio can hold".
     */
    static String tooLarge(String what, long elements) {
        return what + " would have " + countText(elements) + " elements, more than NetStudio can hold";
    }

    /** "2^33", or "8,589,934,593 (about 2^33)"; "more than 2^63" for a count that overflowed. */
    static String countText(long n) {
        if (n == Long.MAX_VALUE) {
            return "more than 2^63";
        }
        int log = 63 - Long.numberOfLeadingZeros(n);
        if (n > 0 && Long.bitCount(n) == 1) {
            return "2^" + log;
        }
        long rounded = n - (1L << log) >= (1L << log) / 2 ? log + 1 : log;
        return String.format(Locale.ROOT, "%,d (about 2^%d)", n, rounded);
    }

    /** A size computed in long, as a dimension; null when it is more than a dimension can be. */
    static Dim fixedOrNull(long size) {
        return size >= 0 && size <= Integer.MAX_VALUE ? Dim.of((int) size) : null;
    }
}
