package org.netstudio.netgraph.io.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import says about itself: an entry for each ONNX node (what it became, or why it did
 * not become a layer), and notes on the model as a whole. Becomes the {@link ImportReport}.
 */
final class ImportLog {

    private final List<ImportReport.Entry> entries = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A Constant node whose value the import keeps as a constant. */
    void folded(OnnxNode n) {
        add(n, n.proto().getOpType(), ImportReport.Outcome.FOLDED, "", "", "");
    }

    /** A node that needs no node of its own in the net. */
    void dropped(OnnxNode n, String reason) {
        add(n, n.proto().getOpType(), ImportReport.Outcome.DROPPED, "", "", reason);
    }

    /** A node computed by catalog layers, the first named {@code node}. */
    void mapped(OnnxNode n, String node, String layerType, String reason) {
        mapped(n, n.proto().getOpType(), node, layerType, reason);
    }

    /** As {@link #mapped(OnnxNode, String, String, String)}, naming the operator as {@code opType}. */
    void mapped(OnnxNode n, String opType, String node, String layerType, String reason) {
        add(n, opType, ImportReport.Outcome.MAPPED, node, layerType, reason);
    }

    /** A node kept as an ONNX operator, the first of its net nodes named {@code node}. */
    void opaque(OnnxNode n, String node, String reason) {
        add(n, n.proto().getOpType(), ImportReport.Outcome.OPAQUE, node, "OnnxOperator", reason);
    }

    /** The opaque node {@code node} was taken out again: it is dropped, for {@code reason}. */
    void droppedAfterAll(String node, String reason) {
        entries.replaceAll(r -> node.equals(r.node()) && r.outcome() == ImportReport.Outcome.OPAQUE
                ? new ImportReport.Entry(r.onnxName(), r.opType(), ImportReport.Outcome.DROPPED, "", "", reason)
                : r);
    }

    void note(String text) {
        notes.add(text);
    }

    ImportReport report() {
        return new ImportReport(entries, notes);
    }

    private void add(OnnxNode n, String opType, ImportReport.Outcome outcome, String node, String layerType, String reason) {
        entries.add(new ImportReport.Entry(n.label(), opType, outcome, node, layerType, reason));
    }
}
