package org.netstudio.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.engine.compile.OneLayerNets.indices;
import static org.netstudio.engine.compile.OneLayerNets.real;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.SharedNDManager;
import org.netstudio.netgraph.catalog.ArraySpec;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The contract between netgraph and the engine, for every catalog layer type: what DJL computes
 * on a batch has netgraph's inferred shape with the batch axis in front, and the DJL parameters
 * are netgraph's arrays, with the same names, shapes and count.
 */
public class LayerContractTest {

    private static final int BATCH = 2;
    @RegisterExtension
    static final SharedNDManager MANAGER = new SharedNDManager();

    /** One layer with representative parameters and the per-example types of its inputs. */
    public record Case(String label, Layer layer, List<TensorType> inputs) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Case c(String label, Layer layer, TensorType... inputs) {
        return new Case(label, layer, List.of(inputs));
    }

    /** The cases, one or more per catalog type; engine-bridge's PyTorch parity test runs them too. */
    public static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(c("Linear on a vector", Layer.of("Linear", "units", 4), real(3)));
        cases.add(c("Linear on the last axis, no bias", Layer.of("Linear", "units", 2, "bias", false), real(5, 3)));
        cases.add(c("ConstantTimes per channel", Layer.of("ConstantTimes", "shape", List.of(3, 1, 1)), real(3, 4, 5)));
        cases.add(c("ConstantPlus, the input's shape", Layer.of("ConstantPlus"), real(4, 3)));
        cases.add(c("Flatten", Layer.of("Flatten"), real(2, 3, 4)));
        cases.add(c("Reshape with -1", Layer.of("Reshape", "shape", List.of(4, -1)), real(2, 3, 4)));
        cases.add(c("Transpose", Layer.of("Transpose", "perm", List.of(2, 0, 1)), real(2, 3, 4)));
        cases.add(c("Part of the channels", Layer.of("Part", "axis", 0, "start", 2, "end", 5), real(6, 3, 4)));
        cases.add(c("Part of the last axis", Layer.of("Part", "axis", 1, "end", 2), real(3, 4)));
        cases.add(c("Padding constant 2D", Layer.of("Padding", "before", List.of(1, 2), "after", List.of(0, 3)),
                real(2, 4, 5)));
        cases.add(c("Padding reflect 2D", Layer.of("Padding", "before", List.of(2, 1), "method", "reflect"), real(2, 5, 4)));
        cases.add(c("Padding edge 1D", Layer.of("Padding", "before", List.of(2), "after", List.of(1), "method", "edge"),
                real(3, 6)));
        cases.add(c("Padding a value, channels too", Layer.of("Padding", "before", List.of(1, 0, 1), "value", 0.5),
                real(2, 3, 3)));
        cases.add(c("Aggregation mean, all but the first axis", Layer.of("Aggregation"), real(3, 4, 5)));
        cases.add(c("Aggregation total over the first axis, kept", Layer.of("Aggregation", "function", "total",
                "axes", List.of(0), "keepAxes", true), real(3, 4)));
        cases.add(c("Aggregation max over the last axis", Layer.of("Aggregation", "function", "max", "axes", List.of(-1)),
                real(2, 3, 4)));
        cases.add(c("Aggregation min over two axes", Layer.of("Aggregation", "function", "min", "axes", List.of(0, 2)),
                real(3, 2, 4)));
        cases.add(c("Convolution 1D", Layer.of("Convolution", "channels", 4, "kernel", 3), real(3, 10)));
        cases.add(c("Convolution 2D stride 2 padding 1", Layer.of("Convolution", "channels", 6, "kernel", List.of(3, 5),
                "stride", 2, "padding", 1), real(3, 11, 12)));
        cases.add(c("Convolution 2D same, even kernel", Layer.of("Convolution", "channels", 3, "kernel", 4,
                "padding", "same"), real(2, 9, 8)));
        cases.add(c("Convolution 2D same, dilated", Layer.of("Convolution", "channels", 3, "kernel", 3,
                "padding", "same", "dilation", 2), real(2, 9, 8)));
        cases.add(c("Convolution 2D groups, no bias", Layer.of("Convolution", "channels", 6, "kernel", 3,
                "groups", 2, "bias", false), real(4, 8, 8)));
        cases.add(c("Convolution 3D", Layer.of("Convolution", "channels", 2, "kernel", 2, "stride", List.of(1, 2, 2)),
                real(3, 4, 6, 6)));
        cases.add(c("Deconvolution 1D", Layer.of("Deconvolution", "channels", 3, "kernel", 3, "stride", 2), real(2, 5)));
        cases.add(c("Deconvolution 2D padding, output padding", Layer.of("Deconvolution", "channels", 4,
                "kernel", List.of(3, 2), "stride", List.of(2, 3), "padding", 1, "outputPadding", 1), real(3, 4, 5)));
        cases.add(c("Deconvolution 3D, no bias", Layer.of("Deconvolution", "channels", 2, "kernel", 2, "stride", 2,
                "bias", false), real(2, 3, 3, 3)));
        cases.add(c("Upsample nearest 2D", Layer.of("Upsample", "scale", 2), real(3, 4, 5)));
        cases.add(c("Upsample linear 1D by 3", Layer.of("Upsample", "scale", 3, "method", "linear"), real(2, 5)));
        cases.add(c("Upsample linear 3D, per axis", Layer.of("Upsample", "scale", List.of(1, 2, 3), "method", "linear"),
                real(2, 3, 2, 4)));
        cases.add(c("Pooling max 2D", Layer.of("Pooling", "function", "max", "kernel", 2), real(3, 8, 7)));
        cases.add(c("Pooling max 2D ceil", Layer.of("Pooling", "kernel", 3, "stride", 2, "ceil", true), real(2, 12, 9)));
        cases.add(c("Pooling mean 2D ceil, padding", Layer.of("Pooling", "function", "mean", "kernel", 3, "stride", 2,
                "padding", 1, "ceil", true), real(2, 8, 7)));
        cases.add(c("Pooling mean 1D stride padding", Layer.of("Pooling", "function", "mean", "kernel", 3, "stride", 2,
                "padding", 1), real(2, 9)));
        cases.add(c("Pooling max 3D padding", Layer.of("Pooling", "kernel", 2, "stride", 1, "padding", 1),
                real(2, 4, 4, 4)));
        cases.add(c("Pooling mean 3D", Layer.of("Pooling", "function", "mean", "kernel", 2), real(2, 4, 4, 4)));
        cases.add(c("GlobalPooling mean", Layer.of("GlobalPooling"), real(3, 5, 5)));
        cases.add(c("GlobalPooling max 1D", Layer.of("GlobalPooling", "function", "max"), real(2, 7)));
        for (String a : List.of("Ramp", "Tanh", "Sigmoid", "GELU", "SiLU", "ELU", "SELU", "Softplus")) {
            cases.add(c(a, Layer.of(a), real(2, 3)));
        }
        cases.add(c("LeakyReLU", Layer.of("LeakyReLU", "alpha", 0.2), real(4)));
        cases.add(c("Elementwise", Layer.of("Elementwise", "function", "tanh(x)*sigmoid(x) - 2^x/3 + min(max(x, 0.2), 0.8)"), real(4)));
        cases.add(c("Softmax last axis", Layer.of("Softmax"), real(3, 4)));
        cases.add(c("Softmax first axis", Layer.of("Softmax", "axis", 0), real(3, 4)));
        cases.add(c("LogSoftmax", Layer.of("LogSoftmax"), real(5)));
        cases.add(c("Dropout", Layer.of("Dropout", "rate", 0.3), real(2, 3)));
        cases.add(c("BatchNorm on images", Layer.of("BatchNorm"), real(3, 4, 4)));
        cases.add(c("BatchNorm on vectors", Layer.of("BatchNorm", "momentum", 0.2), real(5)));
        cases.add(c("LayerNorm", Layer.of("LayerNorm"), real(3, 6)));
        cases.add(c("Catenate first axis", Layer.of("Catenate").withInputCount(2), real(2, 3), real(4, 3)));
        cases.add(c("Catenate last axis", Layer.of("Catenate", "axis", -1).withInputCount(3), real(2, 1), real(2, 2),
                real(2, 3)));
        cases.add(c("Total", Layer.of("Total").withInputCount(3), real(2, 3), real(2, 3), real(2, 3)));
        cases.add(c("Threading times, broadcast", Layer.of("Threading"), real(3, 4), real(4)));
        cases.add(c("Threading subtract, broadcast first", Layer.of("Threading", "function", "subtract"), real(1, 4),
                real(3, 1)));
        cases.add(c("Threading max", Layer.of("Threading", "function", "max"), real(5), real(5)));
        cases.add(c("Embedding", Layer.of("Embedding", "size", 5, "vocabulary", 10), indices(10, 6)));
        cases.add(c("Embedding, vocabulary from the input", Layer.of("Embedding", "size", 3), indices(7, 4)));
        cases.add(c("UnitVector", Layer.of("UnitVector", "size", 7), indices(7, 4)));
        cases.add(c("LSTM sequences", Layer.of("LSTM", "units", 5), real(6, 3)));
        cases.add(c("GRU last state", Layer.of("GRU", "units", 4, "returnSequences", false), real(6, 3)));
        cases.add(c("RNN", Layer.of("RNN", "units", 2), real(5, 3)));
        cases.add(c("SequenceLast", Layer.of("SequenceLast"), real(6, 3)));
        cases.add(c("SequenceReverse", Layer.of("SequenceReverse"), real(6, 3)));
        cases.add(c("SequenceIndices of vectors", Layer.of("SequenceIndices"), real(6, 3)));
        cases.add(c("SequenceIndices of token ids, maxLength", Layer.of("SequenceIndices", "maxLength", 8), indices(9, 5)));
        cases.add(c("Attention", Layer.of("Attention", "heads", 2), real(5, 4), real(5, 6), real(3, 4)));
        cases.add(c("Attention causal", Layer.of("Attention", "mask", "causal"), real(4, 3), real(4, 2), real(4, 3)));
        cases.add(c("Attention with a key mask of 0s and 1s", Layer.of("Attention", "heads", 2).withInputCount(1),
                real(5, 4), real(5, 6), real(3, 4), indices(2, 5)));
        cases.add(c("CrossEntropyLoss index", Layer.of("CrossEntropyLoss"), real(4), indices(4)));
        cases.add(c("CrossEntropyLoss index per step", Layer.of("CrossEntropyLoss"), real(3, 4), indices(4, 3)));
        cases.add(c("CrossEntropyLoss probabilities", Layer.of("CrossEntropyLoss", "target", "probabilities"),
                real(3, 4), real(3, 4)));
        cases.add(c("CrossEntropyLoss binary", Layer.of("CrossEntropyLoss", "target", "binary"), real(5), real(5)));
        cases.add(c("MeanSquaredLoss", Layer.of("MeanSquaredLoss"), real(3, 2), real(3, 2)));
        cases.add(c("MeanAbsoluteLoss", Layer.of("MeanAbsoluteLoss"), real(4), real(4)));
        cases.add(c("OnnxOperator Erf", Layer.of("OnnxOperator", "op", "Erf", "inputs", "wire float", "outputs", "Real 3×4",
                "node", java.util.Base64.getEncoder().encodeToString(ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
                        .setOpType("Erf").addInput("x").addOutput("y").build().toByteArray())).withInputCount(1), real(3, 4)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void djlComputesTheInferredShapeAndHoldsTheInferredArrays(Case c) {
        Graph net = OneLayerNets.around(c.layer(), c.inputs());
        CompiledNet block = NetCompiler.compile(net, 42);
        LayerInfo info = block.inference().layer(NodePath.of(OneLayerNets.NODE));
        Shape[] inputShapes = c.inputs().stream().map(t -> OneLayerNets.batched(BATCH, t)).toArray(Shape[]::new);
        try (NDManager m = MANAGER.newSubManager()) {
            block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, inputShapes);
            NDList inputs = OneLayerNets.batch(m, c.inputs(), BATCH);

            for (boolean training : new boolean[] {false, true}) {
                NDList outputs = block.forward(new ParameterStore(m, false), inputs, training);
                assertThat(outputs).hasSize(info.outputs().size());
                for (int i = 0; i < outputs.size(); i++) {
                    Shape expected = OneLayerNets.batched(BATCH, info.outputs().get(i));
                    assertThat(outputs.get(i).getShape()).as("output %d (training %s)", i, training).isEqualTo(expected);
                }
            }
            Shape[] declared = block.getOutputShapes(inputShapes);
            for (int i = 0; i < declared.length; i++) {
                assertThat(declared[i]).isEqualTo(OneLayerNets.batched(BATCH, info.outputs().get(i)));
            }

            List<NetArray> arrays = block.arrays();
            assertThat(arrays).extracting(NetArray::name).containsExactlyElementsOf(
                    info.arrays().stream().map(ArraySpec::name).toList());
            long count = 0;
            for (int i = 0; i < arrays.size(); i++) {
                Shape actual = arrays.get(i).parameter().getArray().getShape();
                assertThat(actual).as(arrays.get(i).key()).isEqualTo(arrays.get(i).knownShape());
                assertThat(TensorType.real(Arrays.stream(actual.getShape()).mapToInt(Math::toIntExact).toArray()).shapeText())
                        .isEqualTo(info.arrays().get(i).shapeText());
                assertThat(arrays.get(i).parameter().requiresGradient()).isEqualTo(info.arrays().get(i).trainable());
                count += actual.size();
            }
            assertThat(count).isEqualTo(info.parameterCount());
        }
    }

    @Test
    void everyCatalogTypeHasACase() {
        Set<String> covered = new TreeSet<>();
        cases().forEach(c -> covered.add(c.layer().type()));
        Set<String> catalog = new TreeSet<>();
        for (LayerType t : LayerCatalog.standard().types()) {
            catalog.add(t.name());
        }
        assertThat(covered).isEqualTo(catalog);
    }
}
