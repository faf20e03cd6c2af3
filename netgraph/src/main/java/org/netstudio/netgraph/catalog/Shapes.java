package org.netstudio.netgraph.catalog;

import java.util.ArrayList;
import java.util.List;
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

    /** Product of the fixed dims, or -1 if one is not fixed. */
    static long product(List<Dim> dims) {
        long n = 1;
        for (Dim d : dims) {
            if (!d.isFixed()) {
                return -1;
            }
            n *= d.size();
        }
        return n;
    }

    static long times(long a, long b) {
        return a < 0 || b < 0 ? -1 : a * b;
    }
}
