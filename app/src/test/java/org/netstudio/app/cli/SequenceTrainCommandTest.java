package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netstudio train} on nets beyond one fixed-shape input and one output: the gallery's
 * sequence nets on generated sequences of varying length, inputs mapped by name, and a mismatch
 * explained before training.
 */
class SequenceTrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void theGallerysGruClassifierLearnsSequencesOfVaryingLength() throws Exception {
        CliRun r = run("train", "gru-classifier", "--data",
                "majority", "--epochs", "2", "--learning-rate", "0.005", "--json", "--out",
                dir.resolve("gru.nsnet").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        // An untrained two-class net is at ln 2 ≈ 0.69; a trained one counts the markers.
        assertThat(json.get("validationLoss").asDouble()).isLessThan(0.5);
        assertThat(json.get("testAccuracy").asDouble()).isGreaterThan(0.8);
        assertThat(dir.resolve("gru.nsnet")).isNotEmptyFile();
    }

    @Test
    void theGallerysTransformerTrainsWithItsTokensMappedAndItsPositionsMadeByTheEngine() throws Exception {
        // The gallery's transformer in small (netgraph's test nets, as NetTrainPortsTest trains it).
        Path small = dir.resolve("transformer.json");
        try (InputStream in = SequenceTrainCommandTest.class.getResourceAsStream("/nets/tokens-positions-transformer.json")) {
            Files.copy(in, small);
        }

        CliRun r = run("train", small.toString(), "--data",
                "majority", "--input", "Tokens=Input", "--epochs", "3", "--learning-rate", "0.005", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Data: input Tokens ← column 'Input' (sequences of tokens (14 distinct))",
                "Data: input Positions ← column 'Positions' (sequences of positions (40 distinct))",
                "Data: output Output trained against column 'Target' (classes (4: marker 0, marker 1, marker 2, marker 3))");
        // Four classes: an untrained net is at ln 4 ≈ 1.39.
        assertThat(new ObjectMapper().readTree(r.out()).get("validationLoss").asDouble()).isLessThan(1.2);
    }

    @Test
    void aSequenceNetOnPointsIsExplainedBeforeTraining() {
        CliRun r = run("train", "gru-classifier", "--data", "spirals");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("--data spirals: The net's input 'Input' takes n indices in 0..19999, but column"
                + " 'Input' of 'Spirals (2 arms) (train)' holds vectors of 2 real numbers; indices cannot be made from"
                + " real numbers");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aMappingToAPortTheNetLacksNamesTheNetsPorts() {
        CliRun r = run("train", "gru-classifier", "--data",
                "majority", "--input", "Text=Input");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("--data majority: The net has no input 'Text'; its inputs are Input");
    }
}
