package org.netstudio.netgraph.io.onnx;

import org.netstudio.netgraph.tensor.TensorType;

/**
 * What the importer knows about one ONNX value: its per-example type (batch axis removed; may be
 * partly or wholly unknown) and its ONNX element type (0 when unknown).
 */
record ValueInfo(TensorType type, int elementType) {

    static final ValueInfo UNKNOWN = new ValueInfo(TensorType.ANY, 0);

    boolean isReal() {
        return elementType != 0 ? OnnxTensors.isRealType(elementType)
                : type.kind() instanceof org.netstudio.netgraph.tensor.ElementKind.Real;
    }

    /** The ONNX rank (with the batch axis), or -1 when unknown. */
    int onnxRank() {
        return type.rankKnown() ? type.rank() + 1 : -1;
    }
}
