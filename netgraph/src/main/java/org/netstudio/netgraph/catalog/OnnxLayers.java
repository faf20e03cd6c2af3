package org.netstudio.netgraph.catalog;

import static org.netstudio.netgraph.catalog.ShapeRule.outputs;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * {@code OnnxOperator}: an operator of an imported ONNX model that has no catalog layer. It keeps
 * the operator as it was (so ONNX Runtime can run it), shows its attributes, and declares its
 * output types, which inference takes as they are. Its constant inputs are its arrays
 * ({@code array1}, {@code array2}, … by input position), never trained.
 */
final class OnnxLayers {

    /** Free text parameters use the expression kind: the inspector edits them as one line of text. */
    private static final ParamKind TEXT = ParamKind.EXPRESSION;

    private OnnxLayers() {
    }

    static LayerType onnxOperator() {
        return LayerType.builder("OnnxOperator", Category.STRUCTURE)
                .aliases("Opaque", "ONNX")
                .doc("An ONNX operator with no NetStudio layer, kept as imported and computed as ONNX defines it (inference only).")
                .param(ParamSpec.required("op", TEXT, null, "The ONNX operator type, e.g. \"Erf\" (domain:type outside the default domain)."))
                .param(ParamSpec.optional("attributes", TEXT, null, null, "The operator's attributes, as imported."))
                .param(ParamSpec.optional("inputs", TEXT, null, null,
                        "The operator's inputs in order: \"wire <type>\", \"array <type> <shape>\" or \"none\"."))
                .param(ParamSpec.required("outputs", TEXT, null, "The declared output types, e.g. \"Real n×384; Integer 2\"."))
                .param(ParamSpec.optional("output", ParamKind.INT, 1, 1.0,
                        "Which output of the ONNX operator this node gives (1 = the first); one node per output used."))
                .param(ParamSpec.optional("node", TEXT, null, null, "The ONNX node itself (base64 NodeProto), for ONNX Runtime."))
                .param(ParamSpec.optional("opset", ParamKind.INT, 13, 1.0, "The ONNX opset the operator belongs to."))
                .keyParams("op")
                .variadicInput("Input", PortRequirement.anything("any tensor"), 1)
                .shape((p, in) -> {
                    Optional<List<TensorType>> declared = OnnxTypeText.parseAll(p.getString("outputs"));
                    if (declared.isEmpty() || declared.get().isEmpty()) {
                        return rejectParam("outputs \"" + p.getString("outputs") + "\" does not list types such as \"Real n×384\"");
                    }
                    return outputs(declared.get().toArray(TensorType[]::new));
                })
                .arrays((p, in, out) -> arrays(p.getString("inputs")))
                .build();
    }

    /** One state array per constant input: {@code array<k>} for input k (from 1), shaped as declared. */
    private static List<ArraySpec> arrays(String inputs) {
        List<ArraySpec> arrays = new ArrayList<>();
        List<OnnxInputs.Entry> entries = OnnxInputs.parse(inputs);
        for (int i = 0; i < entries.size(); i++) {
            OnnxInputs.Entry e = entries.get(i);
            if (e.kind() == OnnxInputs.Kind.ARRAY) {
                List<Dim> dims = new ArrayList<>();
                for (long s : e.shape()) {
                    Dim d = Shapes.fixedOrNull(s);
                    dims.add(d == null ? Dim.UNKNOWN : d);
                }
                arrays.add(new ArraySpec("array" + (i + 1), dims, false));
            }
        }
        return arrays;
    }
}
