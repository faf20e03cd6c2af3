package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;

/**
 * {@code netstudio sweep}, and the must-show of issue 14: a 12-trial sweep of the spirals MLP finds
 * a configuration that validates at least as well as the defaults with the same seed.
 */
class SweepCommandTest {

    @TempDir
    static Path dir;
    static Path net;
    static JsonNode sweep;
    static JsonNode defaults;

    @BeforeAll
    static void sweepAndTrainWithTheDefaults() throws IOException {
        net = Files.writeString(dir.resolve("spirals.json"), TrainEvalPredictCommandTest.SPIRALS_MLP);
        CliRun s = run("sweep", net.toString(), "--data", "spirals", "--vary", "learningRate=1e-3..1e-1:log",
                "--vary", "linear1.units=8..64", "--trials", "12", "--epochs", "5", "--seed", "1",
                "--out", dir.resolve("best.nsnet").toString(), "--runs", dir.resolve("runs").toString(), "--json");
        assertThat(s.exit()).as(s.err()).isZero();
        sweep = s.json();
        CliRun t = run("train", net.toString(), "--data", "spirals", "--epochs", "5", "--seed", "1",
                "--out", dir.resolve("default.nsnet").toString(), "--json");
        assertThat(t.exit()).as(t.err()).isZero();
        defaults = t.json();
    }

    @Test
    void twelveTrialsFindAConfigurationAtLeastAsGoodAsTheDefaults() {
        assertThat(sweep.get("trials")).hasSize(12);
        double best = sweep.get("best").get("validationAccuracy").asDouble();
        double trained = defaults.get("validationAccuracy").asDouble();
        assertThat(best).as("best of the sweep against the defaults (%s)", trained).isGreaterThanOrEqualTo(trained);
        double bestOfTable = 0;
        for (JsonNode t : sweep.get("trials")) {
            if (!t.get("validationAccuracy").isNull()) {
                bestOfTable = Math.max(bestOfTable, t.get("validationAccuracy").asDouble());
            }
        }
        assertThat(best).isEqualTo(bestOfTable);
    }

    @Test
    void theJsonHasARowPerTrialWithItsValuesInRange() {
        Set<Integer> numbers = new HashSet<>();
        for (JsonNode t : sweep.get("trials")) {
            numbers.add(t.get("trial").asInt());
            assertThat(t.get("values").get("learningRate").asDouble()).isBetween(1e-3, 1e-1);
            assertThat(t.get("values").get("linear1.units").isInt()).isTrue();
            assertThat(t.get("values").get("linear1.units").asInt()).isBetween(8, 64);
            assertThat(t.get("status").asText()).isIn("completed", "pruned");
            assertThat(t.get("epochs").asInt()).isBetween(1, 5);
        }
        assertThat(numbers).hasSize(12);
        assertThat(sweep.get("sweep").asText()).matches("\\d{8}-\\d{6}");
        assertThat(sweep.get("out").asText()).endsWith("best.nsnet");
    }

    @Test
    void theSavedNetIsTheBestTrialsNetWithItsWeights() throws IOException {
        var loaded = NetFiles.read(dir.resolve("best.nsnet"));
        Layer linear1 = (Layer) ((Chain) loaded.document().net()).elements().get(0).node();

        assertThat(linear1.params().getInt("units")).isEqualTo(sweep.get("best").get("values").get("linear1.units").asInt());
        assertThat(loaded.weights()).isPresent();
        CliRun eval = run("eval", dir.resolve("best.nsnet").toString(), "--data", "spirals", "--json");
        assertThat(eval.exit()).as(eval.err()).isZero();
    }

    @Test
    void everyTrialIsARunThatSaysWhichSweepAndTrialItWas() throws IOException {
        CliRun r = run("runs", "--runs", dir.resolve("runs").toString(), "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode runs = r.json();
        assertThat(runs).hasSize(12);
        Set<String> origins = new HashSet<>();
        for (JsonNode run : runs) {
            origins.add(run.get("origin").asText());
            assertThat(run.get("net").asText()).isEqualTo("Spirals MLP");
        }
        String id = sweep.get("sweep").asText();
        assertThat(origins).contains("sweep " + id + " trial 1", "sweep " + id + " trial 12").hasSize(12);
    }

    @Test
    void theTableMarksTheBestTrialAndSaysWhereItWasSaved() {
        CliRun r = run("sweep", net.toString(), "--data", "spirals", "--vary", "batchSize=16,64", "--grid",
                "--epochs", "2", "--out", dir.resolve("table.nsnet").toString(), "--no-record");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^trial\\s+batchSize\\s+val loss\\s+val accuracy\\s+epochs\\s+status$")
                .containsPattern("(?m)^[12] \\*\\s+(16|64)\\s+")
                .contains("Best: trial ", "Saved the best net to " + dir.resolve("table.nsnet"));
        assertThat(r.err()).contains("Sweep ", "2 trials of batchSize").containsPattern("trial 1 \\(1 done\\)  batchSize=16");
    }

    @Test
    void aBadVaryIsAUsageErrorThatQuotesIt() {
        CliRun r = run("sweep", net.toString(), "--data", "spirals", "--vary", "linera1.units=8,16");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--vary 'linera1.units=8,16': the net has no layer 'linera1'; the closest are linear1");
    }

    @Test
    void gridAndRandomExcludeEachOther() {
        CliRun r = run("sweep", net.toString(), "--data", "spirals", "--vary", "batchSize=16,32", "--grid", "--random");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--grid and --random exclude each other");
    }
}
