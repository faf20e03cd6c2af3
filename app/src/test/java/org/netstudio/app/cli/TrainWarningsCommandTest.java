package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.NonFiniteValues;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;

/**
 * train says when the loss diverges, and does not save a net whose weights are not finite unless
 * asked (issue 15: a learning rate of 1e6 trained to a loss of 7.6e8 and saved with exit 0).
 */
class TrainWarningsCommandTest {

    @TempDir
    Path dir;

    @Test
    void aDivergingTrainingPrintsAWarningAndPutsItInTheJson() throws IOException {
        Path net = Files.writeString(dir.resolve("spirals.json"), TrainEvalPredictCommandTest.SPIRALS_MLP);

        CliRun r = run("train", net.toString(), "--data", "spirals", "--learning-rate", "1e6",
                "--epochs", "2", "--seed", "1", "--json");

        assertThat(r.err()).containsPattern("(?m)^warning: The loss grew from \\d+\\.\\d\\d at the start to \\S+ by "
                + "epoch 1, batch \\d+ \\(\\S+ times larger\\): training is diverging; try a lower learning rate$");
        assertThat(r.json().get("warning").asText()).contains("training is diverging");
    }

    /**
     * Fine-tuning from a batch norm whose moving variance is infinite: training normalises with the
     * batch's own statistics and running it divides by the square root of infinity, so every loss
     * stays finite and the run succeeds, while the infinity stays in the weights.
     */
    @Test
    void aTrainedNetWithInfiniteWeightsIsNotSavedUnlessAsked() throws IOException {
        String json = """
                { "format": "netstudio.net", "version": 1, "name": "saturated",
                  "net": { "type": "Chain", "input": { "shape": [2] },
                    "layers": [ { "type": "BatchNorm", "name": "bn" },
                                { "type": "Linear", "units": 3, "name": "b" }, { "type": "Softmax" } ] } }
                """;
        Weights weights = Weights.of(List.of(
                WeightArray.of("bn/gamma", new long[] {2}, new float[] {1, 1}),
                WeightArray.of("bn/beta", new long[] {2}, new float[2]),
                WeightArray.of("bn/movingMean", new long[] {2}, new float[2]),
                WeightArray.of("bn/movingVar", new long[] {2}, new float[] {Float.POSITIVE_INFINITY, 1}),
                WeightArray.of("b/weights", new long[] {3, 2}, new float[] {1, 0, 0, 1, 1, 1}),
                WeightArray.of("b/biases", new long[] {3}, new float[3])), Map.of());
        Path start = dir.resolve("saturated.nsnet");
        NetFiles.write(start, NetFileReader.read(json, "saturated.json"), weights);
        Path out = dir.resolve("trained.nsnet");

        CliRun refused = run("train", start.toString(), "--data", "spirals", "--epochs", "1",
                "--out", out.toString());

        assertThat(refused.exit()).as(refused.err()).isEqualTo(ExitCodes.INVALID);
        assertThat(refused.err()).contains("netstudio train: not saving the trained net: its 1 array holds "
                + "values that are not finite numbers: bn/movingVar (1 infinite of 2); pass --allow-non-finite to save it"
                + " anyway");
        assertThat(out).doesNotExist();

        CliRun kept = run("train", start.toString(), "--data", "spirals", "--epochs", "1",
                "--out", out.toString(), "--allow-non-finite");

        assertThat(kept.exit()).as(kept.err()).isZero();
        assertThat(NonFiniteValues.in(NetFiles.read(out).weights().orElseThrow()))
                .extracting(NonFiniteValues.Found::key).containsExactly("bn/movingVar");
    }

    /** An imported Erf between layers, as an opaque ONNX operator: it passes no gradient. */
    static org.netstudio.netgraph.net.Layer opaqueErf(int size) {
        String node = java.util.Base64.getEncoder().encodeToString(ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
                .setOpType("Erf").setName("erf").addInput("x").addOutput("y").build().toByteArray());
        return org.netstudio.netgraph.net.Layer.of("OnnxOperator", "op", "Erf", "node", node, "inputs", "wire float",
                "outputs", "Real " + size, "opset", 17);
    }

    private Path netWithErf(boolean head) throws IOException {
        java.util.List<org.netstudio.netgraph.net.Layer> layers = new java.util.ArrayList<>(java.util.List.of(
                org.netstudio.netgraph.net.Layer.of("Linear", "units", head ? 3 : 1), opaqueErf(head ? 3 : 1)));
        if (head) {
            layers.add(org.netstudio.netgraph.net.Layer.of("Linear", "units", 1));
        }
        org.netstudio.netgraph.net.Chain chain = org.netstudio.netgraph.net.Chain.of(
                org.netstudio.netgraph.net.PortDecl.of(org.netstudio.netgraph.tensor.TensorType.real(3)),
                layers.toArray(org.netstudio.netgraph.net.Layer[]::new));
        Path file = dir.resolve(head ? "erf-head.json" : "erf.json");
        NetFiles.write(file, new org.netstudio.netgraph.net.NetDocument("erf", chain, null), null);
        return file;
    }

    @Test
    void trainingANetWhoseArraysAllSitBeforeAnOpaqueOperatorIsRefused() throws IOException {
        Path net = netWithErf(false);
        Path out = dir.resolve("never.nsnet");

        CliRun r = run("train", net.toString(), "--data", "linear", "--epochs", "1",
                "--out", out.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err().strip()).isEqualTo("netstudio train: " + net + ": training would change nothing: 2 of 2"
                + " trainable arrays cannot learn: every path from them to the output goes through an imported ONNX"
                + " operator, which passes no gradient (Erf 'onnxoperator1'): linear1/weights, linear1/biases");
        assertThat(out).doesNotExist();
    }

    @Test
    void trainingSaysBeforeItStartsWhichArraysCannotLearn() throws IOException {
        CliRun r = run("train", netWithErf(true).toString(), "--data", "linear", "--epochs",
                "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("warning: 2 of 4 trainable arrays cannot learn: every path from them to the"
                + " output goes through an imported ONNX operator, which passes no gradient (Erf 'onnxoperator1'):"
                + " linear1/weights, linear1/biases\n");
    }
}
