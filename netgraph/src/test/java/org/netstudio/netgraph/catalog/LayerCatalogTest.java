package org.netstudio.netgraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netstudio.netgraph.catalog.LayerContract.assertLayer;
import static org.netstudio.netgraph.catalog.LayerContract.problems;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Every catalog layer's shape and parameter count. Expected figures follow PyTorch's documented
 * formulas (torch.nn.Conv2d, MaxPool2d, ConvTranspose2d, LSTM, GRU …), computed by hand here.
 */
class LayerCatalogTest {

    private static TensorType t(int... dims) {
        return TensorType.real(dims);
    }

    private static TensorType seq(String n, int d) {
        return TensorType.real(List.of(Dim.symbolic(n), Dim.of(d)));
    }

    private static TensorType tokens(int vocabulary) {
        return new TensorType(ElementKind.index(vocabulary), List.of(Dim.symbolic("n")));
    }

    @Test
    void everyTypeIsDocumentedAndFindableByItsAliases() {
        LayerCatalog c = LayerCatalog.standard();
        assertThat(c.types()).hasSizeGreaterThanOrEqualTo(36);
        for (LayerType t : c.types()) {
            assertThat(t.doc()).as(t.name()).isNotBlank();
            assertThat(c.resolve(t.name())).contains(t);
            for (String a : t.aliases()) {
                assertThat(c.resolve(a.toUpperCase())).as(a).contains(t);
            }
            for (ParamSpec p : t.params()) {
                assertThat(p.doc()).as(t.name() + "." + p.name()).isNotBlank();
            }
            for (String k : t.keyParams()) {
                assertThat(t.param(k)).as(t.name() + " key parameter " + k).isNotNull();
            }
        }
    }

    @Test
    void numberedPortsOfAVariadicInputResolveToItsSpec() {
        LayerType total = LayerCatalog.standard().resolve("Total").orElseThrow();
        String port = total.inputNames(3).get(2);
        assertThat(total.inputSpec(port)).isNotNull();
        String base = port.replaceAll("[0-9]+$", "");
        assertThat(total.inputSpec(base + "12")).isNotNull();
        assertThat(total.inputSpec(base + "0")).isNull();
        assertThat(total.inputSpec(base + "01")).isNull();
        assertThat(total.inputSpec(base + "x")).isNull();
        assertThat(total.inputSpec("Nothing")).isNull();
    }

    @Test
    void searchFindsLayersByAliasBestFirst() {
        assertThat(LayerCatalog.standard().search("dense")).first().extracting(LayerType::name).isEqualTo("Linear");
        assertThat(LayerCatalog.standard().search("relu")).extracting(LayerType::name).startsWith("Ramp");
        assertThat(LayerCatalog.standard().search("conv")).extracting(LayerType::name)
                .contains("Convolution", "Deconvolution");
        assertThat(LayerCatalog.standard().suggest("Convolutoin")).contains("Convolution");
    }

    @ParameterizedTest(name = "Convolution {0}")
    @CsvSource(delimiter = ';', value = {
        // input ; channels ; kernel ; stride ; padding ; dilation ; groups ; output ; parameters
        "3×32×32 ; 16 ; 3 ; 1 ; 0 ; 1 ; 1 ; 16×30×30 ; 448",
        "3×32×32 ; 16 ; 3 ; 2 ; 1 ; 1 ; 1 ; 16×16×16 ; 448",
        "3×224×224 ; 64 ; 7 ; 2 ; 3 ; 1 ; 1 ; 64×112×112 ; 9472",
        "32×10×10 ; 32 ; 3 ; 1 ; 2 ; 2 ; 32 ; 32×10×10 ; 320",
        "4×100 ; 8 ; 5 ; 1 ; 0 ; 1 ; 1 ; 8×96 ; 168",
        "2×8×8×8 ; 4 ; 3 ; 1 ; 1 ; 1 ; 1 ; 4×8×8×8 ; 220",
    })
    void convolutionFollowsPyTorch(String input, int channels, int kernel, int stride, int padding, int dilation,
                                   int groups, String output, long parameters) {
        int[] dims = java.util.Arrays.stream(input.split("×")).mapToInt(Integer::parseInt).toArray();
        assertLayer(Layer.of("Convolution", "channels", channels, "kernel", kernel, "stride", stride,
                "padding", padding, "dilation", dilation, "groups", groups), List.of(t(dims)), output, parameters);
    }

    @Test
    void convolutionAcceptsPerAxisListsAndSamePadding() {
        assertLayer(Layer.of("Convolution", "channels", 8, "kernel", List.of(3, 5), "padding", List.of(1, 2)),
                List.of(t(1, 20, 30)), "8×20×30", 8 * 15 + 8);
        assertLayer(Layer.of("Convolution", "channels", 8, "kernel", 4, "padding", "same", "bias", false),
                List.of(t(2, 9, 9)), "8×9×9", 8 * 2 * 16);
    }

    @Test
    void convolutionExplainsBadParameters() {
        assertThat(problems(Layer.of("Convolution", "channels", 8, "kernel", 3, "stride", 2, "padding", "same"), t(1, 9, 9)))
                .containsExactly("'layer' (Convolution): padding \"same\" needs stride 1, but stride is 2×2.");
        assertThat(problems(Layer.of("Convolution", "channels", 8, "kernel", List.of(3, 3, 3)), t(1, 9, 9)))
                .containsExactly("'layer' (Convolution): kernel [3, 3, 3] has 3 entries, but the input has 2 spatial axes.");
        assertThat(problems(Layer.of("Convolution", "channels", 6, "kernel", 3, "groups", 4), t(8, 9, 9)))
                .containsExactly("'layer' (Convolution): channels 6 must be divisible by groups 4.");
        assertThatThrownBy(() -> Layer.of("Convolution", "channels", -3, "kernel", 3))
                .hasMessage("channels must be a positive whole number, but got -3");
        assertThatThrownBy(() -> Layer.of("Convolution", "kernel", 3))
                .hasMessage("channels is required");
        assertThatThrownBy(() -> Layer.of("Pooling", "kernel", 2, "function", "median"))
                .hasMessage("function must be one of \"max\", \"mean\", but got \"median\"");
        assertThatThrownBy(() -> Layer.of("Linear", "units", 10, "activation", "relu"))
                .hasMessage("Linear has no parameter \"activation\" (it has units, bias)");
    }

    @Test
    void deconvolutionGrows() {
        // PyTorch ConvTranspose2d: (H-1)*stride - 2*padding + (kernel-1) + outputPadding + 1
        assertLayer(Layer.of("Deconvolution", "channels", 8, "kernel", 4, "stride", 2, "padding", 1),
                List.of(t(16, 7, 7)), "8×14×14", 16 * 8 * 16 + 8);
        assertLayer(Layer.of("Deconvolution", "channels", 1, "kernel", 3, "stride", 2, "padding", 1, "outputPadding", 1),
                List.of(t(4, 5, 5)), "1×10×10", 4 * 9 + 1);
    }

    @Test
    void poolingDefaultsItsStrideToTheKernel() {
        assertLayer(Layer.of("Pooling", "kernel", 2), List.of(t(20, 24, 24)), "20×12×12", 0);
        assertLayer(Layer.of("Pooling", "kernel", 3, "stride", 2, "padding", 1), List.of(t(64, 112, 112)), "64×56×56", 0);
        assertLayer(Layer.of("Pooling", "function", "mean", "kernel", 2), List.of(t(6, 5)), "6×2", 0);
        assertLayer(Layer.of("GlobalPooling"), List.of(t(512, 7, 7)), "512", 0);
        assertThat(problems(Layer.of("Pooling", "kernel", 3, "padding", 2), t(1, 8, 8)))
                .containsExactly("'layer' (Pooling): padding 2×2 must be at most half the kernel 3×3.");
    }

    @Test
    void linearActsOnTheLastAxis() {
        assertLayer(Layer.of("Linear", "units", 10), List.of(t(784)), "10", 7850);
        assertLayer(Layer.of("Linear", "units", 4, "bias", false), List.of(t(6, 3)), "6×4", 12);
        assertLayer(Layer.of("Linear", "units", 4), List.of(seq("n", 3)), "n×4", 16);
        assertThat(problems(Layer.of("Linear", "units", 4), TensorType.real(List.of(Dim.of(2), Dim.symbolic("n")))))
                .containsExactly("'layer' (Linear) cannot take a matrix of size 2×n from the net's input 'In0': the last"
                        + " dimension must have a fixed size, but it is the varying length n.");
    }

    @Test
    void activationsDropoutAndNormsKeepTheShape() {
        for (String type : List.of("Ramp", "Tanh", "Sigmoid", "GELU", "SiLU", "ELU", "SELU", "LeakyReLU", "Softplus",
                "Softmax", "LogSoftmax", "Dropout", "SequenceReverse")) {
            assertLayer(Layer.of(type), List.of(t(5, 7)), "5×7", 0);
        }
        assertLayer(Layer.of("Elementwise", "function", "tanh(x)*sigmoid(x)"), List.of(seq("n", 3)), "n×3", 0);
        assertLayer(Layer.of("BatchNorm"), List.of(t(16, 8, 8)), "16×8×8", 64);
        assertLayer(Layer.of("LayerNorm"), List.of(seq("n", 384)), "n×384", 768);
        assertThat(problems(Layer.of("Elementwise", "function", "tanhh(x)"), t(3)))
                .singleElement().asString().startsWith("'layer' (Elementwise): function unknown function \"tanhh\"");
        assertThat(problems(Layer.of("Softmax", "axis", 2), t(3, 4)))
                .containsExactly("'layer' (Softmax): axis 2 does not exist in a matrix of size 3×4 (it has 2 axes).");
        assertThatThrownBy(() -> Layer.of("Dropout", "rate", 1.0))
                .hasMessage("rate must be less than 1, but got 1");
    }

    @Test
    void structureLayers() {
        assertLayer(Layer.of("Flatten"), List.of(t(50, 4, 4)), "800", 0);
        assertLayer(Layer.of("Reshape", "shape", List.of(4, -1)), List.of(t(2, 3, 4)), "4×6", 0);
        assertLayer(Layer.of("Transpose", "perm", List.of(1, 0)), List.of(seq("n", 3)), "3×n", 0);
        assertThat(problems(Layer.of("Reshape", "shape", List.of(5, -1)), t(2, 3, 4)))
                .containsExactly("'layer' (Reshape) cannot take a 2×3×4 array from the net's input 'In0':"
                        + " the 24 elements cannot be arranged as 5×-1.");
        assertThat(problems(Layer.of("Flatten"), seq("n", 3))).singleElement().asString()
                .endsWith("the varying length n cannot be flattened into a vector of fixed size.");
    }

    @Test
    void mergeLayers() {
        assertLayer(Layer.of("Catenate").withInputCount(3), List.of(t(2, 5), t(3, 5), t(1, 5)), "6×5", 0);
        assertLayer(Layer.of("Catenate", "axis", -1), List.of(seq("n", 4), seq("n", 6)), "n×10", 0);
        assertLayer(Layer.of("Total"), List.of(t(3, 4), t(3, 4)), "3×4", 0);
        assertLayer(Layer.of("Threading", "function", "times"), List.of(t(3, 4), t(4)), "3×4", 0);
        assertThat(problems(Layer.of("Total"), t(3, 4), t(4, 3))).singleElement().asString()
                .isEqualTo("'layer' (Total) cannot take a matrix of size 4×3 from the net's input 'In1' as its Input2:"
                        + " all inputs must have the same shape, but this one is a matrix of size 4×3 and another is"
                        + " a matrix of size 3×4: dimension 1 is 3 on one side and 4 on the other.");
        assertThat(problems(Layer.of("Catenate"), t(2, 5), t(2, 6))).singleElement().asString()
                .endsWith("its dimension 2 is 6 while another input's is 5; only axis 0 may differ.");
    }

    @Test
    void sequenceLayersFollowPyTorchArrays() {
        assertLayer(Layer.of("Embedding", "size", 16), List.of(tokens(97)), "n×16", 97 * 16);
        assertLayer(Layer.of("Embedding", "size", 16, "vocabulary", 100), List.of(tokens(97)), "n×16", 1600);
        assertLayer(Layer.of("UnitVector", "size", 5), List.of(tokens(5)), "n×5", 0);
        // torch.nn.LSTM(10, 20): 4*20*(10+20) + 2*4*20 = 2,560
        assertLayer(Layer.of("LSTM", "units", 20), List.of(seq("n", 10)), "n×20", 2560);
        // torch.nn.GRU(10, 20): 3*20*(10+20) + 2*3*20 = 1,920
        assertLayer(Layer.of("GRU", "units", 20, "returnSequences", false), List.of(seq("n", 10)), "20", 1920);
        // torch.nn.RNN(10, 20): 20*(10+20) + 2*20 = 640
        assertLayer(Layer.of("RNN", "units", 20), List.of(t(7, 10)), "7×20", 640);
        assertLayer(Layer.of("SequenceLast"), List.of(seq("n", 10)), "10", 0);
        assertThat(problems(Layer.of("Embedding", "size", 4), t(3))).singleElement().asString()
                .isEqualTo("Input of 'layer' (Embedding) must be indices (n), but the net's input 'In0' is a vector of"
                        + " size 3: real numbers cannot be used where indices are expected.");
    }

    /** BERT's position embeddings: the positions of a sequence of any length, looked up in a learnable table. */
    @Test
    void sequenceIndicesNumberThePositionsOfASequenceOfAnyLength() {
        InferenceResult r = LayerContract.run(Layer.of("SequenceIndices", "maxLength", 512), tokens(30522));
        assertThat(r.diagnostics()).isEmpty();
        TensorType out = r.layer(org.netstudio.netgraph.net.NodePath.of("layer")).outputs().get(0);
        assertThat(out.dims()).containsExactly(Dim.symbolic("n"));
        assertThat(out.kind()).isEqualTo(ElementKind.index(512));
        assertLayer(Layer.of("SequenceIndices"), List.of(t(7, 3)), "7", 0);
        assertThat(LayerContract.run(Layer.of("SequenceIndices"), t(7, 3)).layer(org.netstudio.netgraph.net.NodePath.of("layer"))
                .outputs().get(0).kind()).isEqualTo(ElementKind.index(7));
        assertThat(problems(Layer.of("SequenceIndices", "maxLength", 4), t(7, 3))).singleElement().asString()
                .endsWith("its length 7 is beyond maxLength 4.");
    }

    @Test
    void attentionTakesKeysValuesAndQueries() {
        assertLayer(Layer.of("Attention", "heads", 4), List.of(seq("m", 32), seq("m", 16), seq("n", 32)), "n×16", 0);
        assertThat(problems(Layer.of("Attention", "heads", 3), seq("m", 32), seq("m", 16), seq("n", 32)))
                .containsExactly("'layer' (Attention): heads 3 must divide the query size 32.");
        assertThat(problems(Layer.of("Attention"), seq("m", 8), seq("k", 4), seq("n", 8))).singleElement().asString()
                .endsWith("keys and values must have the same length, but there are m keys and k values.");
    }

    @Test
    void lossesOutputAScalar() {
        TensorType classIndex = new TensorType(ElementKind.index(10), List.of());
        assertLayer(Layer.of("CrossEntropyLoss"), List.of(t(10), classIndex), "scalar", 0);
        assertLayer(Layer.of("CrossEntropyLoss", "target", "probabilities"), List.of(t(10), t(10)), "scalar", 0);
        assertLayer(Layer.of("MeanSquaredLoss"), List.of(t(3), t(3)), "scalar", 0);
        assertThat(problems(Layer.of("CrossEntropyLoss"), t(10), new TensorType(ElementKind.index(5), List.of())))
                .singleElement().asString().endsWith("the target has 5 classes, but the input has 10 probabilities.");
        assertThat(problems(Layer.of("MeanSquaredLoss"), t(3), t(4))).singleElement().asString()
                .endsWith("the target must have the input's shape 3: the size is 3 on one side and 4 on the other.");
    }
}
