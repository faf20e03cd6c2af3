package org.netstudio.netgraph.io.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.netstudio.netgraph.tensor.Dim;

/**
 * Per-example output dimensions of common ONNX operators, for opaque nodes whose model declares
 * no output shape: element-wise operators keep their input's shape, broadcasting ones broadcast,
 * reductions drop or keep their axes, and the shape-moving operators (Reshape, Expand, Transpose,
 * MatMul, Slice, Squeeze, Unsqueeze, Concat, Split, ConstantOfShape, Gather) move the dimensions,
 * reading target shapes a model computes at run time from {@link ShapeValues}. Works on ONNX
 * dimensions (batch axis first) and drops the batch axis at the end. Returns null (rank unknown)
 * when the operator is none of these or its result cannot be told; never a guess. Stateless.
 */
final class OpaqueShapes {

    private static final Set<String> SAME_SHAPE = Set.of("Erf", "Cast", "Not", "Neg", "Sqrt", "Exp", "Log", "Abs", "Sign",
            "Floor", "Ceil", "Round", "Reciprocal", "Sigmoid", "Tanh", "Relu", "Clip", "Softsign", "HardSigmoid",
            "HardSwish", "IsNaN", "IsInf", "Sin", "Cos", "Mish", "Elu", "Selu", "LeakyRelu", "Softmax", "LogSoftmax",
            "Identity", "Dropout", "Gelu", "CumSum");

    private static final Set<String> BROADCAST = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Equal", "Less",
            "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Where", "Mod", "Sum", "Mean", "PRelu");

    private static final Set<String> REDUCE = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd",
            "ReduceL2", "ReduceSumSquare");

    /** Slice ends at least this large mean "to the end" (exporters write INT64_MAX or INT32_MAX). */
    private static final long TO_THE_END = Integer.MAX_VALUE;

    private OpaqueShapes() {
    }

    /** The per-example dimensions of the node's output {@code k} (from 0), or null when they cannot be told. */
    static List<Dim> dims(OnnxNode n, OperatorMappings.Context c, ShapeValues s, int k) {
        try {
            return n.op().equals("Split") ? split(n, c, s, k) : k == 0 || SAME_SHAPE.contains(n.op()) ? first(n, c, s) : null;
        } catch (RuntimeException e) {
            // Attributes out of range or sizes too large: unknown, never a failed import.
            return null;
        }
    }

    private static List<Dim> first(OnnxNode n, OperatorMappings.Context c, ShapeValues s) {
        String op = n.op();
        List<String> in = n.proto().getInputList();
        if (in.isEmpty() || in.get(0).isEmpty()) {
            return null;
        }
        boolean batched = batched(in, c, s);
        if (op.equals("Gather")) {
            return gather(n, c, s);
        }
        if (op.equals("ConstantOfShape")) {
            ShapeValues.Value shape = s.value(in.get(0), c);
            return shape == null || shape.scalar() ? null : perExample(elementDims(shape), batched);
        }
        if (BROADCAST.contains(op)) {
            List<List<Dim>> shapes = new ArrayList<>();
            for (String v : in) {
                if (s.isBatchless(v)) {
                    // Arithmetic on a shape vector that ShapeValues could not follow: no batch axis to drop.
                    return null;
                }
                if (!v.isEmpty()) {
                    shapes.add(s.onnxDims(v, c));
                }
            }
            return perExample(broadcast(shapes), batched);
        }
        if (op.equals("MatMul") && in.size() == 2) {
            return perExample(matMul(s.onnxDims(in.get(0), c), s.onnxDims(in.get(1), c)), batched);
        }
        if (op.equals("Concat")) {
            return concat(n, c, s, in);
        }
        if (s.isBatchless(in.get(0))) {
            // A shape vector ShapeValues could not follow has no batch axis: what follows assumes one.
            return null;
        }
        List<Dim> onnx = s.onnxDims(in.get(0), c);
        if (onnx == null) {
            return null;
        }
        if (SAME_SHAPE.contains(op)) {
            return perExample(onnx, batched);
        }
        return switch (op) {
            case "Reshape" -> in.size() > 1 ? perExample(reshape(n, s.value(in.get(1), c), onnx), batched) : null;
            case "Expand" -> {
                ShapeValues.Value shape = in.size() > 1 ? s.value(in.get(1), c) : null;
                yield shape == null || shape.scalar() ? null : perExample(broadcast(List.of(onnx, elementDims(shape))), batched);
            }
            case "Transpose" -> perExample(transpose(n.ints("perm"), onnx), batched);
            case "Slice" -> perExample(slice(n, c, s, in, onnx), batched);
            // Axes computed at run time are not "no axes" (every size-1 axis): the result is not told.
            case "Squeeze" -> axesAtRunTime(n, c, s, in) ? null : perExample(squeeze(axes(n, c, s, in), onnx), batched);
            case "Unsqueeze" -> perExample(unsqueeze(axes(n, c, s, in), onnx), batched);
            default -> REDUCE.contains(op) ? perExample(reduce(n, axes(n, c, s, in), onnx), batched) : null;
        };
    }

    /** Whether some input is a wired value with a batch axis (first, as every wired value but a shape vector). */
    private static boolean batched(List<String> in, OperatorMappings.Context c, ShapeValues s) {
        return in.stream().anyMatch(v -> !v.isEmpty() && !c.isConstant(v) && !s.isBatchless(v));
    }

    /**
     * The per-example dims of ONNX dims: the first axis is the batch, and no other is. Computed
     * from constants alone, a first axis of 1 broadcasts over the batch (position ids) and counts
     * as one; from batched inputs, a result whose batch axis moved, merged or went is not told.
     */
    private static List<Dim> perExample(List<Dim> onnx, boolean batched) {
        if (onnx == null || onnx.isEmpty() || !onnx.get(0).equals(ShapeValues.BATCH)
                && (batched || !onnx.get(0).equals(Dim.of(1)))) {
            return null;
        }
        List<Dim> out = onnx.subList(1, onnx.size());
        return out.contains(ShapeValues.BATCH) ? null : new ArrayList<>(out);
    }

    private static List<Dim> elementDims(ShapeValues.Value v) {
        return v.elements().stream().map(ShapeValues.Element::dim).toList();
    }

    /** An axis in 0..rank-1, or -1 when out of range. */
    private static int axis(long a, int rank) {
        long k = a < 0 ? a + rank : a;
        return k < 0 || k >= rank ? -1 : (int) k;
    }

    /** The axes attribute, or (since opset 13) the constant or computed second input; null when not known. */
    private static int[] axes(OnnxNode n, OperatorMappings.Context c, ShapeValues s, List<String> in) {
        int[] axes = n.ints("axes");
        if (axes != null) {
            return axes;
        }
        ShapeValues.Value v = in.size() > 1 ? s.value(in.get(1), c) : null;
        if (v == null || v.elements().stream().anyMatch(e -> !e.isNumber())) {
            return null;
        }
        return v.elements().stream().mapToInt(e -> Math.toIntExact(e.number())).toArray();
    }

    /** Whether the axes are a second input whose value is known only when the model runs. */
    private static boolean axesAtRunTime(OnnxNode n, OperatorMappings.Context c, ShapeValues s, List<String> in) {
        return n.ints("axes") == null && in.size() > 1 && !in.get(1).isEmpty() && axes(n, c, s, in) == null;
    }

    /**
     * Gather: a table looked up by indices (an embedding: constant word vectors, token ids wired
     * in) or indices taken along an axis of a wired tensor. Output dims are
     * data[:axis] + indices + data[axis+1:].
     */
    private static List<Dim> gather(OnnxNode n, OperatorMappings.Context c, ShapeValues s) {
        List<String> in = n.proto().getInputList();
        if (in.size() < 2 || in.get(0).isEmpty() || in.get(1).isEmpty()) {
            return null;
        }
        String data = in.get(0);
        String indices = in.get(1);
        if (s.isBatchless(data)) {
            return null;
        }
        List<Dim> table = s.onnxDims(data, c);
        List<Dim> idx = s.onnxDims(indices, c);
        if (table == null || idx == null) {
            return null;
        }
        int axis = axis(n.i("axis", 0), table.size());
        if (axis < 0) {
            return null;
        }
        List<Dim> out = new ArrayList<>(table.subList(0, axis));
        out.addAll(idx);
        out.addAll(table.subList(axis + 1, table.size()));
        return perExample(out, batched(in, c, s));
    }

    /** ONNX broadcasting: shapes aligned at their last axis, size 1 stretched. */
    private static List<Dim> broadcast(List<List<Dim>> shapes) {
        int rank = 0;
        for (List<Dim> s : shapes) {
            if (s == null) {
                return null;
            }
            rank = Math.max(rank, s.size());
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            Dim acc = Dim.of(1);
            for (List<Dim> s : shapes) {
                int j = i - (rank - s.size());
                if (j >= 0) {
                    acc = broadcast(acc, s.get(j));
                }
            }
            out.add(acc);
        }
        return out;
    }

    /** One axis: a size 1 gives way; an unknown size gives way to a known one (it must be 1 or equal). */
    private static Dim broadcast(Dim a, Dim b) {
        if (a.equals(Dim.of(1)) || !a.isKnown()) {
            return b.equals(Dim.of(1)) && !a.isKnown() ? Dim.UNKNOWN : b;
        }
        if (b.equals(Dim.of(1)) || !b.isKnown() || a.equals(b)) {
            return a;
        }
        if (a.equals(ShapeValues.BATCH) || b.equals(ShapeValues.BATCH)) {
            // A constant sized like the batch: the model runs only with that batch size, and the axis stays the batch.
            return ShapeValues.BATCH;
        }
        // A varying length against a fixed size can only be that size; two different sizes are an error.
        return a.isFixed() && !b.isFixed() ? a : b.isFixed() && !a.isFixed() ? b : Dim.UNKNOWN;
    }

    /** MatMul as numpy: vectors promoted, the leading axes broadcast. */
    static List<Dim> matMul(List<Dim> a, List<Dim> b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty() || a.size() == 1 && b.size() == 1) {
            return null;
        }
        if (a.size() == 1) {
            List<Dim> out = new ArrayList<>(b.subList(0, b.size() - 2));
            out.add(b.get(b.size() - 1));
            return out;
        }
        if (b.size() == 1) {
            return new ArrayList<>(a.subList(0, a.size() - 1));
        }
        List<Dim> out = broadcast(List.of(a.subList(0, a.size() - 2), b.subList(0, b.size() - 2)));
        out.add(a.get(a.size() - 2));
        out.add(b.get(b.size() - 1));
        return out;
    }

    /** Reshape: 0 copies the input's size on that axis (unless allowzero), -1 is what the others leave. */
    private static List<Dim> reshape(OnnxNode n, ShapeValues.Value shape, List<Dim> x) {
        if (shape == null || shape.scalar()) {
            return null;
        }
        boolean allowZero = n.i("allowzero", 0) != 0;
        List<Dim> out = new ArrayList<>();
        int infer = -1;
        for (int i = 0; i < shape.elements().size(); i++) {
            ShapeValues.Element e = shape.elements().get(i);
            if (e.isNumber() && e.number() == 0 && !allowZero) {
                out.add(i < x.size() ? x.get(i) : Dim.UNKNOWN);
            } else if (e.isNumber() && e.number() == -1 && infer < 0) {
                infer = i;
                out.add(Dim.UNKNOWN);
            } else if (e.isNumber() && e.number() < 0) {
                return null;
            } else {
                out.add(e.dim());
            }
        }
        if (infer >= 0) {
            List<Dim> others = new ArrayList<>(out);
            others.remove(infer);
            out.set(infer, DimProduct.of(x).dividedBy(DimProduct.of(others)));
        }
        return out;
    }

    private static List<Dim> transpose(int[] perm, List<Dim> x) {
        int[] p = perm;
        if (p == null || p.length == 0) {
            p = new int[x.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = x.size() - 1 - i;
            }
        }
        if (p.length != x.size()) {
            return null;
        }
        List<Dim> out = new ArrayList<>();
        for (int a : p) {
            int k = axis(a, x.size());
            if (k < 0) {
                return null;
            }
            out.add(x.get(k));
        }
        return out;
    }

    /**
     * Slice with starts, ends, axes, steps given (inputs since opset 10, attributes before). A
     * fixed axis gets its exact count. A varying one keeps its size when taken whole; an axis
     * cut to a computed length {@code n} from 0 gets {@code n}, which the model only runs with when n fits.
     */
    private static List<Dim> slice(OnnxNode n, OperatorMappings.Context c, ShapeValues s, List<String> in, List<Dim> x) {
        List<ShapeValues.Element> starts = list(n, c, s, in, 1, "starts");
        List<ShapeValues.Element> ends = list(n, c, s, in, 2, "ends");
        if (starts == null || ends == null || starts.size() != ends.size()) {
            return null;
        }
        List<ShapeValues.Element> axes = list(n, c, s, in, 3, "axes");
        List<ShapeValues.Element> steps = list(n, c, s, in, 4, "");
        List<Dim> out = new ArrayList<>(x);
        for (int i = 0; i < starts.size(); i++) {
            ShapeValues.Element a = axes == null ? ShapeValues.Element.of(i) : i < axes.size() ? axes.get(i) : null;
            ShapeValues.Element step = steps == null ? ShapeValues.Element.of(1) : i < steps.size() ? steps.get(i) : null;
            if (a == null || !a.isNumber() || step == null || !step.isNumber() || step.number() == 0) {
                return null;
            }
            int k = axis(a.number(), x.size());
            if (k < 0) {
                return null;
            }
            out.set(k, sliced(x.get(k), starts.get(i), ends.get(i), step.number()));
        }
        return out;
    }

    private static Dim sliced(Dim d, ShapeValues.Element start, ShapeValues.Element end, long step) {
        if (d.isFixed() && start.isNumber() && end.isNumber()) {
            return Dim.of(SliceRange.count(d.size(), start.number(), end.number(), step));
        }
        if (step != 1 || !start.isNumber() || start.number() != 0) {
            return Dim.UNKNOWN;
        }
        if (end.isNumber()) {
            return end.number() >= TO_THE_END ? d : Dim.UNKNOWN;
        }
        return end.dim().isKnown() && (d.isFixed() || d.equals(end.dim())) ? end.dim() : Dim.UNKNOWN;
    }

    /** Input {@code index} as elements, or the ints attribute (before opset 10); null when absent or unknown. */
    private static List<ShapeValues.Element> list(OnnxNode n, OperatorMappings.Context c, ShapeValues s, List<String> in,
            int index, String attribute) {
        if (index < in.size() && !in.get(index).isEmpty()) {
            ShapeValues.Value v = s.value(in.get(index), c);
            return v == null ? null : v.elements();
        }
        int[] a = attribute.isEmpty() ? null : n.ints(attribute);
        return a == null ? null : Arrays.stream(a).mapToObj(ShapeValues.Element::of).toList();
    }

    private static List<Dim> squeeze(int[] axes, List<Dim> x) {
        List<Dim> out = new ArrayList<>();
        if (axes == null) {
            // Without axes every size-1 axis goes: only sure when every size is fixed.
            for (Dim d : x) {
                if (!d.isFixed() && !d.equals(ShapeValues.BATCH)) {
                    return null;
                }
                if (!d.equals(Dim.of(1))) {
                    out.add(d);
                }
            }
            return out;
        }
        List<Integer> gone = new ArrayList<>();
        for (int a : axes) {
            int k = axis(a, x.size());
            if (k < 0 || x.get(k).isFixed() && x.get(k).size() != 1) {
                return null;
            }
            gone.add(k);
        }
        for (int i = 0; i < x.size(); i++) {
            if (!gone.contains(i)) {
                out.add(x.get(i));
            }
        }
        return out;
    }

    private static List<Dim> unsqueeze(int[] axes, List<Dim> x) {
        if (axes == null) {
            return null;
        }
        int rank = x.size() + axes.length;
        List<Integer> ones = new ArrayList<>();
        for (int a : axes) {
            int k = axis(a, rank);
            if (k < 0) {
                return null;
            }
            ones.add(k);
        }
        List<Dim> out = new ArrayList<>();
        int next = 0;
        for (int k = 0; k < rank; k++) {
            out.add(ones.contains(k) ? Dim.of(1) : x.get(next++));
        }
        return out;
    }

    /** Reductions: axes (all when none, unless noop_with_empty_axes) become 1, or go without keepdims. */
    private static List<Dim> reduce(OnnxNode n, int[] axes, List<Dim> x) {
        boolean keep = n.i("keepdims", 1) == 1;
        List<String> in = n.proto().getInputList();
        if (axes == null && in.size() > 1 && !in.get(1).isEmpty()) {
            // Axes computed at run time.
            return null;
        }
        boolean none = axes == null || axes.length == 0;
        if (none && n.i("noop_with_empty_axes", 0) != 0) {
            return new ArrayList<>(x);
        }
        List<Integer> reduced = new ArrayList<>();
        if (none) {
            for (int i = 0; i < x.size(); i++) {
                reduced.add(i);
            }
        } else {
            for (int a : axes) {
                int k = axis(a, x.size());
                if (k < 0) {
                    return null;
                }
                reduced.add(k);
            }
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (!reduced.contains(i)) {
                out.add(x.get(i));
            } else if (keep) {
                out.add(Dim.of(1));
            }
        }
        return out;
    }

    /** Concat of data tensors: sizes add up along the axis, the other axes agree. */
    private static List<Dim> concat(OnnxNode n, OperatorMappings.Context c, ShapeValues s, List<String> in) {
        List<List<Dim>> shapes = new ArrayList<>();
        for (String v : in) {
            if (v.isEmpty() || s.isBatchless(v)) {
                return null;
            }
            List<Dim> d = s.onnxDims(v, c);
            if (d == null || !shapes.isEmpty() && d.size() != shapes.get(0).size()) {
                return null;
            }
            shapes.add(d);
        }
        if (shapes.isEmpty()) {
            return null;
        }
        int rank = shapes.get(0).size();
        int axis = axis(n.i("axis", 0), rank);
        if (axis < 0) {
            return null;
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (i == axis) {
                long sum = 0;
                for (List<Dim> d : shapes) {
                    sum = d.get(i).isFixed() ? sum + d.get(i).size() : -1;
                    if (sum < 0) {
                        break;
                    }
                }
                out.add(sum >= 0 && sum <= Integer.MAX_VALUE ? Dim.of((int) sum) : shapes.size() == 1 ? shapes.get(0).get(i) : Dim.UNKNOWN);
            } else {
                Dim d = Dim.UNKNOWN;
                for (List<Dim> sh : shapes) {
                    d = d.isKnown() ? d : sh.get(i);
                }
                out.add(d);
            }
        }
        return perExample(out, batched(in, c, s));
    }

    /** Output {@code k} of a Split: the split sizes given (input or attribute), or equal parts of a fixed size. */
    private static List<Dim> split(OnnxNode n, OperatorMappings.Context c, ShapeValues s, int k) {
        List<String> in = n.proto().getInputList();
        if (in.isEmpty() || in.get(0).isEmpty() || s.isBatchless(in.get(0))) {
            return null;
        }
        List<Dim> x = s.onnxDims(in.get(0), c);
        if (x == null) {
            return null;
        }
        int axis = axis(n.i("axis", 0), x.size());
        if (axis < 0) {
            return null;
        }
        List<ShapeValues.Element> sizes = list(n, c, s, in, 1, "split");
        Dim part;
        if (sizes == null && in.size() > 1 && !in.get(1).isEmpty()) {
            // Part sizes given at run time: not the equal parts of a split without them.
            return null;
        }
        if (sizes != null) {
            part = k < sizes.size() ? sizes.get(k).dim() : null;
        } else {
            int parts = n.has("num_outputs") ? (int) n.i("num_outputs", 1) : n.proto().getOutputCount();
            Dim d = x.get(axis);
            part = d.isFixed() && parts > 0 && d.size() % parts == 0 ? Dim.of(d.size() / parts) : Dim.UNKNOWN;
        }
        if (part == null) {
            return null;
        }
        List<Dim> out = new ArrayList<>(x);
        out.set(axis, part);
        return perExample(out, true);
    }
}
