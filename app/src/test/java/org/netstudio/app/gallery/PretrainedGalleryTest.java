package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.netstudio.app.cli.NetStudioCommand;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.run.Evaluation;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.LoadedNet;
import picocli.CommandLine;

/**
 * The Fashion-MNIST CNN NetStudio trained itself and ships with its weights: it opens from the
 * gallery with them, and reaches at least 0.92 on Fashion-MNIST's 10,000 test images (skipped when
 * the dataset is not installed).
 */
class PretrainedGalleryTest {

    private static final String ID = "fashion-cnn-pretrained";

    @Test
    void theIndexListsItAsPretrainedWithTheCommandThatRetrainsIt() {
        GalleryEntry e = Gallery.standard().find(ID).orElseThrow();

        assertThat(e.pretrained()).isTrue();
        assertThat(e.file()).isEqualTo(ID + ".nsnet");
        assertThat(e.retrain()).isEqualTo("./netstudio train fashion-cnn --data fashion-mnist --epochs 15 --seed 1"
                + " --out fashion-cnn-pretrained.nsnet");
        assertThat(Gallery.standard().find("fashion-cnn").orElseThrow().retrain()).isEmpty();
    }

    @Test
    void galleryJsonShowsTheRetrainCommand() throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cl = NetStudioCommand.commandLine();
        cl.setOut(new PrintWriter(out));

        assertThat(cl.execute("gallery", "--json")).isZero();

        JsonNode pretrained = null;
        for (JsonNode n : new ObjectMapper().readTree(out.toString())) {
            if (n.get("id").asText().equals(ID)) {
                pretrained = n;
            }
            assertThat(n.has("retrain")).as(n.get("id").asText()).isEqualTo(n.get("id").asText().equals(ID));
        }
        assertThat(pretrained).isNotNull();
        assertThat(pretrained.get("pretrained").asBoolean()).isTrue();
        assertThat(pretrained.get("retrain").asText()).startsWith("./netstudio train fashion-cnn --data fashion-mnist");
    }

    @Test
    void itLoadsWithWeightsForEveryArrayOfTheFashionCnn() {
        LoadedNet loaded = Gallery.standard().loadWithWeights(ID);

        assertThat(loaded.document().net()).isEqualTo(Gallery.standard().load("fashion-cnn").net());
        assertThat(loaded.weights()).isPresent();
        assertThat(loaded.weights().get().arrays().keySet()).contains("conv1/weights", "bn2/movingVar", "logits/biases");
        assertThat(Gallery.standard().loadWithWeights("fashion-cnn").weights()).isEmpty();
    }

    @Test
    void itClassifiesTheFashionMnistTestImagesWithAtLeast92PercentAccuracy() throws IOException {
        assumeTrue(FashionMnist.DATASET.locate().isPresent(), "Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        Dataset test = FashionMnist.DATASET.load().testSet().orElseThrow();
        LoadedNet loaded = Gallery.standard().loadWithWeights(ID);

        Evaluation e;
        try (NetRunner runner = NetRunner.load(loaded.document().net(), loaded.weights().orElseThrow())) {
            e = runner.evaluate(test);
        }

        assertThat(e.metrics().examples()).isEqualTo(10_000);
        assertThat(e.metrics().accuracy().getAsDouble()).isGreaterThanOrEqualTo(0.92);
    }

    @Test
    void theCommandLineEvaluatesItByItsGalleryId() throws IOException {
        assumeTrue(FashionMnist.DATASET.locate().isPresent(), "Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = NetStudioCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("eval", ID, "--data", "fashion-mnist", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode o = new ObjectMapper().readTree(out.toString());
        assertThat(o.get("data").asText()).isEqualTo("Fashion-MNIST (test)");
        assertThat(o.get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.92);
        assertThat(o.get("classes")).hasSize(10);
    }
}
