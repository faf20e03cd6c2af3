package org.netstudio.netgraph.io.onnx;

import java.util.Objects;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;

/**
 * The result of importing an ONNX model: the net (a Chain when the model is a simple chain, else
 * a Graph), its weights (the model's constants, under NetStudio's array names and layouts), and
 * the report of what each ONNX node became. Immutable.
 */
public record OnnxImport(NetDocument document, Weights weights, ImportReport report) {

    public OnnxImport {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(report, "report");
    }
}
