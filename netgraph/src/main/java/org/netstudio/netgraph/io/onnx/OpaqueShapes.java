package org.netstudio.netgraph.io.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.netstudio.netgraph.tensor.Dim;

/**
 * Per-example output dimensions of common ONNX operators, for opaque nodes whose model declares
 * no output shape: element-wise operators keep their input's shape, broadcasting ones broadcast,
 * reductions that keep their axes set them to 1. Returns null (rank unknown) otherwise. Stateless.
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

    private OpaqueShapes() {
    }

    /** The per-example dimensions of the node's first output, or null when they cannot be told. */
    static List<Dim> dims(OnnxNode n, OperatorMappings.Context c) {
        String op = n.proto().getOpType();
        List<String> in = n.proto().getInputList();
        if (op.equals("Gather")) {
            return gather(n, c);
        }
        if (in.isEmpty() || in.get(0).isEmpty() || c.isConstant(in.get(0))) {
            return null;
        }
        List<Dim> x = c.info(in.get(0)).type().dims();
        if (SAME_SHAPE.contains(op)) {
            return x;
        }
        if (BROADCAST.contains(op)) {
            return broadcast(in, c);
        }
        if (REDUCE.contains(op) && n.i("keepdims", 1) == 1 && x != null) {
            int[] axes = n.ints("axes");
            if (axes == null && in.size() > 1 && c.isConstant(in.get(1)) && !c.constant(in.get(1)).isReal()) {
                axes = java.util.Arrays.stream(c.constant(in.get(1)).longs()).mapToInt(Math::toIntExact).toArray();
            }
            if (axes == null) {
                return null;
            }
            List<Dim> out = new ArrayList<>(x);
            for (int a : axes) {
                int k = a < 0 ? a + x.size() + 1 : a;
                if (k <= 0 || k > x.size()) {
                    return null;
                }
                out.set(k - 1, Dim.of(1));
            }
            return out;
        }
        if (op.equals("Unsqueeze") && x != null) {
            return unsqueeze(n, c, x);
        }
        return null;
    }

    /**
     * Gather: a table looked up by indices (an embedding: constant word vectors, token ids wired
     * in) or indices taken along an axis of a wired tensor. Batched output dims are
     * data[:axis] + indices + data[axis+1:].
     */
    private static List<Dim> gather(OnnxNode n, OperatorMappings.Context c) {
        List<String> in = n.proto().getInputList();
        if (in.size() < 2 || in.get(0).isEmpty() || in.get(1).isEmpty()) {
            return null;
        }
        String data = in.get(0);
        String indices = in.get(1);
        int axis = (int) n.i("axis", 0);
        if (c.isConstant(data) && !c.isConstant(indices)) {
            long[] table = c.constant(data).shape();
            List<Dim> idx = c.info(indices).type().dims();
            if (idx == null || table.length == 0 || (axis != 0 && axis != -table.length)) {
                return null;
            }
            List<Dim> out = new ArrayList<>(idx);
            for (int i = 1; i < table.length; i++) {
                out.add(Dim.of((int) table[i]));
            }
            return out;
        }
        if (!c.isConstant(data) && c.isConstant(indices)) {
            List<Dim> x = c.info(data).type().dims();
            if (x == null) {
                return null;
            }
            int k = axis < 0 ? axis + x.size() + 1 : axis;
            if (k <= 0 || k > x.size()) {
                return null;
            }
            List<Dim> out = new ArrayList<>(x.subList(0, k - 1));
            for (long d : c.constant(indices).shape()) {
                out.add(Dim.of((int) d));
            }
            out.addAll(x.subList(k, x.size()));
            return out;
        }
        return null;
    }

    /** Unsqueeze: axes (an attribute before opset 13, a constant input since) of the batched output become 1. */
    private static List<Dim> unsqueeze(OnnxNode n, OperatorMappings.Context c, List<Dim> x) {
        List<String> in = n.proto().getInputList();
        int[] axes = n.ints("axes");
        if (axes == null && in.size() > 1 && c.isConstant(in.get(1)) && !c.constant(in.get(1)).isReal()) {
            axes = java.util.Arrays.stream(c.constant(in.get(1)).longs()).mapToInt(Math::toIntExact).toArray();
        }
        if (axes == null) {
            return null;
        }
        int rank = x.size() + 1 + axes.length;
        List<Integer> ones = new ArrayList<>();
        for (int a : axes) {
            int k = a < 0 ? a + rank : a;
            if (k <= 0 || k >= rank) {
                return null;
            }
            ones.add(k);
        }
        List<Dim> out = new ArrayList<>();
        int next = 0;
        for (int k = 1; k < rank; k++) {
            out.add(ones.contains(k) ? Dim.of(1) : x.get(next++));
        }
        return out;
    }

    /** ONNX broadcasting over the batched shapes (constants have no batch axis), batch axis removed. */
    private static List<Dim> broadcast(List<String> in, OperatorMappings.Context c) {
        List<List<Dim>> shapes = new ArrayList<>();
        int rank = 0;
        for (String v : in) {
            if (v.isEmpty()) {
                continue;
            }
            List<Dim> s = new ArrayList<>();
            if (c.isConstant(v)) {
                for (long d : c.constant(v).shape()) {
                    s.add(Dim.of((int) d));
                }
            } else {
                List<Dim> d = c.info(v).type().dims();
                if (d == null) {
                    return null;
                }
                s.add(Dim.symbolic("batch"));
                s.addAll(d);
            }
            shapes.add(s);
            rank = Math.max(rank, s.size());
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            Dim acc = Dim.of(1);
            for (List<Dim> s : shapes) {
                int j = i - (rank - s.size());
                if (j < 0) {
                    continue;
                }
                Dim d = s.get(j);
                if (acc.isFixed() && acc.size() == 1) {
                    acc = d;
                } else if (!(d.isFixed() && d.size() == 1) && !d.equals(acc)) {
                    acc = acc.isKnown() && d.isKnown() && !acc.isFixed() && !d.isFixed() ? Dim.UNKNOWN
                            : acc.isFixed() ? acc : d.isFixed() ? d : Dim.UNKNOWN;
                }
            }
            out.add(acc);
        }
        if (out.isEmpty() || !out.get(0).equals(Dim.symbolic("batch"))) {
            return null;
        }
        return out.subList(1, out.size());
    }
}
