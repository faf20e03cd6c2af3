package org.netstudio.canvas.level;

import java.util.List;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.catalog.ParamKind;
import org.netstudio.netgraph.catalog.ParamSpec;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.MapOperator;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.summary.SummaryTable;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** How nodes put layers, shapes and counts into words: "32, 3×3", "20×24×24", "320 params". */
public final class NodeText {

    private NodeText() {
    }

    /**
     * The key parameters of a layer: the first one bare, the others when they differ from their
     * default ("32, 3×3, stride 2"; "max 2×2"; "rate 0.5").
     *
     * @param spatialAxes number of spatial axes of the input, or -1 when unknown
     */
    public static String keyParams(Layer layer, int spatialAxes) {
        LayerType t = layer.layerType();
        Params p = layer.params();
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        boolean afterWord = false;
        for (String name : t.keyParams()) {
            ParamSpec spec = t.param(name);
            Object v = p.get(name);
            boolean shownBare = first || spec.required();
            boolean isDefault = v == null || v.equals(spec.defaultValue());
            first = false;
            if (v == null || (!shownBare && isDefault && !layer.values().containsKey(name))) {
                continue;
            }
            // A switch reads as a word: "ceil" when on, "no bias" when off.
            String text = spec.kind() == ParamKind.BOOL ? (Boolean.TRUE.equals(v) ? name : "no " + name)
                    : value(spec, p, spatialAxes);
            boolean bare = spec.kind() == ParamKind.INT && (name.equals("channels") || name.equals("units") || name.equals("size"))
                    || name.equals("kernel") || spec.kind() == ParamKind.CHOICE || spec.kind() == ParamKind.EXPRESSION
                    || spec.kind() == ParamKind.BOOL;
            if (sb.length() > 0) {
                // "max 2×2": a word such as a pooling function reads as an adjective of what follows.
                sb.append(afterWord ? " " : ", ");
            }
            sb.append(bare ? text : name + " " + text);
            afterWord = spec.kind() == ParamKind.CHOICE;
        }
        return sb.toString();
    }

    private static String value(ParamSpec spec, Params p, int spatialAxes) {
        Object v = p.get(spec.name());
        return switch (spec.kind()) {
            case INT_OR_LIST, PADDING -> {
                if (v instanceof String s) {
                    yield s;
                }
                if (v instanceof Number n && !spec.name().equals("kernel")) {
                    yield n.toString();
                }
                int axes = spatialAxes > 0 ? spatialAxes : v instanceof List<?> l ? l.size() : 2;
                yield p.perAxisText(spec.name(), axes);
            }
            case INT_LIST -> "(" + String.join(", ", ((List<?>) v).stream().map(String::valueOf).toList()) + ")";
            case REAL -> number(((Number) v).doubleValue());
            default -> String.valueOf(v);
        };
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * The name a node shows beside its type: none when it was made up from the type ("conv1",
     * "convolution2"), since it says nothing the title does not.
     */
    public static String shownName(String id, String typeName) {
        int end = id.length();
        while (end > 0 && Character.isDigit(id.charAt(end - 1))) {
            end--;
        }
        String stem = id.substring(0, end);
        boolean made = stem.equalsIgnoreCase(typeName)
                || stem.equals(NodeNames.baseName(typeName));
        return made ? "" : id;
    }

    /** The shape of a tensor type as written on a node: "32×26×26", "n×20", "scalar", "?". */
    public static String shapeText(TensorType t) {
        return t.shapeText();
    }

    /** A port's type for tooltips and port nodes: "1×28×28", "n indices < 97", "?". */
    public static String typeText(TensorType t) {
        if (t.kind() instanceof ElementKind.Index idx) {
            String range = idx.rangeKnown() ? " < " + idx.size() : "";
            return t.rankKnown() ? (t.rank() == 0 ? "index" + range : t.shapeText() + " indices" + range) : "indices";
        }
        if (t.kind() instanceof ElementKind.Integer) {
            return t.shapeText() + " integers";
        }
        return t.shapeText();
    }

    /**
     * What a container node says of its inside: "3 layers"; for a sequence operator what its inner
     * nets are, "of Linear", "of 2 layers", "LSTM + GRU, catenate", with "last state" for a Fold
     * that gives only that.
     */
    public static String containerDetail(NetNode n) {
        if (n instanceof MapOperator map) {
            return "of " + innerText(map.net());
        }
        if (n instanceof FoldOperator fold) {
            return "of " + innerText(fold.net()) + (fold.returnSequences() ? "" : ", last state");
        }
        if (n instanceof BidirectionalOperator bi) {
            return innerText(bi.forward()) + " + " + innerText(bi.backward()) + ", " + bi.merge();
        }
        int count = n instanceof Graph g ? g.nodes().size() : n instanceof Chain c ? c.elements().size() : 0;
        return count + (count == 1 ? " layer" : " layers");
    }

    /** A layer by its type, a container by what it holds. */
    private static String innerText(NetNode n) {
        return n instanceof Layer ? n.typeName() : containerDetail(n);
    }

    /** "320 params", "431,080 params", "" for none, "? params" when unknown. */
    public static String paramCount(long n) {
        if (n == 0) {
            return "";
        }
        if (n < 0) {
            return "? params";
        }
        return SummaryTable.count(n) + (n == 1 ? " param" : " params");
    }
}
