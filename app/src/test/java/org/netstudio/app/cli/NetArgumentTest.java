package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that takes a NET reads it the same way and says the same when it cannot. */
class NetArgumentTest {

    @TempDir
    Path dir;

    private List<List<String>> commandsOn(String net) {
        return List.of(List.of("info", net), List.of("check", net), List.of("train", net, "--data", "spirals"),
                List.of("eval", net, "--data", "spirals"), List.of("predict", net, "0.5,0.5"),
                List.of("export", net, "--onnx", dir.resolve("out.onnx").toString()),
                List.of("generate", net, "--prompt", "a"));
    }

    @Test
    void aNetThatIsNeitherAFileNorAGalleryIdIsExit2WithOneLineNamingIt() {
        for (List<String> args : commandsOn("no-such-net.json")) {
            CliRun r = run(args.toArray(String[]::new));

            assertThat(r.exit()).as("netstudio %s", args).isEqualTo(ExitCodes.UNREADABLE);
            assertThat(r.err()).as("netstudio %s", args).isEqualTo("netstudio " + args.get(0)
                    + ": no-such-net.json: no such file, nor a net of the gallery (netstudio gallery lists them)"
                    + System.lineSeparator());
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aFolderIsNotANet() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("nets"));
        for (List<String> args : commandsOn(folder.toString())) {
            CliRun r = run(args.toArray(String[]::new));

            assertThat(r.exit()).as("netstudio %s", args).isEqualTo(ExitCodes.UNREADABLE);
            assertThat(r.err().strip()).isEqualTo("netstudio " + args.get(0) + ": " + folder + ": is a folder, not a net file");
        }
    }

    @Test
    void evalAndPredictRefuseANetWithoutTrainedWeightsNamingTheCommandThatTrainsIt() throws IOException {
        Path net = Files.writeString(dir.resolve("linear.json"), TrainEvalPredictCommandTest.LINEAR);
        for (List<String> args : List.of(List.of("eval", net.toString(), "--data", "linear"),
                List.of("predict", net.toString(), "0.5,0.5"))) {
            CliRun r = run(args.toArray(String[]::new));

            assertThat(r.exit()).isEqualTo(ExitCodes.UNREADABLE);
            assertThat(r.err().strip()).isEqualTo("netstudio " + args.get(0) + ": " + net
                    + " holds no trained weights; train it first (netstudio train " + net + " --data … --out NET.nsnet)");
        }
    }
}
