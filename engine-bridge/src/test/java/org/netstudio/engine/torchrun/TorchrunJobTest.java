package org.netstudio.engine.torchrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.LearningRateMultipliers;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The job that runs an exported project under torchrun: its events, its end, a failing Python, a
 * stop. Needs a Python with PyTorch; skipped without one.
 */
class TorchrunJobTest {

    private static PythonFinder.Found python;

    @TempDir
    Path temp;

    @BeforeAll
    static void findPython() {
        python = PythonFinder.find().orElse(null);
    }

    private static NetDocument mlp() {
        return new NetDocument("Moons MLP", Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 8),
                Layer.of("Ramp"), Layer.of("Linear", "units", 2), Layer.of("Softmax")), null);
    }

    private Path project(int epochs, int examples) throws IOException {
        assumeTrue(python != null, "no Python with PyTorch (python3 -c 'import torch' fails): " + PythonFinder.candidates());
        Path dir = temp.resolve("moons");
        PyTorchProject.write(mlp(), Optional.empty(), TrainingOptions.builder().maxEpochs(epochs).build(),
                TrainingData.of("moons", ExampleTable.of(GeneratedDatasets.moons(examples, 0.1, 1))), dir);
        return dir;
    }

    /** Two local runs at once (each picks its own rendezvous port); the first one's events are checked. */
    @Test
    void twoProcessesReportEveryEpochAndTheBestWeightsWhileAnotherRunTrainsBeside() throws Exception {
        Path dir = project(3, 400);
        Path other = temp.resolve("other");
        PyTorchProject.write(mlp(), Optional.empty(), TrainingOptions.builder().maxEpochs(2).build(),
                TrainingData.of("moons", ExampleTable.of(GeneratedDatasets.moons(200, 0.1, 1))), other);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();

        TorchrunJob job = TorchrunJob.start(dir, TorchrunLaunch.local(python.python(), 2), events::add);
        TorchrunJob beside = TorchrunJob.start(other, TorchrunLaunch.local(python.python(), 2), e -> { });
        TrainingResult result = job.result().get(5, TimeUnit.MINUTES);
        TrainingResult besideResult = beside.result().get(5, TimeUnit.MINUTES);

        assertThat(result.stopReason()).as(result.message()).isEqualTo(StopReason.COMPLETED);
        assertThat(besideResult.stopReason()).as(besideResult.message()).isEqualTo(StopReason.COMPLETED);
        assertThat(besideResult.history()).hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof TrainingEvent.EpochEnded).hasSize(3);
        assertThat(events).filteredOn(e -> e instanceof TrainingEvent.BatchEnded).isNotEmpty();
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        TrainingEvent.EpochEnded first = (TrainingEvent.EpochEnded) events.stream()
                .filter(e -> e instanceof TrainingEvent.EpochEnded).findFirst().orElseThrow();
        assertThat(first.metrics().validation()).as("validated on NetStudio's 80 held-back examples")
                .hasValueSatisfying(v -> assertThat(v.examples()).isEqualTo(80));
        assertThat(result.history()).hasSize(3);
        assertThat(result.bestEpoch()).isBetween(1, 3);
        assertThat(result.message()).contains("2 processes");
        assertThat(job.bestWeights()).isRegularFile();
        assertThat(job.outDir().resolve("progress.jsonl")).isRegularFile();
        assertThat(job.outDir().resolve("checkpoint.pt")).isRegularFile();
    }

    @Test
    void aRunResumesFromItsCheckpointAndAFrozenLayerStaysAsItWas() throws Exception {
        assumeTrue(python != null, "no Python with PyTorch (python3 -c 'import torch' fails): " + PythonFinder.candidates());
        NetDocument net = NetFileReader.read("""
                {"format": "netstudio.net", "version": 1, "name": "Frozen MLP", "net": {"type": "Chain",
                 "input": {"shape": [2]},
                 "layers": [{"type": "Linear", "units": 8, "name": "hidden"}, {"type": "Ramp"},
                            {"type": "Linear", "units": 2, "name": "logits"}, {"type": "Softmax"}]}}""", "frozen.json");
        Path dir = temp.resolve("frozen");
        PyTorchProject.write(net, Optional.empty(), TrainingOptions.builder().maxEpochs(2)
                .multipliers(LearningRateMultipliers.NONE.with(NodePath.parse("hidden"), 0)).build(),
                TrainingData.of("moons", ExampleTable.of(GeneratedDatasets.moons(200, 0.1, 1))), dir);
        Path out = temp.resolve("run");
        TorchrunLaunch one = TorchrunLaunch.local(python.python(), 1);
        assertThat(TorchrunJob.start(dir, one, out, List.of(), e -> { }).result().get(5, TimeUnit.MINUTES).history())
                .hasSize(2);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        // As a process killed after epoch 3's line but before its checkpoint leaves it, half a line too.
        Files.writeString(out.resolve("progress.jsonl"), "{\"event\": \"epoch\", \"epoch\": 3, \"loss\": 9}\n{\"ev",
                java.nio.file.StandardOpenOption.APPEND);

        TrainingResult resumed = TorchrunJob.start(dir, one, out, List.of("--resume", out.toString(), "--epochs", "3"),
                events::add).result().get(5, TimeUnit.MINUTES);

        assertThat(resumed.stopReason()).as(resumed.message()).isEqualTo(StopReason.COMPLETED);
        assertThat(resumed.history()).as("only the epoch after the checkpoint").extracting(m -> m.epoch())
                .containsExactly(3);
        assertThat(Files.readAllLines(out.resolve("progress.jsonl")).stream()
                .filter(l -> l.contains("\"event\": \"epoch\"")).map(l -> l.replaceAll(".*\"epoch\": (\\d+).*", "$1")))
                .as("every epoch once in progress.jsonl").containsExactly("1", "2", "3");
        Weights start = Safetensors.read(dir.resolve("weights.safetensors"));
        Weights best = Safetensors.read(out.resolve("best.safetensors"));
        assertThat(best.get("hidden/weights").orElseThrow().floats())
                .containsExactly(start.get("hidden/weights").orElseThrow().floats());
        assertThat(best.get("logits/weights").orElseThrow().floats())
                .isNotEqualTo(start.get("logits/weights").orElseThrow().floats());
    }

    @Test
    void aFailingPythonSaysWhyInOneLine() throws Exception {
        Path dir = project(1, 100);
        Files.writeString(dir.resolve("model.py"), Files.readString(dir.resolve("model.py"))
                .replace("    return MoonsMLP()", "    raise ValueError('no such layer: Spline')"));
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();

        TorchrunJob job = TorchrunJob.start(dir, TorchrunLaunch.local(python.python(), 1), events::add);
        TrainingResult result = job.result().get(5, TimeUnit.MINUTES);

        assertThat(result.stopReason()).isEqualTo(StopReason.FAILED);
        assertThat(result.message()).startsWith("PyTorch training failed (exit code 1): ")
                .endsWith("ValueError: no such layer: Spline").doesNotContain("Traceback", "\n");
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Failed.class);
    }

    @Test
    void stopEndsEveryProcessAndKeepsTheBestEpochSoFar() throws Exception {
        Path dir = project(10_000, 2000);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> firstEpoch = new java.util.concurrent.CompletableFuture<>();

        TorchrunJob job = TorchrunJob.start(dir, TorchrunLaunch.local(python.python(), 2), e -> {
            events.add(e);
            if (e instanceof TrainingEvent.EpochEnded) {
                firstEpoch.complete(null);
            }
        });
        firstEpoch.get(5, TimeUnit.MINUTES);
        List<ProcessHandle> processes = ProcessHandle.current().descendants().toList();
        TrainingResult result = job.stop().get(1, TimeUnit.MINUTES);

        assertThat(result.stopReason()).as(result.message()).isEqualTo(StopReason.STOPPED);
        assertThat(result.message()).startsWith("Stopped after epoch ");
        assertThat(job.bestWeights()).isRegularFile();
        for (ProcessHandle p : processes) {
            p.onExit().get(1, TimeUnit.MINUTES);
        }
    }
}
