package org.netstudio.netgraph.summary;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A Keras-style summary of a net: one row per catalog layer (nested layers by path), the net's
 * ports, and totals. Parameters count as Keras counts them: learnable arrays are trainable, state
 * arrays (batch-norm moving statistics) are not, and the total counts both. A count of -1 means
 * "not known" (some shape could not be inferred). Immutable.
 */
public record NetSummary(List<Row> rows, List<Port> inputs, List<Port> outputs, long total, long trainable,
                         long nonTrainable, long multiplyAdds, List<Diagnostic> diagnostics) {

    /** One layer: its path, type, output shape, parameter counts and multiply-adds per example. */
    public record Row(String name, String type, List<TensorType> outputs, long parameters, long trainable,
                      long multiplyAdds) {
        public Row {
            outputs = List.copyOf(outputs);
        }

        /** The output shape(s) as text, e.g. "20×24×24". */
        public String outputShapeText() {
            return String.join(", ", outputs.stream().map(TensorType::shapeText).toList());
        }
    }

    /** A port of the net itself. */
    public record Port(String name, TensorType type) {
    }

    public NetSummary {
        rows = List.copyOf(rows);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        diagnostics = List.copyOf(diagnostics);
    }

    public static NetSummary of(NetNode net) {
        return of(net, ShapeInference.infer(net));
    }

    public static NetSummary of(NetNode net, InferenceResult result) {
        List<Row> rows = new ArrayList<>();
        long total = 0;
        long trainable = 0;
        long macs = 0;
        for (LayerInfo l : result.layers()) {
            long p = l.parameterCount();
            long t = l.trainableCount();
            rows.add(new Row(l.path().toString(), l.layer().type(), l.outputs(), p, t, l.multiplyAdds()));
            total = add(total, p);
            trainable = add(trainable, t);
            macs = add(macs, l.multiplyAdds());
        }
        List<Port> ins = net.inputNames().stream()
                .map(n -> new Port(n, result.inputType(NodePath.ROOT, n))).toList();
        List<Port> outs = net.outputNames().stream()
                .map(n -> new Port(n, result.outputType(NodePath.ROOT, n))).toList();
        long nonTrainable = total < 0 || trainable < 0 ? -1 : total - trainable;
        return new NetSummary(rows, ins, outs, total, trainable, nonTrainable, macs, result.diagnostics());
    }

    private static long add(long a, long b) {
        return a < 0 || b < 0 ? -1 : TensorType.saturatedSum(a, b);
    }

    /** The totals in the words every view uses. */
    public ParameterCount parameters() {
        return new ParameterCount(total, trainable, nonTrainable);
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }
}
