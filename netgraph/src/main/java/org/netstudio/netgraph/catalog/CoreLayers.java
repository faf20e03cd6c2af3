package org.netstudio.netgraph.catalog;

import static org.netstudio.netgraph.catalog.ShapeRule.ofKnownRank;
import static org.netstudio.netgraph.catalog.ShapeRule.outputs;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectInput;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectParam;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/** Linear, Flatten, Reshape, Transpose and Part. */
final class CoreLayers {

    private CoreLayers() {
    }

    static List<LayerType> all() {
        return List.of(linear(), flatten(), reshape(), transpose(), part());
    }

    static LayerType linear() {
        return LayerType.builder("Linear", Category.CORE)
                .aliases("Dense", "FullyConnected")
                .doc("A fully connected layer: every output is a weighted sum of the last axis of the input plus a bias.")
                .param(ParamSpec.required("units", ParamKind.INT, 1.0, "Size of the output vector."))
                .param(ParamSpec.optional("bias", ParamKind.BOOL, true, null, "Whether to add a learnable bias."))
                .keyParams("units")
                .input("Input", PortRequirement.realOfRank(1, -1, "an array whose last axis is a vector (…×d)"))
                .shape(ofKnownRank(TensorType.ANY_REAL, (p, t) -> {
                    Dim last = t.dim(-1);
                    if (last instanceof Dim.Symbolic s) {
                        return rejectInput(0, "the last dimension must have a fixed size, but it is the varying length " + s);
                    }
                    List<Dim> out = Shapes.dims(t);
                    out.set(out.size() - 1, Dim.of(p.getInt("units")));
                    return outputs(TensorType.real(out));
                }))
                .arrays((p, in, out) -> {
                    Dim d = in.get(0).rankKnown() ? in.get(0).dim(-1) : Dim.UNKNOWN;
                    Dim u = Dim.of(p.getInt("units"));
                    return p.getBool("bias") ? List.of(ArraySpec.trainable("weights", u, d), ArraySpec.trainable("biases", u))
                            : List.of(ArraySpec.trainable("weights", u, d));
                })
                .cost((p, in, out) -> {
                    TensorType t = in.get(0);
                    if (!t.rankKnown()) {
                        return -1;
                    }
                    return Shapes.times(Shapes.product(t.dims()), p.getInt("units"));
                })
                .build();
    }

    static LayerType flatten() {
        return LayerType.builder("Flatten", Category.STRUCTURE)
                .doc("Flattens an array into a vector: a×b×c becomes a vector of size a·b·c.")
                .input("Input", PortRequirement.realOfRank(1, -1, "an array"))
                .shape(ofKnownRank(TensorType.realOfRank(1), (p, t) -> {
                    for (Dim d : t.dims()) {
                        if (d instanceof Dim.Symbolic s) {
                            return rejectInput(0, "the varying length " + s + " cannot be flattened into a vector of fixed size");
                        }
                    }
                    long n = Shapes.product(t.dims());
                    if (n < 0) {
                        return outputs(TensorType.realOfRank(1));
                    }
                    Dim size = Shapes.fixedOrNull(n);
                    if (size == null) {
                        return rejectInput(0, Shapes.tooLarge("flattened, it", n));
                    }
                    return outputs(TensorType.real(List.of(size)));
                }))
                .build();
    }

    static LayerType reshape() {
        return LayerType.builder("Reshape", Category.STRUCTURE)
                .doc("Rearranges the elements into a new shape; one entry may be -1 to take what is left.")
                .param(new ParamSpec("shape", ParamKind.INT_LIST, null, true, -1.0, null, false, null,
                        "The new shape per example; one entry may be -1."))
                .keyParams("shape")
                .input("Input", PortRequirement.anyReal("an array"))
                .shape((p, in) -> {
                    List<Integer> shape = p.getIntList("shape");
                    int wild = -1;
                    long known = 1;
                    for (int i = 0; i < shape.size(); i++) {
                        int s = shape.get(i);
                        if (s == -1) {
                            if (wild >= 0) {
                                return rejectParam("shape " + shape + " has more than one -1");
                            }
                            wild = i;
                        } else if (s == 0) {
                            return rejectParam("shape " + shape + " has a size of 0");
                        } else {
                            known = TensorType.saturatedProduct(known, s);
                        }
                    }
                    if (known > TensorType.MAX_ELEMENTS) {
                        return rejectParam(Shapes.tooLarge("shape " + shapeText(shape), known));
                    }
                    long total = in.get(0).elementCount();
                    List<Dim> out = new ArrayList<>();
                    for (int s : shape) {
                        out.add(s == -1 ? Dim.UNKNOWN : Dim.of(s));
                    }
                    if (total >= 0) {
                        if (wild >= 0) {
                            if (total % known != 0) {
                                return rejectInput(0, "the " + total + " elements cannot be arranged as " + shapeText(shape));
                            }
                            out.set(wild, Dim.of((int) (total / known)));
                        } else if (total != known) {
                            return rejectInput(0, "it holds " + total + " elements, but shape " + shapeText(shape)
                                    + " holds " + known);
                        }
                    }
                    return outputs(TensorType.real(out));
                })
                .build();
    }

    static LayerType transpose() {
        return LayerType.builder("Transpose", Category.STRUCTURE)
                .doc("Permutes the axes of each example: output axis i is input axis perm[i] (0 = first axis).")
                .param(new ParamSpec("perm", ParamKind.INT_LIST, null, true, 0.0, null, false, null,
                        "The new order of the axes, e.g. [1, 0] swaps the two axes of a matrix."))
                .keyParams("perm")
                .input("Input", PortRequirement.realOfRank(1, -1, "an array"))
                .shape((p, in) -> {
                    List<Integer> perm = p.getIntList("perm");
                    TensorType t = in.get(0);
                    boolean[] seen = new boolean[perm.size()];
                    for (int a : perm) {
                        if (a >= perm.size() || seen[a]) {
                            return rejectParam("perm " + perm + " is not a permutation of 0.." + (perm.size() - 1));
                        }
                        seen[a] = true;
                    }
                    if (!t.rankKnown()) {
                        return outputs(TensorType.realOfRank(perm.size()));
                    }
                    if (t.rank() != perm.size()) {
                        return rejectInput(0, "perm " + perm + " needs an array of rank " + perm.size());
                    }
                    List<Dim> out = new ArrayList<>();
                    for (int a : perm) {
                        out.add(t.dim(a));
                    }
                    return outputs(TensorType.real(out));
                })
                .build();
    }

    static LayerType part() {
        return LayerType.builder("Part", Category.STRUCTURE)
                .aliases("PartLayer", "Slice", "Chunk", "Split", "Narrow")
                .doc("Takes a span of one axis: the elements start, start+1, …, end-1 of that axis, all of the others"
                        + " (a chunk of the channels, as ShuffleNet splits them).")
                .param(ParamSpec.optional("axis", ParamKind.INT, 0, 0.0,
                        "The axis to take the span from (0 = first axis of the example)."))
                .param(ParamSpec.optional("start", ParamKind.INT, 0, 0.0, "The first element taken (counting from 0)."))
                .param(ParamSpec.optional("end", ParamKind.INT, 1, 1.0, "The element after the last one taken."))
                .keyParams("axis", "start", "end")
                .input("Input", PortRequirement.realOfRank(1, -1, "an array"))
                .shape((p, in) -> {
                    int axis = p.getInt("axis");
                    int start = p.getInt("start");
                    int end = p.getInt("end");
                    if (end <= start) {
                        return rejectParam("the span " + start + " to " + end + " is empty: end must be after start");
                    }
                    TensorType t = in.get(0);
                    if (!t.rankKnown()) {
                        return outputs(TensorType.ANY_REAL);
                    }
                    if (axis >= t.rank()) {
                        return rejectParam("axis " + axis + " does not exist in " + TensorType.rankNoun(t.rank()));
                    }
                    Dim d = t.dim(axis);
                    if (d instanceof Dim.Symbolic s) {
                        return rejectInput(0, "axis " + axis + " is the varying length " + s
                                + ", which a fixed span cannot be taken from");
                    }
                    if (d.isFixed() && end > d.size()) {
                        return rejectInput(0, "axis " + axis + " has " + d.size() + " elements, so it has no span "
                                + start + " to " + end);
                    }
                    List<Dim> out = Shapes.dims(t);
                    out.set(axis, Dim.of(end - start));
                    return outputs(TensorType.real(out));
                })
                .build();
    }

    private static String shapeText(List<Integer> shape) {
        return shape.stream().map(String::valueOf).reduce((a, b) -> a + "×" + b).orElse("scalar");
    }
}
