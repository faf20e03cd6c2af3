package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.tensor.Dim;

/**
 * The element values of the small integer vectors a model computes about shapes: the output of
 * Shape and what Gather, Slice, Unsqueeze, Squeeze, Concat, Cast and arithmetic make of it. Each
 * element is a size (a number, the batch, a symbolic length like the model input's) or unknown.
 * Such vectors are computed once for the whole batch, so they have no batch axis of their own:
 * their ONNX shape is their shape. One per import; never throws, an element it cannot tell is unknown.
 */
final class ShapeValues {

    /**
     * The batch size, as an element or ONNX axis. Its name has a space, which no symbol read from
     * a model has ({@link ValueInfo#of} makes those identifiers), so it never meets a model's own name.
     */
    static final Dim BATCH = Dim.symbolic("batch axis");

    /** Longest constant taken as a shape vector: shapes are short, a lookup table is not one. */
    private static final int MAX_LENGTH = 16;

    /** One element: a whole number (negative ones too: -1 in a Reshape target), or a size that may be symbolic or unknown. */
    record Element(Dim dim, Long number) {

        static final Element UNKNOWN = new Element(Dim.UNKNOWN, null);

        static Element of(long n) {
            return new Element(n >= 0 && n <= Integer.MAX_VALUE ? Dim.of((int) n) : Dim.UNKNOWN, n);
        }

        static Element of(Dim d) {
            return d.isFixed() ? of(d.size()) : new Element(d, null);
        }

        boolean isNumber() {
            return number != null;
        }

        Element plus(Element o, int sign) {
            if (isNumber() && o.isNumber()) {
                return of(number + sign * o.number);
            }
            return o.isNumber() && o.number == 0 ? this : sign > 0 && isNumber() && number == 0 ? o : UNKNOWN;
        }

        Element times(Element o) {
            if (isNumber() && o.isNumber()) {
                return of(number * o.number);
            }
            return o.isNumber() && o.number == 1 ? this : isNumber() && number == 1 ? o : UNKNOWN;
        }

        /** ONNX integer division truncates. */
        Element dividedBy(Element o) {
            if (isNumber() && o.isNumber()) {
                return o.number == 0 ? UNKNOWN : of(number / o.number);
            }
            return o.isNumber() && o.number == 1 ? this : UNKNOWN;
        }
    }

    /** A shape vector's elements; {@code scalar} when it is a single number of rank 0 rather than a vector of one. */
    record Value(List<Element> elements, boolean scalar) {

        Value {
            elements = List.copyOf(elements);
        }

        /** Its own (batch-less) dimensions: none for a scalar, else its length. */
        List<Dim> dims() {
            return scalar ? List.of() : List.of(Dim.of(elements.size()));
        }
    }

    private final Map<String, Value> values = new HashMap<>();

    /** Whether the value is a shape vector computed by a node (one with no batch axis). */
    boolean isBatchless(String value) {
        return values.containsKey(value);
    }

    /** The same vector under another name (an Identity dropped at import). */
    void alias(String value, String of) {
        if (values.containsKey(of)) {
            values.put(value, values.get(of));
        }
    }

    /** The elements of a computed shape vector or of a short integer constant, or null. */
    Value value(String v, OperatorMappings.Context c) {
        if (v.isEmpty()) {
            return null;
        }
        if (values.containsKey(v)) {
            return values.get(v);
        }
        if (!c.isConstant(v)) {
            return null;
        }
        OnnxTensors.Constant k = c.constant(v);
        if (k.isReal() || k.shape().length > 1 || k.count() > MAX_LENGTH) {
            return null;
        }
        List<Element> out = new ArrayList<>();
        for (long x : k.longs()) {
            out.add(Element.of(x));
        }
        return new Value(out, k.shape().length == 0);
    }

    /**
     * The ONNX dimensions of a value, batch axis included: a constant's shape, a shape vector's
     * length, or {@link #BATCH} before a wired value's per-example dimensions. Null when unknown.
     */
    List<Dim> onnxDims(String v, OperatorMappings.Context c) {
        if (c.isConstant(v)) {
            List<Dim> out = new ArrayList<>();
            for (long d : c.constant(v).shape()) {
                out.add(d <= Integer.MAX_VALUE ? Dim.of((int) d) : Dim.UNKNOWN);
            }
            return out;
        }
        if (values.containsKey(v)) {
            return values.get(v).dims();
        }
        List<Dim> d = c.info(v).type().dims();
        if (d == null) {
            return null;
        }
        List<Dim> out = new ArrayList<>();
        out.add(BATCH);
        out.addAll(d);
        return out;
    }

    /**
     * Works out the node's output when it is a shape vector and remembers it.
     *
     * @return the vector, or null when the node computes something else (or what cannot be told)
     */
    Value track(OnnxNode n, OperatorMappings.Context c) {
        if (n.proto().getOutputCount() != 1) {
            return null;
        }
        Value v;
        try {
            v = evaluate(n, c);
        } catch (RuntimeException e) {
            // Malformed attributes or indices: the value stays unknown, the import goes on.
            v = null;
        }
        if (v != null) {
            values.put(n.proto().getOutput(0), v);
        }
        return v;
    }

    private Value evaluate(OnnxNode n, OperatorMappings.Context c) {
        List<String> in = n.proto().getInputList();
        if (in.isEmpty() || in.get(0).isEmpty()) {
            return null;
        }
        String op = n.op();
        if (op.equals("Shape")) {
            return shape(n, c, in.get(0));
        }
        Value x = value(in.get(0), c);
        return switch (op) {
            case "Identity" -> x;
            case "Cast" -> x != null && isIntegerType((int) n.i("to", 0)) ? x : null;
            case "Gather" -> gather(n, c, x, in);
            case "Unsqueeze" -> x != null && x.scalar() && axesAre(n, c, in, 0) ? new Value(x.elements(), false) : null;
            case "Squeeze" -> x != null && !x.scalar() && x.elements().size() == 1 && axesAre(n, c, in, 0)
                    ? new Value(x.elements(), true) : null;
            case "Concat" -> concat(n, c, in);
            case "Slice" -> slice(n, c, x, in);
            case "Add", "Sub", "Mul", "Div" -> arithmetic(op, c, in);
            default -> null;
        };
    }

    private Value shape(OnnxNode n, OperatorMappings.Context c, String x) {
        List<Dim> dims = onnxDims(x, c);
        if (dims == null) {
            return null;
        }
        int rank = dims.size();
        int start = clamp((int) n.i("start", 0), rank);
        int end = clamp((int) n.i("end", rank), rank);
        List<Element> out = new ArrayList<>();
        for (int i = start; i < end; i++) {
            out.add(Element.of(dims.get(i)));
        }
        return new Value(out, false);
    }

    private static int clamp(int i, int rank) {
        int k = i < 0 ? i + rank : i;
        return Math.max(0, Math.min(rank, k));
    }

    private Value gather(OnnxNode n, OperatorMappings.Context c, Value x, List<String> in) {
        Value idx = in.size() > 1 ? value(in.get(1), c) : null;
        if (x == null || x.scalar() || idx == null || n.i("axis", 0) != 0 && n.i("axis", 0) != -1) {
            return null;
        }
        List<Element> out = new ArrayList<>();
        int size = x.elements().size();
        for (Element i : idx.elements()) {
            if (!i.isNumber() || i.number() < -size || i.number() >= size) {
                return null;
            }
            out.add(x.elements().get((int) (i.number() < 0 ? i.number() + size : i.number())));
        }
        return new Value(out, idx.scalar());
    }

    /** Whether the node's axes (attribute, or constant input since opset 13) are exactly {@code [axis]} of a rank-1 result. */
    private boolean axesAre(OnnxNode n, OperatorMappings.Context c, List<String> in, int axis) {
        int[] axes = n.ints("axes");
        if (axes == null) {
            Value a = in.size() > 1 ? value(in.get(1), c) : null;
            if (a == null) {
                // Squeeze without axes drops every axis of size 1.
                return n.op().equals("Squeeze") && in.size() < 2;
            }
            axes = a.elements().stream().mapToInt(e -> e.isNumber() ? e.number().intValue() : Integer.MIN_VALUE).toArray();
        }
        return axes.length == 1 && (axes[0] == axis || axes[0] == -1);
    }

    private Value concat(OnnxNode n, OperatorMappings.Context c, List<String> in) {
        if (n.i("axis", 0) != 0 && n.i("axis", 0) != -1) {
            return null;
        }
        List<Element> out = new ArrayList<>();
        for (String v : in) {
            Value x = value(v, c);
            if (x == null || x.scalar()) {
                return null;
            }
            out.addAll(x.elements());
        }
        return new Value(out, false);
    }

    /** Slice of a shape vector by constant or computed single numbers (step 1 or another number). */
    private Value slice(OnnxNode n, OperatorMappings.Context c, Value x, List<String> in) {
        if (x == null || x.scalar()) {
            return null;
        }
        Long start = single(n, c, in, 1, "starts");
        Long end = single(n, c, in, 2, "ends");
        Long axis = in.size() > 3 && !in.get(3).isEmpty() ? single(n, c, in, 3, "axes") : n.has("axes") ? single(n, c, in, -1, "axes") : 0L;
        Long step = in.size() > 4 && !in.get(4).isEmpty() ? single(n, c, in, 4, "") : 1L;
        if (start == null || end == null || axis == null || step == null || step == 0 || axis != 0 && axis != -1) {
            return null;
        }
        List<Integer> picked = SliceRange.indices(x.elements().size(), start, end, step);
        List<Element> out = new ArrayList<>();
        for (int i : picked) {
            out.add(x.elements().get(i));
        }
        return new Value(out, false);
    }

    /** One number from input {@code index} (a constant or shape vector of one element) or, before opset 10, the attribute. */
    private Long single(OnnxNode n, OperatorMappings.Context c, List<String> in, int index, String attribute) {
        if (index >= 0 && index < in.size() && !in.get(index).isEmpty()) {
            Value v = value(in.get(index), c);
            return v == null || v.elements().size() != 1 ? null : v.elements().get(0).number();
        }
        int[] a = attribute.isEmpty() ? null : n.ints(attribute);
        return a == null || a.length != 1 ? null : (long) a[0];
    }

    private Value arithmetic(String op, OperatorMappings.Context c, List<String> in) {
        if (in.size() != 2) {
            return null;
        }
        Value a = value(in.get(0), c);
        Value b = value(in.get(1), c);
        if (a == null || b == null || !isBatchless(in.get(0)) && !isBatchless(in.get(1))) {
            // Two constants are arithmetic on numbers, not on a shape someone computed.
            return null;
        }
        int na = a.elements().size();
        int nb = b.elements().size();
        if (na != nb && na != 1 && nb != 1) {
            return null;
        }
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < Math.max(na, nb); i++) {
            Element x = a.elements().get(na == 1 ? 0 : i);
            Element y = b.elements().get(nb == 1 ? 0 : i);
            out.add(switch (op) {
                case "Add" -> x.plus(y, 1);
                case "Sub" -> x.plus(y, -1);
                case "Mul" -> x.times(y);
                default -> x.dividedBy(y);
            });
        }
        return new Value(out, a.scalar() && b.scalar());
    }

    private static boolean isIntegerType(int t) {
        return t == TensorProto.DataType.INT64_VALUE || t == TensorProto.DataType.INT32_VALUE;
    }
}
