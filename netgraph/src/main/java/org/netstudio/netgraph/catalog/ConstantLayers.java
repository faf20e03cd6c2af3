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
 * ConstantTimes and ConstantPlus: the input times, or plus, one learnable array that broadcasts over it
 * (a per-channel scale c×1×1, a position table n×d). Imported nets use them for ConvNeXt's layer scale and
 * a ViT's position embeddings, which would otherwise be opaque and never learn.
 */
final class ConstantLayers {

    private ConstantLayers() {
    }

    static List<LayerType> all() {
        return List.of(constant("ConstantTimes", "scaling", List.of("Scale", "LayerScale"),
                        "Multiplies the input by a learnable array (initially ones) that broadcasts over it, e.g. a"
                                + " scale per channel with shape [c, 1, 1]."),
                constant("ConstantPlus", "biases", List.of("Bias", "AddConstant"),
                        "Adds a learnable array (initially zeros) that broadcasts over the input, e.g. position"
                                + " embeddings with the input's shape."));
    }

    private static LayerType constant(String name, String array, List<String> aliases, String doc) {
        return LayerType.builder(name, Category.CORE)
                .aliases(aliases.toArray(String[]::new))
                .doc(doc)
                .param(ParamSpec.optional("shape", ParamKind.INT_LIST, null, 1.0,
                        "The array's shape, aligned with the input's last axes; a 1 repeats over an axis (default:"
                                + " the input's shape)."))
                .keyParams("shape")
                .input("Input", PortRequirement.realOfRank(0, -1, "an array"))
                .shape(ofKnownRank(TensorType.ANY_REAL, (p, t) -> {
                    String problem = broadcastProblem(p, t);
                    if (problem != null) {
                        return p.has("shape") ? rejectParam(problem) : rejectInput(0, problem);
                    }
                    return outputs(t);
                }))
                .arrays((p, in, out) -> List.of(new ArraySpec(array, arrayShape(p, in.get(0)), true)))
                .cost((p, in, out) -> {
                    TensorType t = in.get(0);
                    return t.rankKnown() ? Shapes.product(t.dims()) : -1;
                })
                .build();
    }

    /** The array's dimensions: the {@code shape} parameter, or the input's own. */
    private static List<Dim> arrayShape(Params p, TensorType input) {
        if (p.has("shape")) {
            List<Dim> dims = new ArrayList<>();
            p.getIntList("shape").forEach(d -> dims.add(Dim.of(d)));
            return dims;
        }
        if (!input.rankKnown()) {
            return List.of(Dim.UNKNOWN);
        }
        return Shapes.dims(input);
    }

    private static String broadcastProblem(Params p, TensorType t) {
        if (!p.has("shape")) {
            for (Dim d : t.dims()) {
                if (!d.isFixed()) {
                    return "the input has the varying length " + d + "; give the array a shape with 1 on that axis";
                }
            }
            return null;
        }
        List<Integer> shape = p.getIntList("shape");
        if (shape.size() > t.rank()) {
            return "shape " + shape + " has more axes than the input's " + Shapes.dimsText(t.dims());
        }
        for (int i = 1; i <= shape.size(); i++) {
            int a = shape.get(shape.size() - i);
            Dim d = t.dim(t.rank() - i);
            if (a != 1 && !(d.isFixed() && d.size() == a)) {
                return "shape " + shape + " does not fit the input's " + Shapes.dimsText(t.dims())
                        + ": each size must be the input's on that axis (counted from the last) or 1";
            }
        }
        return null;
    }
}
