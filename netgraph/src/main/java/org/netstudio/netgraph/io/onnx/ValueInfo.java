package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * What the importer knows about one ONNX value: its per-example type (batch axis removed; may be
 * partly or wholly unknown) and its ONNX element type (0 when unknown).
 */
record ValueInfo(TensorType type, int elementType) {

    static final ValueInfo UNKNOWN = new ValueInfo(TensorType.ANY, 0);

    /** The per-example type of an ONNX type: the first (batch) axis dropped. */
    static ValueInfo of(TypeProto t) {
        if (!t.hasTensorType()) {
            return UNKNOWN;
        }
        TypeProto.Tensor tt = t.getTensorType();
        int elem = tt.getElemType();
        ElementKind kind = kindOf(elem);
        if (!tt.hasShape()) {
            return new ValueInfo(new TensorType(kind, null), elem);
        }
        List<Dim> dims = new ArrayList<>();
        List<TensorShapeProto.Dimension> ds = tt.getShape().getDimList();
        for (int i = 1; i < ds.size(); i++) {
            TensorShapeProto.Dimension d = ds.get(i);
            if (d.hasDimValue() && d.getDimValue() >= 0 && d.getDimValue() <= Integer.MAX_VALUE) {
                dims.add(Dim.of((int) d.getDimValue()));
            } else if (d.hasDimParam() && !d.getDimParam().isBlank()) {
                // Some exporters name every dynamic axis after the batch ([batch, batch] token ids):
                // a per-example length is not the batch size, so it gets a name of its own.
                boolean batchName = ds.get(0).hasDimParam() && ds.get(0).getDimParam().equals(d.getDimParam());
                dims.add(Dim.symbolic(batchName ? "n" : symbol(d.getDimParam())));
            } else {
                dims.add(Dim.UNKNOWN);
            }
        }
        return new ValueInfo(new TensorType(kind, ds.isEmpty() ? List.of() : dims), elem);
    }

    /** The element kind of an ONNX element type (0: unknown). */
    static ElementKind kindOf(int elem) {
        if (elem == 0) {
            return ElementKind.ANY;
        }
        return OnnxTensors.isRealType(elem) ? ElementKind.REAL
                : elem == TensorProto.DataType.STRING_VALUE ? ElementKind.ANY : ElementKind.INTEGER;
    }

    private static String symbol(String param) {
        String s = param.strip().replaceAll("[^A-Za-z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "n" + s : s;
    }

    boolean isReal() {
        return elementType != 0 ? OnnxTensors.isRealType(elementType)
                : type.kind() instanceof org.netstudio.netgraph.tensor.ElementKind.Real;
    }

    /** The ONNX rank (with the batch axis), or -1 when unknown. */
    int onnxRank() {
        return type.rankKnown() ? type.rank() + 1 : -1;
    }
}
