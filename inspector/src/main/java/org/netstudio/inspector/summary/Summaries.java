package org.netstudio.inspector.summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Summary rows and totals from an inference result, the way {@link org.netstudio.netgraph.summary.NetSummary}
 * counts them, for the whole net, the inside of one container, or a set of selected layers.
 * Stateless.
 */
public final class Summaries {

    private Summaries() {
    }

    /** The layers inside {@code container} (the whole net at the root), in evaluation order. */
    public static List<SummaryRow> within(InferenceResult result, NodePath container) {
        List<SummaryRow> rows = new ArrayList<>();
        for (LayerInfo l : result.layers()) {
            if (l.path().startsWith(container) && !l.path().equals(container)) {
                rows.add(row(l, container));
            }
        }
        return rows;
    }

    /** The layers at these paths (or inside them, for containers), in evaluation order. */
    public static List<SummaryRow> of(InferenceResult result, Collection<NodePath> paths) {
        List<SummaryRow> rows = new ArrayList<>();
        for (LayerInfo l : result.layers()) {
            if (paths.stream().anyMatch(p -> l.path().startsWith(p))) {
                rows.add(row(l, NodePath.ROOT));
            }
        }
        return rows;
    }

    public static SummaryTotals totals(List<SummaryRow> rows) {
        long total = 0;
        long trainable = 0;
        long macs = 0;
        for (SummaryRow r : rows) {
            total = add(total, r.parameters());
            trainable = add(trainable, r.trainable());
            macs = add(macs, r.multiplyAdds());
        }
        long nonTrainable = total < 0 || trainable < 0 ? -1 : total - trainable;
        return new SummaryTotals(rows.size(), total, trainable, nonTrainable, macs);
    }

    private static SummaryRow row(LayerInfo l, NodePath container) {
        String name = new NodePath(l.path().names().subList(container.depth(), l.path().depth())).toString();
        String shapes = String.join(", ", l.outputs().stream().map(TensorType::shapeText).toList());
        return new SummaryRow(l.path(), name, l.layer().type(), l.layer().layerType().category(), shapes,
                l.parameterCount(), l.trainableCount(), l.multiplyAdds());
    }

    private static long add(long a, long b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }
}
