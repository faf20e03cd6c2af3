package org.netstudio.netgraph.catalog;

import static org.netstudio.netgraph.catalog.ShapeRule.ofKnownRank;
import static org.netstudio.netgraph.catalog.ShapeRule.outputs;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectInput;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectParam;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Padding and Aggregation: layers without arrays that work along chosen axes of any array. They
 * let imported Pad and Reduce operators (ONNX's, PyTorch's F.pad and mean/sum/amax over a dim)
 * become layers the gradient passes through.
 */
public final class AxisLayers {

    /** Padding's methods, named as ONNX's Pad names them. */
    static final List<String> PADDING_METHODS = List.of("constant", "reflect", "edge");
    /** Aggregation's functions; "total" is the sum, as the Total layer's name says. */
    static final List<String> AGGREGATIONS = List.of("mean", "total", "max", "min");

    private AxisLayers() {
    }

    static List<LayerType> all() {
        return List.of(padding(), aggregation());
    }

    static LayerType padding() {
        return LayerType.builder("Padding", Category.STRUCTURE)
                .aliases("Pad", "ZeroPadding", "ZeroPadding2D", "ReflectionPad", "ReplicationPad", "ConstantPad")
                .doc("Adds values before and after the input along its last axes: a constant, a mirror image of the"
                        + " values next to the border (reflect), or copies of the border values (edge).")
                .param(ParamSpec.required("before", ParamKind.INT_LIST, 0.0,
                        "How many values to add before the start of each axis, aligned with the input's last axes"
                                + " (e.g. [1, 2] on an image adds 1 row on top and 2 columns on the left)."))
                .param(ParamSpec.optional("after", ParamKind.INT_LIST, null, 0.0,
                        "How many values to add after the end of each axis, aligned as before (default: the same as before)."))
                .param(ParamSpec.choice("method", "constant", PADDING_METHODS,
                        "What the added values are: a constant, the values next to the border mirrored, or the border values repeated."))
                .param(ParamSpec.optional("value", ParamKind.REAL, 0.0, null, "The constant added (method constant)."))
                .keyParams("before", "after", "method")
                .input("Input", PortRequirement.realOfRank(1, -1, "an array"))
                .shape((p, in) -> {
                    TensorType t = in.get(0);
                    List<Integer> before = p.getIntList("before");
                    List<Integer> after = after(p);
                    if (after.size() != before.size()) {
                        return rejectParam("before has " + before.size() + " entries but after has " + after.size()
                                + "; give one of each per padded axis");
                    }
                    if (!t.rankKnown()) {
                        return outputs(TensorType.ANY_REAL);
                    }
                    if (before.size() > t.rank()) {
                        return rejectParam("before and after have " + before.size() + " entries, but the input has only "
                                + t.rank() + " axes (" + t.describe() + ")");
                    }
                    List<Dim> out = Shapes.dims(t);
                    int first = t.rank() - before.size();
                    String method = p.getString("method");
                    for (int i = 0; i < before.size(); i++) {
                        int b = before.get(i);
                        int a = after.get(i);
                        Dim d = t.dim(first + i);
                        if (b == 0 && a == 0) {
                            continue;
                        }
                        if (!d.isFixed()) {
                            return d instanceof Dim.Symbolic s
                                    ? rejectInput(0, "axis " + (first + i + 1) + " is the varying length " + s
                                    + ", which cannot be padded; pad 0 there")
                                    : outputs(TensorType.ANY_REAL);
                        }
                        if (method.equals("reflect") && Math.max(a, b) >= d.size()) {
                            return rejectParam("reflect padding mirrors the values next to the border, so it must be"
                                    + " smaller than the axis: " + Math.max(a, b) + " on axis " + (first + i + 1)
                                    + " of size " + d.size());
                        }
                        Dim padded = Shapes.fixedOrNull((long) d.size() + a + b);
                        if (padded == null) {
                            return rejectInput(0, Shapes.tooLarge("padded, axis " + (first + i + 1), (long) d.size() + a + b));
                        }
                        out.set(first + i, padded);
                    }
                    return outputs(TensorType.real(out));
                })
                .build();
    }

    /** Padding's after list: its own, else the before list. */
    public static List<Integer> after(Params p) {
        return p.has("after") ? p.getIntList("after") : p.getIntList("before");
    }

    static LayerType aggregation() {
        return LayerType.builder("Aggregation", Category.STRUCTURE)
                .aliases("Reduce", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin")
                .doc("Summarises the input over chosen axes by their mean, total, maximum or minimum; over a varying"
                        + " length, each example's own elements only.")
                .param(ParamSpec.choice("function", "mean", AGGREGATIONS, "How the values along the axes are summarised."))
                .param(new ParamSpec("axes", ParamKind.INT_LIST, null, false, null, null, false, null,
                        "The axes to summarise over (0 is the first axis; -1 the last); default: all but the first,"
                                + " e.g. the positions of each channel of an image."))
                .param(ParamSpec.optional("keepAxes", ParamKind.BOOL, false, null,
                        "Whether the summarised axes stay, with size 1."))
                .keyParams("function", "axes")
                .input("Input", PortRequirement.realOfRank(1, -1, "an array"))
                .shape(ofKnownRank(TensorType.ANY_REAL, (p, t) -> {
                    boolean[] over;
                    try {
                        over = aggregatedAxes(p, t.rank());
                    } catch (IllegalArgumentException e) {
                        return rejectParam(e.getMessage());
                    }
                    List<Dim> out = new ArrayList<>();
                    for (int i = 0; i < t.rank(); i++) {
                        if (!over[i]) {
                            out.add(t.dim(i));
                        } else if (p.getBool("keepAxes")) {
                            out.add(Dim.of(1));
                        }
                    }
                    return outputs(TensorType.real(out));
                }))
                .build();
    }

    /**
     * Which axes of a per-example input of the given rank an Aggregation summarises.
     *
     * @throws IllegalArgumentException with the sentence saying why its axes do not fit the input
     */
    public static boolean[] aggregatedAxes(Params p, int rank) {
        boolean[] over = new boolean[rank];
        if (!p.has("axes")) {
            if (rank == 1) {
                throw new IllegalArgumentException("by default it summarises all axes but the first, and the input has"
                        + " only one; give axes [0]");
            }
            for (int i = 1; i < rank; i++) {
                over[i] = true;
            }
            return over;
        }
        List<Integer> axes = p.getIntList("axes");
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("axes is empty; name at least one axis to summarise over");
        }
        for (int a : axes) {
            int k = a < 0 ? a + rank : a;
            if (k < 0 || k >= rank) {
                throw new IllegalArgumentException("axis " + a + " is not an axis of an input of rank " + rank + " (0 to "
                        + (rank - 1) + ", or -1 to -" + rank + ")");
            }
            if (over[k]) {
                throw new IllegalArgumentException("axis " + a + " is named twice in axes " + axes);
            }
            over[k] = true;
        }
        return over;
    }
}
