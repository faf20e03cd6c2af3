package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.chain;
import static org.netstudio.netgraph.io.NetFileReaderTestSupport.graph;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.summary.NetSummary;

/**
 * Net files made to break the reader or inference (issue 15): each reads, and inference explains
 * in one sentence naming the layer what cannot work, never a stack overflow, a negative size or a
 * net wrongly called valid.
 */
class HostileNetFilesTest {

    private static final String HEAD = "{\"format\": \"netstudio.net\", \"version\": 1, \"name\": \"t\", ";

    private static List<String> problems(String json) throws NetFileException {
        NetDocument doc = NetFileReader.read(json, "t.json");
        InferenceResult r = ShapeInference.infer(doc.net());
        NetSummary.of(doc.net(), r);
        return r.diagnostics().stream().map(Diagnostic::message).toList();
    }

    private static String chainFrom(String shape, String layers) {
        return HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"shape\": " + shape + "}, \"layers\": [" + layers + "]}}";
    }

    @Test
    void anElementwiseFunctionNestedThousandsDeepIsADiagnosticNotAStackOverflow() throws NetFileException {
        String function = "(".repeat(5000) + "x" + ")".repeat(5000);
        assertThat(problems(chain("{\"type\": \"Elementwise\", \"function\": \"" + function + "\"}")))
                .containsExactly("'elementwise1' (Elementwise, layer 1): function \"" + "(".repeat(59) + "…\" is nested"
                        + " more than 100 levels deep (parentheses, calls, signs and operators); write it more simply.");
    }

    @Test
    void flatteningMoreThanNetStudioCanHoldNamesTheLayerAndTheCount() throws NetFileException {
        assertThat(problems(chainFrom("[2, 65536, 65536]", "{\"type\": \"Flatten\", \"name\": \"flat\"}")))
                .contains("'flat' (Flatten, layer 1) cannot take a 2×65536×65536 array from the net's input 'Input':"
                        + " flattened, it would have 2^33 elements, more than NetStudio can hold.");
    }

    @Test
    void anInputTooLargeToHoldIsReportedWhereItIsDeclared() throws NetFileException {
        assertThat(problems(chainFrom("[2, 65536, 65536]", "{\"type\": \"Tanh\"}"))).containsExactly(
                "The net's input 'Input' is declared as 2×65536×65536, which is more elements than NetStudio can hold"
                        + " in one array.",
                "'tanh1' (Tanh, layer 1): its output 2×65536×65536 would have 2^33 elements, more than NetStudio can hold.");
    }

    @Test
    void recurrentUnitsNear2To31AreADiagnosticNotANegativeDimension() throws NetFileException {
        assertThat(problems(chainFrom("[\"n\", 8]", "{\"type\": \"LSTM\", \"units\": 2147483647, \"name\": \"lstm\"}")))
                .containsExactly("'lstm' (LSTM, layer 1): units 2147483647 would give 4×2147483647 rows of gate weights,"
                        + " more than NetStudio can hold.");
        assertThat(problems(chainFrom("[\"n\", 8]", "{\"type\": \"GRU\", \"units\": 536870912}")))
                .containsExactly("'gru1' (GRU, layer 1): its array inputWeights (1610612736×8) would have"
                        + " 12,884,901,888 (about 2^34) elements, more than NetStudio can hold.");
    }

    @Test
    void arraysTooLargeToHoldAreNamed() throws NetFileException {
        assertThat(problems(chainFrom("[65536]", "{\"type\": \"Linear\", \"units\": 65536, \"name\": \"wide\"}")))
                .containsExactly("'wide' (Linear, layer 1): its array weights (65536×65536) would have 2^32 elements,"
                        + " more than NetStudio can hold.");
    }

    @Test
    void sizesComputedPast2To31InConvolutionsPoolingAndCatenateAreDiagnostics() throws NetFileException {
        assertThat(problems(chainFrom("[1, 8, 8]", "{\"type\": \"Convolution\", \"channels\": 1, \"kernel\": 1,"
                + " \"padding\": 1073741824}")))
                .containsExactly("'convolution1' (Convolution, layer 1) cannot take a 1×8×8 array from the net's input"
                        + " 'Input': with padding 1073741824×1073741824 its output would be 2147483656 wide on spatial"
                        + " axis 1, more than NetStudio can hold.");
        assertThat(problems(chainFrom("[1, 2000000000]", "{\"type\": \"Deconvolution\", \"channels\": 1, \"kernel\": 2,"
                + " \"stride\": 2}")))
                .containsExactly("'deconvolution1' (Deconvolution, layer 1) cannot take a matrix of size 1×2000000000"
                        + " from the net's input 'Input': its output would be 4000000000 wide on spatial axis 1, more than"
                        + " NetStudio can hold.");
        assertThat(problems(chainFrom("[1, 2147483647]", "{\"type\": \"Pooling\", \"kernel\": 2, \"stride\": 1,"
                + " \"padding\": 1}")))
                .contains("'pooling1' (Pooling, layer 1) cannot take a matrix of size 1×2147483647 from the net's"
                        + " input 'Input': with padding 1 its output would be 2147483648 wide on spatial axis 1, more"
                        + " than NetStudio can hold.");
        String join = graph("\"inputs\": {\"a\": {\"shape\": [2000000000]}, \"b\": {\"shape\": [2000000000]}},"
                + " \"nodes\": {\"cat\": {\"type\": \"Catenate\"}},"
                + " \"edges\": [{\"from\": \"a\", \"to\": \"cat.Input1\"}, {\"from\": \"b\", \"to\": \"cat.Input2\"},"
                + " {\"from\": \"cat\", \"to\": \"y\"}], \"outputs\": {\"y\": {}}");
        assertThat(problems(join)).containsExactly("'cat' (Catenate): joined along axis 0, its output would be"
                + " 4000000000 long on that axis, more than NetStudio can hold.");
    }

    @Test
    void aReshapeToMoreThanNetStudioCanHoldIsRefusedByItsParameter() throws NetFileException {
        assertThat(problems(chainFrom("[4]", "{\"type\": \"Reshape\", \"shape\": [2147483647, 2147483647, 2147483647]}")))
                .containsExactly("'reshape1' (Reshape, layer 1): shape 2147483647×2147483647×2147483647 would have"
                        + " more than 2^63 elements, more than NetStudio can hold.");
    }

    @Test
    void aGraphNodeWiredToItselfIsInvalidAsATwoNodeCycleIs() throws NetFileException {
        String self = graph("\"inputs\": {\"x\": {\"shape\": [4]}}, \"nodes\": {\"relu\": {\"type\": \"Ramp\"}},"
                + " \"edges\": [{\"from\": \"relu\", \"to\": \"relu\"}, {\"from\": \"relu\", \"to\": \"y\"}],"
                + " \"outputs\": {\"y\": {}}");
        assertThat(problems(self)).containsExactly("Input of 'relu' (Ramp) is wired from its own output Output; a net"
                + " must not feed a layer's output back into its input.");
        String cycle = graph("\"inputs\": {\"x\": {\"shape\": [4]}}, \"nodes\": {\"a\": {\"type\": \"Ramp\"},"
                + " \"b\": {\"type\": \"Tanh\"}}, \"edges\": [{\"from\": \"a\", \"to\": \"b\"}, {\"from\": \"b\", \"to\": \"a\"},"
                + " {\"from\": \"b\", \"to\": \"y\"}], \"outputs\": {\"y\": {}}");
        assertThat(problems(cycle)).isNotEmpty().allMatch(m -> m.contains("is part of a cycle"));
        String container = graph("\"inputs\": {\"x\": {\"shape\": [4]}}, \"nodes\": {\"block\": {\"type\": \"Chain\","
                + " \"layers\": []}}, \"edges\": [{\"from\": \"block\", \"to\": \"block\"}, {\"from\": \"block\", \"to\": \"y\"}],"
                + " \"outputs\": {\"y\": {}}");
        assertThat(problems(container)).contains("Input of 'block' (Chain) is wired from its own output Output; a net"
                + " must not feed a layer's output back into its input.");
    }
}
