package org.netstudio.netgraph.catalog;

import static org.netstudio.netgraph.catalog.ShapeRule.outputs;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectInput;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectParam;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.tensor.Unification;

/** Layers that combine several inputs: Catenate, Total and Threading. */
final class MergeLayers {

    private static final PortRequirement ANY_REAL = PortRequirement.anyReal("an array of real numbers");

    private MergeLayers() {
    }

    static List<LayerType> all() {
        return List.of(catenate(), total(), threading());
    }

    static LayerType catenate() {
        return LayerType.builder("Catenate", Category.MERGE)
                .aliases("Concatenate", "Concat")
                .doc("Joins its inputs along one axis; all other axes must agree.")
                .param(ParamSpec.optional("axis", ParamKind.INT, 0, null, "The axis to join along (0 = first axis of the example, -1 = last)."))
                .keyParams("axis")
                .variadicInput("Input", PortRequirement.realOfRank(1, -1, "an array of rank 1 or more"))
                .shape((p, in) -> {
                    int rank = -1;
                    for (TensorType t : in) {
                        if (t.rankKnown()) {
                            rank = t.rank();
                            break;
                        }
                    }
                    if (rank < 0) {
                        return outputs(TensorType.ANY_REAL);
                    }
                    int axis = p.getInt("axis");
                    if (axis >= rank || axis < -rank) {
                        return rejectParam("axis " + axis + " does not exist in inputs of rank " + rank);
                    }
                    int a = axis < 0 ? rank + axis : axis;
                    List<Dim> out = null;
                    long sum = 0;
                    boolean sumKnown = true;
                    for (int i = 0; i < in.size(); i++) {
                        TensorType t = in.get(i);
                        if (!t.rankKnown()) {
                            sumKnown = false;
                            continue;
                        }
                        if (t.rank() != rank) {
                            return rejectInput(i, "all inputs must have the same rank, but this one is "
                                    + TensorType.rankNoun(t.rank()) + " and another is " + TensorType.rankNoun(rank));
                        }
                        if (out == null) {
                            out = new ArrayList<>(t.dims());
                        } else {
                            for (int d = 0; d < rank; d++) {
                                if (d == a) {
                                    continue;
                                }
                                Dim u = out.get(d).unify(t.dim(d));
                                if (u == null) {
                                    return rejectInput(i, "its dimension " + (d + 1) + " is " + t.dim(d)
                                            + " while another input's is " + out.get(d) + "; only axis " + axis + " may differ");
                                }
                                out.set(d, u);
                            }
                        }
                        if (t.dim(a).isFixed()) {
                            sum += t.dim(a).size();
                        } else {
                            sumKnown = false;
                        }
                    }
                    Dim joined = sumKnown ? Shapes.fixedOrNull(sum) : Dim.UNKNOWN;
                    if (joined == null) {
                        return rejectParam("joined along axis " + axis + ", its output would be " + sum
                                + " long on that axis, more than NetStudio can hold");
                    }
                    out.set(a, joined);
                    return outputs(TensorType.real(out));
                })
                .build();
    }

    static LayerType total() {
        return LayerType.builder("Total", Category.MERGE)
                .aliases("Add", "Plus", "Sum")
                .doc("Adds its inputs element by element; they must have the same shape.")
                .variadicInput("Input", ANY_REAL)
                .shape(new ShapeRule() {
                    @Override
                    public Outcome infer(Params p, List<TensorType> in) {
                        TensorType acc = TensorType.ANY_REAL;
                        for (int i = 0; i < in.size(); i++) {
                            Unification u = acc.unify(in.get(i));
                            if (u instanceof Unification.Conflict c) {
                                return rejectInput(i, "all inputs must have the same shape, but this one is "
                                        + in.get(i).describe() + " and another is " + acc.describe() + ": " + c.reason());
                            }
                            acc = ((Unification.Unified) u).type();
                        }
                        return outputs(acc);
                    }

                    @Override
                    public List<TensorType> refineInputs(Params p, List<TensorType> in, List<TensorType> out) {
                        List<TensorType> refined = new ArrayList<>(in.size());
                        for (TensorType t : in) {
                            refined.add(t.unify(out.get(0)) instanceof Unification.Unified u ? u.type() : t);
                        }
                        return refined;
                    }
                })
                .cost((p, in, out) -> out.isEmpty() ? -1 : out.get(0).elementCount())
                .build();
    }

    static LayerType threading() {
        return LayerType.builder("Threading", Category.MERGE)
                .aliases("Multiply", "Subtract", "Divide", "Maximum", "Minimum")
                .doc("Combines two inputs element by element with a function; sizes of 1 broadcast, aligned from the last axis.")
                .param(ParamSpec.choice("function", "times", List.of("plus", "times", "subtract", "divide", "max", "min"),
                        "How each pair of values is combined."))
                .keyParams("function")
                .input("Input1", ANY_REAL)
                .input("Input2", ANY_REAL)
                .shape((p, in) -> {
                    TensorType a = in.get(0);
                    TensorType b = in.get(1);
                    if (!a.rankKnown() || !b.rankKnown()) {
                        return outputs(TensorType.ANY_REAL);
                    }
                    int rank = Math.max(a.rank(), b.rank());
                    List<Dim> out = new ArrayList<>();
                    for (int i = 0; i < rank; i++) {
                        Dim da = i < rank - a.rank() ? Dim.of(1) : a.dim(i - (rank - a.rank()));
                        Dim db = i < rank - b.rank() ? Dim.of(1) : b.dim(i - (rank - b.rank()));
                        if (da.size() == 1) {
                            out.add(db);
                        } else if (db.size() == 1) {
                            out.add(da);
                        } else {
                            Dim u = da.unify(db);
                            if (u == null) {
                                return rejectInput(1, "its shape " + b.shapeText() + " does not broadcast with "
                                        + a.shapeText() + ": sizes " + da + " and " + db + " differ and neither is 1");
                            }
                            out.add(u);
                        }
                    }
                    return outputs(TensorType.real(out));
                })
                .build();
    }
}
