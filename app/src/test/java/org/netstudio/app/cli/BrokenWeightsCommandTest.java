package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;

/**
 * Trained nets whose weights cannot be trusted (issue 15): weights that do not fit the net, and
 * weights holding NaN or infinity. eval, predict and export say so in one line and stop, never
 * print "NaN%" in silence, never print a stack trace.
 */
class BrokenWeightsCommandTest {

    /** Two inputs, three classes: {@code classifier/weights} is 3×2, {@code classifier/biases} 3. */
    private static final String NET = """
            { "format": "netstudio.net", "version": 1, "name": "tiny",
              "net": { "type": "Chain", "input": { "shape": [2] },
                "layers": [ { "type": "Linear", "units": 3, "name": "classifier" }, { "type": "Softmax" } ] } }
            """;

    @TempDir
    Path dir;

    private Path saved(String name, float[] weights, long[] weightsShape) throws IOException {
        Path file = dir.resolve(name);
        Weights w = Weights.of(List.of(WeightArray.of("classifier/weights", weightsShape, weights),
                WeightArray.of("classifier/biases", new long[] {3}, new float[] {0.1f, 0.2f, 0.3f})), java.util.Map.of());
        NetFiles.write(file, NetFileReader.read(NET, "tiny.json"), w);
        return file;
    }

    private Path withNaN() throws IOException {
        float[] w = new float[6];
        Arrays.fill(w, 0.5f);
        w[4] = Float.NaN;
        return saved("nan.nsnet", w, new long[] {3, 2});
    }

    private static void assertOneLineWithoutStackTrace(CliRun r) {
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void predictRefusesWeightsOfTheWrongShapeInOneSentenceNamingTheArray() throws IOException {
        Path file = saved("misfit.nsnet", new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new long[] {4, 2});

        CliRun r = run("predict", file.toString(), "0.5,0.5");

        assertThat(r.exit()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err().strip()).isEqualTo("netstudio predict: " + file + ": its weights do not fit its net: "
                + "classifier/weights must have shape (3, 2), but has (4, 2)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void evalRefusesWeightsThatLackAnArray() throws IOException {
        Path file = dir.resolve("missing.nsnet");
        NetFiles.write(file, NetFileReader.read(NET, "tiny.json"), Weights.of(List.of(
                WeightArray.of("classifier/weights", new long[] {3, 2}, new float[6])), java.util.Map.of()));

        CliRun r = run("eval", file.toString(), "--data", "spirals");

        assertThat(r.exit()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err()).contains(file + ": its weights do not fit its net: missing classifier/biases");
        assertOneLineWithoutStackTrace(r);
    }

    @Test
    void evalOfANetWithNanWeightsSaysWhichArrayAndExitsWith1() throws IOException {
        Path file = withNaN();

        CliRun r = run("eval", file.toString(), "--data", "spirals");

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains(file + ": 1 array holds values that are not finite numbers: "
                + "classifier/weights (1 NaN of 6)").contains("--allow-non-finite");
        assertOneLineWithoutStackTrace(r);
        assertThat(r.out()).doesNotContain("NaN");
    }

    @Test
    void predictOfANetWithNanWeightsPrintsNoNanPercent() throws IOException {
        CliRun r = run("predict", withNaN().toString(), "0.5,0.5");

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("classifier/weights (1 NaN of 6)");
        assertOneLineWithoutStackTrace(r);
    }

    @Test
    void predictRunsANanNetWhenAskedExplicitlyAndWarns() throws IOException {
        CliRun r = run("predict", withNaN().toString(), "--allow-non-finite", "0.5,0.5");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("netstudio predict: warning: ").contains("classifier/weights (1 NaN of 6)");
    }

    @Test
    void exportOfANetWithInfiniteWeightsIsRefusedAndWritesNothing() throws IOException {
        float[] w = new float[6];
        w[0] = Float.POSITIVE_INFINITY;
        Path file = saved("inf.nsnet", w, new long[] {3, 2});
        Path onnx = dir.resolve("inf.onnx");

        CliRun r = run("export", file.toString(), "--onnx", onnx.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("classifier/weights (1 infinite of 6)");
        assertOneLineWithoutStackTrace(r);
        assertThat(onnx).doesNotExist();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("inf.nsnet");
    }
}
