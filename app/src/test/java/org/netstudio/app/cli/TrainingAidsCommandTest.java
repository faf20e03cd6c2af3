package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.net.NodePath;

/** --freeze, --learning-rate-multiplier, --schedule, --warmup, info's frozen layers and lr-find. */
class TrainingAidsCommandTest {

    /** The spirals MLP with its first layer frozen in the file. */
    private static final String FROZEN_FIRST = """
            { "format": "netstudio.net", "version": 1, "name": "Spirals MLP",
              "net": { "type": "Chain", "input": { "shape": [2] },
                "layers": [ { "type": "Linear", "units": 32 }, { "type": "Ramp" },
                            { "type": "Linear", "units": 32 }, { "type": "Ramp" },
                            { "type": "Linear", "units": 3 }, { "type": "Softmax" } ] },
              "learningRateMultipliers": { "linear1": 0 } }
            """;

    @TempDir
    Path dir;

    @Test
    void infoNamesTheFrozenLayersInTextAndJson() throws IOException {
        Path net = Files.writeString(dir.resolve("frozen.json"), FROZEN_FIRST);

        CliRun text = run("info", net.toString());
        CliRun json = run("info", net.toString(), "--json");

        assertThat(text.out()).contains("Learning-rate multipliers: linear1 ×0 (frozen).")
                .contains("Frozen layers (1): linear1.");
        assertThat(json.json().get("frozenLayers")).hasSize(1);
        assertThat(json.json().get("frozenLayers").get(0).asText()).isEqualTo("linear1");
        assertThat(json.json().get("learningRateMultipliers").get("linear1").asDouble()).isZero();
    }

    @Test
    void aLayerFrozenInTheFileOrByFreezeKeepsItsWeightsAndTheFileKeepsOnlyItsOwnMultipliers() throws IOException {
        Path start = dir.resolve("start.nsnet");
        Path net = Files.writeString(dir.resolve("frozen.json"), FROZEN_FIRST);
        assertThat(run("train", net.toString(), "--data", "spirals", "--epochs", "1", "--out", start.toString()).exit())
                .isZero();
        Path out = dir.resolve("more.nsnet");

        CliRun r = run("train", start.toString(), "--data", "spirals", "--epochs", "2", "--freeze", "linear2",
                "--learning-rate-multiplier", "linear3=0.5", "--schedule", "one-cycle", "--warmup", "10",
                "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Learning-rate multipliers: linear1 ×0 (frozen), linear2 ×0 (frozen), linear3 ×0.5.");
        LoadedNet before = NetFiles.read(start);
        LoadedNet after = NetFiles.read(out);
        for (String key : new String[] {"linear1/weights", "linear1/biases", "linear2/weights", "linear2/biases"}) {
            assertThat(after.weights().orElseThrow().get(key)).as(key).isEqualTo(before.weights().orElseThrow().get(key));
        }
        assertThat(after.weights().orElseThrow().get("linear3/weights"))
                .isNotEqualTo(before.weights().orElseThrow().get("linear3/weights"));
        assertThat(after.document().multipliers().factors()).containsOnlyKeys(NodePath.of("linear1"));
    }

    @Test
    void wrongPathsSchedulesAndMultipliersAreNamedWithTheirOption() throws IOException {
        Path net = Files.writeString(dir.resolve("spirals.json"), TrainEvalPredictCommandTest.SPIRALS_MLP);

        CliRun noNode = run("train", net.toString(), "--data", "spirals", "--freeze", "conv9");
        CliRun badFactor = run("train", net.toString(), "--data", "spirals", "--learning-rate-multiplier", "linear1=-1");
        CliRun badSchedule = run("train", net.toString(), "--data", "spirals", "--schedule", "linear");
        CliRun badWarmup = run("train", net.toString(), "--data", "spirals", "--warmup", "-3");
        CliRun everything = run("train", net.toString(), "--data", "spirals", "--freeze", "linear1,linear2,linear3");

        assertThat(noNode.exit()).isEqualTo(2);
        assertThat(noNode.err()).contains("--freeze conv9: the net has no node 'conv9' (give a layer's or container's path,"
                + " e.g. block1/conv1; `netstudio info` lists them)");
        assertThat(badFactor.err()).contains("--learning-rate-multiplier linear1=-1: a multiplier is a number of 0"
                + " (frozen) or more");
        assertThat(badSchedule.err()).contains("--schedule linear: There is no schedule 'linear'; the schedules are"
                + " constant, step:EVERY:FACTOR (e.g. step:10:0.5), cosine, one-cycle");
        assertThat(badWarmup.err()).contains("--warmup must be 0 (none) or more updates, but was -3");
        assertThat(everything.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(everything.err()).contains("Every layer of the net is frozen (learning-rate multiplier 0), so training"
                + " would change nothing; unfreeze at least one layer");
    }

    @Test
    void lrFindPrintsACurveAndASuggestionAndLeavesTheNetAlone() throws IOException {
        Path net = Files.writeString(dir.resolve("spirals.json"), TrainEvalPredictCommandTest.SPIRALS_MLP);

        CliRun text = run("lr-find", net.toString(), "--data", "spirals", "--seed", "1");
        CliRun json = run("lr-find", net.toString(), "--data", "spirals", "--seed", "1", "--json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("(?m)^\\d+ batches from 1\\.0e-07 to ")
                .containsPattern("(?m)^Suggested learning rate: \\S+ \\(a tenth of \\S+, where the smoothed loss is"
                        + " lowest; it falls fastest at \\S+\\)\\.$")
                .contains("← suggested");
        JsonNode o = json.json();
        assertThat(o.get("suggestion").asDouble()).isBetween(1e-4, 1e-1);
        assertThat(o.get("points").size()).isBetween(30, 100);
        assertThat(o.get("points").get(0).get("rate").asDouble()).isEqualTo(1e-7);
        assertThat(Files.readString(net)).isEqualTo(TrainEvalPredictCommandTest.SPIRALS_MLP);
    }
}
