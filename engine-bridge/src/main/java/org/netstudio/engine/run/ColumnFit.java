package org.netstudio.engine.run;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.FeatureColumn;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Whether a column of data can feed a port, said in a sentence when it cannot: checked before
 * training starts, so that a net and data that do not fit are explained in NetStudio's words
 * rather than by the engine's error halfway through a batch.
 */
final class ColumnFit {

    private ColumnFit() {
    }

    /**
     * Explains why a column cannot feed a port, or returns null when it can.
     *
     * @param what   how to name the port, e.g. "The net's input 'Input'"
     * @param port   the port's inferred type
     * @param name   the column's name
     * @param column the column
     * @param data   the data's name
     */
    static String problem(String what, TensorType port, String name, Column column, String data) {
        String holds = "column '" + name + "' of '" + data + "' holds " + column.describe();
        String takes = what + " takes " + port.describe();
        if (column instanceof SequenceColumn seq) {
            if (!port.rankKnown()) {
                return null;
            }
            int wanted = seq.holdsIndices() ? 1 : 2;
            if (port.rank() != wanted || port.dim(0).isFixed()) {
                return takes + ", but " + holds + (port.dim(0).isFixed() || port.rank() == 0
                        ? ": a sequence of varying length needs a port whose first size varies (n)" : "");
            }
            if (seq.holdsIndices()) {
                if (port.kind() instanceof ElementKind.Index idx) {
                    if (idx.rangeKnown() && idx.size() < seq.vocabulary()) {
                        return takes + ", but " + holds + ": the net knows " + idx.size() + " and the data has "
                                + seq.vocabulary() + "; make the input's range (and its Embedding's vocabulary) "
                                + seq.vocabulary();
                    }
                    return null;
                }
                return takes + ", but " + holds + "; put an Embedding or UnitVector first, or an encoder on the input";
            }
            if (!(port.kind() instanceof ElementKind.Real)) {
                return takes + ", but " + holds;
            }
            Dim width = port.dim(1);
            return width.isFixed() && width.size() != seq.type().dim(1).size() ? takes + ", but " + holds : null;
        }
        if (column instanceof TargetColumn t && t.targets() instanceof Targets.Classes c) {
            if (port.kind() instanceof ElementKind.Index idx) {
                if (port.rankKnown() && port.rank() != 0) {
                    return takes + ", but " + holds + ": one class per example";
                }
                return idx.rangeKnown() && idx.size() < c.classCount() ? takes + ", but " + holds : null;
            }
            return takes + ", but " + holds + " (class indices, not real numbers)";
        }
        TensorType given = column.type();
        if (port.kind() instanceof ElementKind.Index idx) {
            // Token ids stored as numbers (an imported text model's data) feed an index input when they are ids.
            String notIds = column instanceof FeatureColumn f ? notIndices(f, idx) : "";
            if (notIds != null) {
                return takes + ", but " + holds + "; indices cannot be made from real numbers" + notIds;
            }
            if (port.rankKnown() && port.rank() == 1 && port.dim(0) instanceof Dim.Symbolic && given.rank() == 1) {
                return null;
            }
        }
        if (!port.rankKnown()) {
            return null;
        }
        if (port.isFullyKnown()) {
            return port.elementCount() == given.elementCount() ? null : takes + " (" + port.elementCount()
                    + " values), but " + holds + " (" + given.elementCount() + " values)";
        }
        if (port.rank() != given.rank()) {
            return takes + ", but " + holds;
        }
        for (int d = 0; d < port.rank(); d++) {
            if (port.dim(d) instanceof Dim.Symbolic) {
                return takes + ", but " + holds + ": a fixed size cannot feed a varying length";
            }
            if (port.dim(d).isFixed() && port.dim(d).size() != given.dim(d).size()) {
                return takes + ", but " + holds;
            }
        }
        return null;
    }

    /**
     * Null when every feature is a whole number in the index range (checked on data in memory),
     * else a phrase saying which value is not.
     */
    private static String notIndices(FeatureColumn column, ElementKind.Index range) {
        org.netstudio.engine.data.Dataset data = column.data();
        if (!data.inMemory()) {
            return "";
        }
        int limit = range.rangeKnown() ? range.size() : Integer.MAX_VALUE;
        for (int e = 0; e < data.size(); e++) {
            float[] values = data.features(e);
            for (float v : values) {
                if (v != Math.rint(v) || v < 0 || v >= limit) {
                    return " (example " + e + " holds " + v + ")";
                }
            }
        }
        return null;
    }

    /**
     * The column's per-example type with its varying size named as the port names it, so that
     * the two can be unified (a column says {@code n}, a port may say {@code t}).
     */
    static TensorType asPort(Column column, TensorType port) {
        TensorType t = column.type();
        if (!t.rankKnown() || !port.rankKnown()) {
            return t;
        }
        List<Dim> dims = new ArrayList<>(t.dims());
        for (int d = 0; d < dims.size() && d < port.rank(); d++) {
            if (dims.get(d) instanceof Dim.Symbolic && port.dim(d) instanceof Dim.Symbolic) {
                dims.set(d, port.dim(d));
            }
        }
        return new TensorType(t.kind(), dims);
    }
}
