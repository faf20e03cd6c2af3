package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.torchrun.PythonFinder;

/** {@code netstudio export --pytorch} and {@code netstudio import-weights}, as a person types them. */
class PyTorchCommandsTest {

    private static final String MLP = """
            { "format": "netstudio.net", "version": 1, "name": "Spiral MLP",
              "net": { "type": "Chain", "input": { "shape": [2] },
                "layers": [ { "type": "Linear", "units": %d, "name": "hidden" }, { "type": "Ramp" },
                            { "type": "Linear", "units": 3, "name": "logits" }, { "type": "Softmax" } ] } }
            """;

    @TempDir
    Path dir;

    private Path net(int hidden) throws Exception {
        Path file = dir.resolve("mlp" + hidden + ".json");
        Files.writeString(file, MLP.formatted(hidden));
        return file;
    }

    @Test
    void theProjectTrainsWithTheOptionsOfTrain() throws Exception {
        Path project = dir.resolve("project");

        CliRun run = CliRun.run("export", net(16).toString(), "--pytorch", project.toString(), "--data", "spirals",
                "--epochs", "3", "--optimizer", "sgd", "--schedule", "one-cycle", "--freeze", "hidden");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote the PyTorch project " + project,
                "torchrun --standalone --nproc_per_node=2 train.py");
        for (String file : new String[] {"model.py", "netstudio_io.py", "weights.safetensors", "train.py", "data.py",
            "recipe.json", "README.md", "requirements.txt", "data/train.safetensors"}) {
            assertThat(project.resolve(file)).isRegularFile();
        }
        JsonNode recipe = new ObjectMapper().readTree(project.resolve("recipe.json").toFile());
        assertThat(recipe.at("/epochs").asInt()).isEqualTo(3);
        assertThat(recipe.at("/optimizer/name").asText()).isEqualTo("sgd");
        assertThat(recipe.at("/schedule/kind").asText()).isEqualTo("one-cycle");
        assertThat(recipe.at("/multipliers/hidden~1weights").asDouble()).isZero();
        assertThat(recipe.at("/data/name").asText()).isEqualTo("spirals");
    }

    @Test
    void aProjectNeedsItsData() throws Exception {
        CliRun run = CliRun.run("export", net(16).toString(), "--pytorch", dir.resolve("p").toString());

        assertThat(run.exit()).isEqualTo(picocli.CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("--pytorch needs --data NAME");
        assertThat(dir.resolve("p")).doesNotExist();
    }

    @Test
    void aFolderWithFilesIsLeftAlone() throws Exception {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");

        CliRun run = CliRun.run("export", net(16).toString(), "--pytorch", taken.toString(), "--data", "spirals");

        assertThat(run.exit()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(run.err()).contains(taken + " already exists and is not empty; give a new folder");
        try (var files = Files.list(taken)) {
            assertThat(files).containsExactly(taken.resolve("notes.txt"));
        }
    }

    @Test
    void onnxAndPyTorchAreOneOrTheOther() throws Exception {
        CliRun run = CliRun.run("export", net(16).toString(), "--pytorch", dir.resolve("p").toString(), "--onnx",
                dir.resolve("m.onnx").toString());

        assertThat(run.exit()).isEqualTo(picocli.CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void weightsComeBackIntoTheNet() throws Exception {
        Path trained = dir.resolve("trained.nsnet");

        CliRun run = importExportedWeights(net(16), trained);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote " + trained + " (4 arrays from ");
        CliRun info = CliRun.run("eval", trained.toString(), "--data", "spirals", "--json");
        assertThat(info.exit()).as(info.err()).isZero();
    }

    @Test
    void trainWithTorchrunKeepsPyTorchsBestEpoch() throws Exception {
        assumeTrue(PythonFinder.find().isPresent(), "no Python with PyTorch: " + PythonFinder.candidates());
        Path trained = dir.resolve("trained.nsnet");

        CliRun run = CliRun.run("train", net(16).toString(), "--data", "spirals", "--epochs", "2", "--engine", "torchrun",
                "--processes", "2", "-o", trained.toString(), "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("Training with PyTorch: torchrun, 2 processes")
                .contains("PyTorch measured a test accuracy of ");
        JsonNode summary = run.json();
        assertThat(summary.get("epochs").asInt()).isEqualTo(2);
        assertThat(summary.get("bestEpoch").asInt()).isBetween(1, 2);
        assertThat(summary.get("testAccuracy").asDouble()).isGreaterThan(0.3);
        assertThat(trained).isRegularFile();
    }

    @Test
    void weightsOfAnotherShapeAreRefusedNamingTheArray() throws Exception {
        Path trained = dir.resolve("trained.nsnet");

        CliRun run = importExportedWeights(net(8), trained);

        assertThat(run.exit()).isEqualTo(ExitCodes.UNREADABLE);
        // The window's File › Import Weights says the same: one check, WeightsImport.
        assertThat(run.err()).contains("weights.safetensors: these weights do not fit the net")
                .contains("hidden/weights must have shape")
                .doesNotContain("Exception");
        assertThat(trained).doesNotExist();
    }

    /** Exports the 16-unit net as a PyTorch project and imports its weights.safetensors into {@code into}. */
    private CliRun importExportedWeights(Path into, Path trained) throws Exception {
        Path project = dir.resolve("project");
        assertThat(CliRun.run("export", net(16).toString(), "--pytorch", project.toString(), "--data", "spirals").exit())
                .isZero();
        return CliRun.run("import-weights", into.toString(), project.resolve("weights.safetensors").toString(),
                "-o", trained.toString());
    }
}
