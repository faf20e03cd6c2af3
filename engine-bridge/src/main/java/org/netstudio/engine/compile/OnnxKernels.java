package org.netstudio.engine.compile;

import org.netstudio.engine.onnx.OnnxNodeSession;
import org.netstudio.netgraph.catalog.Params;

/** The kernel of an opaque {@code OnnxOperator}: the node runs in ONNX Runtime (inference only, no gradient). */
final class OnnxKernels {

    private OnnxKernels() {
    }

    static LayerKernel of(Params params) {
        OnnxNodeSession session = new OnnxNodeSession(params);
        return (in, arrays, training) -> session.forward(in, arrays);
    }
}
