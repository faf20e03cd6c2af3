package org.netstudio.netgraph.io.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;

/**
 * What a person reading the exported model.py sees: NetStudio's layer names as attributes, shape
 * comments, the contract's module-level names, and refusals that name what cannot be exported.
 * (That the code computes NetStudio's numbers is engine-bridge's LayerParityTest and
 * GalleryParityTest, which run it in PyTorch.)
 */
class PyTorchModelWriterTest {

    private static NetDocument doc(String name, String net) throws NetFileException {
        return NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"name\": \"" + name + "\", \"net\": "
                + net + "}", "t.json");
    }

    private static final String LENET = "{\"type\": \"Chain\", \"input\": {\"shape\": [1, 28, 28]}, \"layers\": ["
            + "{\"type\": \"Convolution\", \"channels\": 6, \"kernel\": 5, \"name\": \"conv 1\"},"
            + " {\"type\": \"Ramp\"}, {\"type\": \"Pooling\", \"kernel\": 2}, {\"type\": \"Flatten\"},"
            + " {\"type\": \"Linear\", \"units\": 10, \"name\": \"class\"}, {\"type\": \"Softmax\"}],"
            + " \"output\": {\"decoder\": {\"type\": \"Class\", \"labels\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\","
            + " \"g\", \"h\", \"i\", \"j\"]}}}";

    @Test
    void layerNamesBecomeAttributesWithTheirShapesInComments() throws Exception {
        String model = PyTorchModelWriter.modelSource(doc("Le-Net 5", LENET));

        assertThat(model).contains("class LeNet5(nn.Module):")
                .contains("self.conv_1 = nn.Conv2d(1, 6, kernel_size=5)")
                .contains("self.class_ = nn.Linear(864, 10)")
                .contains("x = self.conv_1(Input)  # 6×24×24")
                .contains("x = self.flatten1(x)  # 864")
                .contains("\"conv 1/weights\": \"conv_1.weight\"")
                .contains("INPUTS = [\"Input\"]\nOUTPUTS = [\"Output\"]\nFORWARD_ARGS = [\"Input\"]")
                .contains("def build_model():");
    }

    @Test
    void aVaryingLengthInputIsFollowedByItsLengths() throws Exception {
        String model = PyTorchModelWriter.modelSource(doc("gru", "{\"type\": \"Chain\", \"input\": {\"shape\": [\"n\"],"
                + " \"index\": 50}, \"layers\": [{\"type\": \"Embedding\", \"size\": 8}, {\"type\": \"GRU\", \"units\": 4,"
                + " \"returnSequences\": false}]}"));

        assertThat(model).contains("FORWARD_ARGS = [\"Input\", \"Input_lengths\"]")
                .contains("def forward(self, Input, Input_lengths=None):")
                .contains("self.gru1 = nn.GRU(8, 4, batch_first=True)")
                .contains("x = last_state(self.gru1, x, Input_lengths)  # 4")
                .contains("from torch.nn.utils.rnn import pack_padded_sequence")
                .contains("\"gru1/inputWeights\": \"gru1.weight_ih_l0\"");
    }

    @Test
    void containersWithTheSameCodeShareAClass() throws Exception {
        String block = "{\"type\": \"Chain\", \"layers\": [{\"type\": \"Linear\", \"units\": 4}, {\"type\": \"Tanh\"}]}";
        String model = PyTorchModelWriter.modelSource(doc("twice", "{\"type\": \"Chain\", \"input\": {\"shape\": [4]},"
                + " \"layers\": [" + block + ", " + block + "]}"));

        assertThat(model).containsOnlyOnce("class Chain1(nn.Module):")
                .contains("self.chain1 = Chain1()").contains("self.chain2 = Chain1()")
                .contains("\"chain2/linear1/weights\": \"chain2.linear1.weight\"");
    }

    @Test
    void aChainOfNumberedModulesIsAnNnSequentialAsTorchvisionWritesIt() throws Exception {
        String model = PyTorchModelWriter.modelSource(doc("seq", "{\"type\": \"Chain\", \"input\": {\"shape\": [3, 8, 8]},"
                + " \"layers\": [{\"type\": \"Chain\", \"name\": \"stem\", \"layers\": [{\"type\": \"Convolution\","
                + " \"channels\": 4, \"kernel\": 3, \"name\": \"0\"}, {\"type\": \"BatchNorm\", \"name\": \"1\"},"
                + " {\"type\": \"Ramp\", \"name\": \"2\"}]}, {\"type\": \"Flatten\"}]}"));

        assertThat(model).contains("self.stem = nn.Sequential(nn.Conv2d(3, 4, kernel_size=3), nn.BatchNorm2d(4), nn.ReLU())")
                .contains("x = self.stem(Input)  # 4×6×6")
                .contains("\"stem/1/movingVar\": \"stem.1.running_var\"");
    }

    @Test
    void anInvalidNetIsRefusedWithInferencesReason() throws Exception {
        NetDocument bad = doc("bad", "{\"type\": \"Chain\", \"input\": {\"shape\": [3]}, \"layers\": ["
                + "{\"type\": \"Convolution\", \"channels\": 2, \"kernel\": 3}]}");

        assertThatThrownBy(() -> PyTorchModelWriter.modelSource(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The net is not valid, so it cannot be exported: ");
    }

    @Test
    void writesTheFourFilesWithTheWeightsUnderNetStudiosNames(@TempDir Path dir) throws Exception {
        NetDocument d = doc("mlp", "{\"type\": \"Chain\", \"input\": {\"shape\": [2]}, \"layers\": ["
                + "{\"type\": \"Linear\", \"units\": 1, \"name\": \"out\"}]}");
        Weights w = Weights.of(List.of(WeightArray.of("out/weights", new long[] {1, 2}, new float[] {1, 2}),
                WeightArray.of("out/biases", new long[] {1}, new float[] {3})), Map.of());

        PyTorchModelWriter.write(d, Optional.of(w), dir);

        assertThat(dir.resolve("model.py")).exists();
        assertThat(dir.resolve("encoders.py")).exists();
        assertThat(Files.readString(dir.resolve("netstudio_io.py"))).contains("def load_netstudio(model, weights):");
        assertThat(Safetensors.read(dir.resolve("weights.safetensors"))).isEqualTo(w);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model.py", "netstudio_io.py", "encoders.py", "weights.safetensors");
        }
    }

    @Test
    void withoutWeightsNoWeightsFileIsWritten(@TempDir Path dir) throws Exception {
        PyTorchModelWriter.write(doc("lenet", LENET), Optional.empty(), dir);

        assertThat(dir.resolve("weights.safetensors")).doesNotExist();
        assertThat(Files.readString(dir.resolve("encoders.py")))
                .contains("LABELS_Output = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\"]")
                .contains("def decode_Output(probabilities):");
    }

    @Test
    void elementwiseExpressionsArePython() {
        assertThat(ExpressionSource.of(parse("tanh(x)*sigmoid(x)"), "x")).isEqualTo("torch.tanh(x) * torch.sigmoid(x)");
        assertThat(ExpressionSource.of(parse("2^x/3"), "x")).isEqualTo("2.0 ** x / 3.0");
        assertThat(ExpressionSource.of(parse("-(x - 1)*(x + 1)"), "x")).isEqualTo("-(x - 1.0) * (x + 1.0)");
        assertThat(ExpressionSource.of(parse("min(max(x, 0), 6)"), "v"))
                .isEqualTo("torch.clamp(torch.clamp(v, min=0.0), max=6.0)");
        assertThat(ExpressionSource.of(parse("1/2"), "x")).isEqualTo("torch.full_like(x, 0.5)");
    }

    @Test
    void namesAreIdentifiersKeptUnique() {
        PythonNames names = new PythonNames();

        assertThat(names.claim("conv 1")).isEqualTo("conv_1");
        assertThat(names.claim("conv-1")).isEqualTo("conv_1_2");
        assertThat(names.claim("1x1")).isEqualTo("layer_1x1");
        assertThat(names.claim("lambda")).isEqualTo("lambda_");
        assertThat(names.claim("forward")).isEqualTo("forward_");
        assertThat(PythonNames.className("transformer-encoder")).isEqualTo("TransformerEncoder");
        assertThat(PythonNames.className("layer1_0")).isEqualTo("Layer1_0");
    }

    private static org.netstudio.netgraph.expression.Expression parse(String text) {
        try {
            return org.netstudio.netgraph.expression.Expression.parse(text);
        } catch (org.netstudio.netgraph.expression.ExpressionException e) {
            throw new AssertionError(e);
        }
    }
}
