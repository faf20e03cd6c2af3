package org.netstudio.engine.torchrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.SequenceProblems;
import org.netstudio.engine.data.ValidationSplit;
import org.netstudio.engine.train.ClassWeights;
import org.netstudio.engine.train.LearningRateSchedule;
import org.netstudio.engine.train.OptimizerKind;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** What a PyTorch project holds besides the net: the recipe, the examples, the scripts. */
class PyTorchProjectTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static NetDocument mlp() {
        return new NetDocument("Moons MLP", Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 8),
                Layer.of("Ramp"), Layer.of("Linear", "units", 2), Layer.of("Softmax")), null);
    }

    @Test
    void theRecipeIsNetStudiosOptions() throws Exception {
        TrainingOptions options = TrainingOptions.builder().optimizer(OptimizerKind.SGD_MOMENTUM).batchSize(64)
                .maxEpochs(7).validationFraction(0.25).seed(3).earlyStoppingPatience(2)
                .schedule(LearningRateSchedule.warmUp(10, LearningRateSchedule.cosine(0))).classWeights(ClassWeights.BALANCED).build();
        Path dir = temp.resolve("moons");

        PyTorchProject.write(mlp(), Optional.empty(), options,
                TrainingData.of("moons", ExampleTable.of(GeneratedDatasets.moons(200, 0.1, 1))), dir);

        JsonNode r = JSON.readTree(dir.resolve("recipe.json").toFile());
        assertThat(r.at("/optimizer/name").asText()).isEqualTo("sgd");
        assertThat(r.at("/optimizer/learningRate").asDouble()).isEqualTo(TrainingOptions.DEFAULT_SGD_RATE);
        assertThat(r.at("/optimizer/momentum").asDouble()).isEqualTo(0.9);
        assertThat(r.at("/batchSize").asInt()).isEqualTo(64);
        assertThat(r.at("/epochs").asInt()).isEqualTo(7);
        assertThat(r.at("/seed").asLong()).isEqualTo(3);
        assertThat(r.at("/patience").asInt()).isEqualTo(2);
        assertThat(r.at("/schedule/kind").asText()).isEqualTo("cosine");
        assertThat(r.at("/schedule/warmUpSteps").asInt()).isEqualTo(10);
        assertThat(r.at("/trainedOutputs/0/loss").asText()).isEqualTo("cross-entropy");
        assertThat(r.at("/trainedOutputs/0/probabilities").asBoolean()).isTrue();
        assertThat(r.at("/trainedOutputs/0/classWeights")).hasSize(2);
        assertThat(r.at("/inputs/Input").asText()).isEqualTo("Input");
        for (String file : PyTorchProject.TRAINING_FILES) {
            assertThat(dir.resolve(file)).isRegularFile();
        }
        assertThat(Files.readString(dir.resolve("README.md"))).startsWith("# Moons MLP").contains("--nproc_per_node",
                "--rdzv_endpoint", "#SBATCH", "import-weights");
    }

    @Test
    void theValidationExamplesAreNetStudiosSplit() throws Exception {
        Path dir = temp.resolve("moons");
        TrainingOptions options = TrainingOptions.builder().validationFraction(0.3).seed(11).build();

        PyTorchProject.write(mlp(), Optional.empty(), options,
                TrainingData.of("moons", ExampleTable.of(GeneratedDatasets.moons(100, 0.1, 1))), dir);

        JsonNode header = header(dir.resolve("data/train.safetensors"));
        assertThat(header.at("/Input/shape").toString()).isEqualTo("[100,2]");
        assertThat(header.at("/Input/dtype").asText()).isEqualTo("F32");
        assertThat(header.at("/Target/dtype").asText()).isEqualTo("I64");
        assertThat(header.at("/split.validation/shape").toString()).isEqualTo("[30]");
        long[] held = longs(dir.resolve("data/train.safetensors"), header.get("split.validation"));
        int[] expected = ValidationSplit.of(100, 0.3, 11).validation();
        assertThat(held).containsExactly(java.util.Arrays.stream(expected).asLongStream().toArray());
    }

    @Test
    void sequencesOfVaryingLengthAreStoredWithTheirOffsets() throws Exception {
        Path dir = temp.resolve("majority");
        ExampleTable table = SequenceProblems.majority(2, 50, 4, 12, 1);
        NetDocument gru = NetFileReader.read("""
                {"format": "netstudio.net", "version": 1, "name": "GRU", "net": {"type": "Chain",
                 "input": {"shape": ["n"], "index": 12},
                 "layers": [{"type": "Embedding", "size": 4, "vocabulary": 12},
                            {"type": "GRU", "units": 4, "returnSequences": false},
                            {"type": "Linear", "units": 2}, {"type": "Softmax"}]}}""", "gru.json");

        PyTorchProject.write(gru, Optional.empty(), TrainingOptions.defaults(), TrainingData.of("majority", table), dir);

        JsonNode header = header(dir.resolve("data/train.safetensors"));
        assertThat(header.at("/Input.offsets/shape").toString()).isEqualTo("[51]");
        assertThat(header.at("/Input/dtype").asText()).isEqualTo("I64");
        JsonNode recipe = JSON.readTree(dir.resolve("recipe.json").toFile());
        assertThat(recipe.at("/data/columns/Input/kind").asText()).isEqualTo("index-sequence");
    }

    @Test
    void aFolderWithFilesIsNeverWrittenInto() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> PyTorchProject.write(mlp(), Optional.empty(), TrainingOptions.defaults(),
                TrainingData.of("moons", ExampleTable.of(GeneratedDatasets.moons(20, 0.1, 1))), dir))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not empty");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("notes.txt"));
        }
        try (var files = Files.list(temp)) {
            assertThat(files).as("no temporary folder left beside it").containsExactly(dir);
        }
    }

    @Test
    void theClusterCommandNamesTheMeetingPoint() {
        TorchrunLaunch cluster = new TorchrunLaunch(Path.of("python3"), 8, 4, "head:29500");

        assertThat(cluster.clusterCommand()).isEqualTo("torchrun --nnodes=4 --rdzv_backend=c10d"
                + " --rdzv_endpoint=head:29500 --nproc_per_node=8 train.py");
        assertThat(TorchrunLaunch.local(Path.of("python3"), 2).clusterCommand())
                .isEqualTo("torchrun --standalone --nproc_per_node=2 train.py");
        List<String> one = TorchrunLaunch.local(Path.of("python3"), 2).command(Path.of("train.py"), List.of());
        List<String> other = TorchrunLaunch.local(Path.of("python3"), 2).command(Path.of("train.py"), List.of());
        assertThat(one).as("never torchrun's fixed port 29400").doesNotContain("--standalone")
                .anyMatch(a -> a.startsWith("--rdzv_endpoint=localhost:"));
        assertThat(endpoint(one)).as("two runs on one machine meet on two ports").isNotEqualTo(endpoint(other));
        assertThatThrownBy(() -> new TorchrunLaunch(Path.of("python3"), 2, 3, null))
                .hasMessage("Training on 3 machines needs a rendezvous endpoint (host:port of one of them)");
    }

    private static String endpoint(List<String> command) {
        return command.stream().filter(a -> a.startsWith("--rdzv_endpoint=")).findFirst().orElseThrow();
    }

    static JsonNode header(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return JSON.readTree(new String(bytes, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static long[] longs(Path file, JsonNode entry) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int from = (int) (8 + n + entry.at("/data_offsets/0").asLong());
        int to = (int) (8 + n + entry.at("/data_offsets/1").asLong());
        ByteBuffer b = ByteBuffer.wrap(bytes, from, to - from).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[(to - from) / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }
}
