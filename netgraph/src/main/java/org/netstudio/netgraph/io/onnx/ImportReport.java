package org.netstudio.netgraph.io.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * What importing an ONNX model did with each of its nodes: which NetStudio node it became (as a
 * catalog layer, or as an opaque {@code OnnxOperator} and why), or that it was folded into a
 * constant or dropped (Identity, Dropout at inference). Immutable.
 *
 * @param entries one per ONNX node, in the model's order
 * @param notes   remarks about the model as a whole (e.g. a graph output that is a constant)
 */
public record ImportReport(List<Entry> entries, List<String> notes) {

    /** What became of one ONNX node. */
    public enum Outcome { MAPPED, OPAQUE, FOLDED, DROPPED }

    /**
     * One ONNX node.
     *
     * @param onnxName  the node's name in the model (or its first output when it has none)
     * @param opType    the ONNX operator type ("Conv")
     * @param outcome   what it became
     * @param node      the NetStudio node it became, or "" when folded or dropped
     * @param layerType the catalog layer type of that node ("Convolution", "OnnxOperator"), or ""
     * @param reason    why it stayed opaque, or a remark; "" when there is nothing to say
     */
    public record Entry(String onnxName, String opType, Outcome outcome, String node, String layerType, String reason) {
    }

    public ImportReport {
        entries = List.copyOf(entries);
        notes = List.copyOf(notes);
    }

    public List<Entry> opaque() {
        return entries.stream().filter(e -> e.outcome() == Outcome.OPAQUE).toList();
    }

    public long count(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).count();
    }

    /** The report for people: a summary line, then one line per node. */
    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add(entries.size() + " ONNX nodes: " + count(Outcome.MAPPED) + " mapped to layers, " + count(Outcome.OPAQUE)
                + " opaque, " + count(Outcome.FOLDED) + " folded into constants, " + count(Outcome.DROPPED) + " dropped");
        if (count(Outcome.OPAQUE) > 0) {
            lines.add("Opaque nodes (OnnxOperator) compute as ONNX defines them (in ONNX Runtime, or the same operation"
                    + " in PyTorch): for inference only, nothing learns through them.");
        }
        for (Entry e : entries) {
            String what = switch (e.outcome()) {
                case MAPPED -> "→ " + e.node() + " (" + e.layerType() + ")";
                case OPAQUE -> "→ " + e.node() + " (OnnxOperator, opaque: " + e.reason() + ")";
                case FOLDED -> "folded into a constant";
                case DROPPED -> "dropped" + (e.reason().isEmpty() ? "" : ": " + e.reason());
            };
            lines.add("  " + e.onnxName() + " [" + e.opType() + "] " + what);
        }
        notes.forEach(n -> lines.add("note: " + n));
        return String.join("\n", lines);
    }
}
