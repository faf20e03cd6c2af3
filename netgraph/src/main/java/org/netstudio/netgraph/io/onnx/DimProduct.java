package org.netstudio.netgraph.io.onnx;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.tensor.Dim;

/**
 * A product of dimensions kept as a number times symbols, so a Reshape's -1 can be told when the
 * symbols cancel: {@code batch×n×384 / (batch×n×12) = 32}, {@code batch×n×384 / (batch×384) = n}.
 */
record DimProduct(long number, List<Dim> symbols, boolean known) {

    static DimProduct of(List<Dim> dims) {
        long number = 1;
        List<Dim> symbols = new ArrayList<>();
        for (Dim d : dims) {
            if (!d.isKnown()) {
                return new DimProduct(1, List.of(), false);
            }
            if (d.isFixed()) {
                number = Math.multiplyExact(number, d.size());
            } else {
                symbols.add(d);
            }
        }
        return new DimProduct(number, symbols, true);
    }

    /** The dimension that times {@code divisor} gives this product, or unknown when it is not one number or one symbol. */
    Dim dividedBy(DimProduct divisor) {
        if (!known || !divisor.known || divisor.number == 0 || number % divisor.number != 0) {
            return Dim.UNKNOWN;
        }
        List<Dim> left = new ArrayList<>(symbols);
        for (Dim s : divisor.symbols) {
            if (!left.remove(s)) {
                return Dim.UNKNOWN;
            }
        }
        long q = number / divisor.number;
        if (left.isEmpty()) {
            return q <= Integer.MAX_VALUE ? Dim.of((int) q) : Dim.UNKNOWN;
        }
        return left.size() == 1 && q == 1 ? left.get(0) : Dim.UNKNOWN;
    }
}
