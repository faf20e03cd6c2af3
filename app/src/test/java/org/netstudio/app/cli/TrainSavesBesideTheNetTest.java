package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.files.NetFiles;

/** {@code netstudio train} without {@code --out} keeps what it trained beside the net and says where. */
class TrainSavesBesideTheNetTest {

    @TempDir
    Path dir;

    private CliRun train(Path net, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", net.toString(), "--data", "spirals", "--epochs",
                "1"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void withoutOutTheTrainedNetIsSavedBesideTheNetAndTheLastLineSaysWhere() throws IOException {
        Path net = Files.writeString(dir.resolve("spirals.json"), TrainEvalPredictCommandTest.SPIRALS_MLP);

        CliRun r = train(net);

        assertThat(r.exit()).as(r.err()).isZero();
        Path saved = dir.resolve("spirals-trained.nsnet");
        assertThat(lastLine(r.out())).isEqualTo("Saved to " + saved + ".");
        assertThat(NetFiles.read(saved).weights()).isPresent();
        assertThat(net).hasContent(TrainEvalPredictCommandTest.SPIRALS_MLP);
    }

    @Test
    void anEarlierResultIsKeptAndTheNewOneTakesTheNextFreeName() throws IOException {
        Path net = Files.writeString(dir.resolve("spirals.json"), TrainEvalPredictCommandTest.SPIRALS_MLP);
        Path earlier = Files.writeString(dir.resolve("spirals-trained.nsnet"), "an earlier result");

        CliRun r = train(net, "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        Path saved = dir.resolve("spirals-trained-2.nsnet");
        assertThat(r.json().get("out").asText()).isEqualTo(saved.toString());
        assertThat(earlier).hasContent("an earlier result");
        assertThat(NetFiles.read(saved).weights()).isPresent();

        CliRun again = train(saved);

        assertThat(lastLine(again.out())).isEqualTo("Saved to " + dir.resolve("spirals-trained-2-trained.nsnet") + ".");
    }

    @Test
    void theSecondFreeNameSaysWhichFileWasKept() throws IOException {
        Path net = Files.writeString(dir.resolve("spirals.json"), TrainEvalPredictCommandTest.SPIRALS_MLP);
        Files.writeString(dir.resolve("spirals-trained.nsnet"), "kept");
        Files.writeString(dir.resolve("spirals-trained-2.nsnet"), "kept too");

        CliRun r = train(net);

        assertThat(lastLine(r.out())).isEqualTo("Saved to " + dir.resolve("spirals-trained-3.nsnet")
                + " (spirals-trained.nsnet exists and was kept).");
    }

    @Test
    void aGalleryNetIsSavedInTheCurrentFolder() {
        assertThat(TrainedNetFile.beside("no-such-gallery-id-here").path())
                .isEqualTo(Path.of("no-such-gallery-id-here-trained.nsnet"));
        assertThat(TrainedNetFile.beside("no-such-gallery-id-here").kept()).isNull();
    }
}
