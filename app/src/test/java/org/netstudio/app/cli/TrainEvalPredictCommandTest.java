package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.Targets;

/** train, eval and predict through the command line's entry point, on generated data. */
class TrainEvalPredictCommandTest {

    static final String SPIRALS_MLP = """
            { "format": "netstudio.net", "version": 1, "name": "Spirals MLP",
              "net": { "type": "Chain", "input": { "shape": [2] },
                "layers": [ { "type": "Linear", "units": 32 }, { "type": "Ramp" },
                            { "type": "Linear", "units": 32 }, { "type": "Ramp" },
                            { "type": "Linear", "units": 3 }, { "type": "Softmax" } ] } }
            """;

    static final String LINEAR = """
            { "format": "netstudio.net", "version": 1, "name": "Linear regression",
              "net": { "type": "Chain", "input": { "shape": [3] }, "layers": [ { "type": "Linear", "units": 1 } ] } }
            """;

    @TempDir
    static Path dir;

    static Path spiralsNet;
    static Path trained;
    static JsonNode training;

    @BeforeAll
    static void trainSpirals() throws IOException {
        spiralsNet = Files.writeString(dir.resolve("spirals.json"), SPIRALS_MLP);
        trained = dir.resolve("spirals.nsnet");
        CliRun r = run("train", spiralsNet.toString(), "--data", "spirals", "--epochs", "15", "--batch-size", "32",
                "--learning-rate", "0.01", "--seed", "1", "--out", trained.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        training = r.json();
    }

    @Test
    void trainingSpiralsReachesHighValidationAccuracyAndReportsOneJsonObject() {
        assertThat(training.isObject()).isTrue();
        assertThat(training.get("epochs").asInt()).isEqualTo(15);
        assertThat(training.get("bestEpoch").asInt()).isBetween(1, 15);
        assertThat(training.get("validationAccuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(training.get("testAccuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(training.get("trainLoss").asDouble()).isPositive();
        assertThat(training.get("validationLoss").asDouble()).isPositive();
        assertThat(training.get("samplesPerSecond").asDouble()).isPositive();
        assertThat(training.get("seconds").asDouble()).isPositive();
        assertThat(trained).isNotEmptyFile();
    }

    @Test
    void theSavedNetEvaluatesToTheAccuracyTrainingReported() throws IOException {
        CliRun r = run("eval", trained.toString(), "--data", "spirals", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode e = r.json();
        assertThat(e.get("accuracy").asDouble()).isEqualTo(training.get("testAccuracy").asDouble());
        assertThat(e.get("loss").asDouble()).isCloseTo(training.get("testLoss").asDouble(),
                org.assertj.core.api.Assertions.within(1e-6));
        assertThat(e.get("classes")).hasSize(3);
        long examples = 0;
        for (JsonNode c : e.get("classes")) {
            examples += c.get("examples").asLong();
        }
        assertThat(examples).isEqualTo(e.get("examples").asLong());
        // Precision, recall and F1 per class agree with the confusion matrix printed beside them.
        JsonNode counts = e.get("confusion").get("counts");
        assertThat(e.get("confusion").get("labels")).hasSize(3);
        double f1Sum = 0;
        for (int c = 0; c < 3; c++) {
            long tp = counts.get(c).get(c).asLong();
            long row = 0;
            long column = 0;
            for (int k = 0; k < 3; k++) {
                row += counts.get(c).get(k).asLong();
                column += counts.get(k).get(c).asLong();
            }
            JsonNode cls = e.get("classes").get(c);
            assertThat(cls.get("precision").asDouble()).isCloseTo((double) tp / column, within(1e-12));
            assertThat(cls.get("recall").asDouble()).isCloseTo((double) tp / row, within(1e-12));
            assertThat(cls.get("f1").asDouble()).isCloseTo(2.0 * tp / (row + column), within(1e-12));
            f1Sum += cls.get("f1").asDouble();
        }
        assertThat(e.get("macroAverage").get("f1").asDouble()).isCloseTo(f1Sum / 3, within(1e-12))
                .isCloseTo(e.get("macroF1").asDouble(), within(1e-12));
    }

    @Test
    void evalPrintsPerClassAccuracyPrecisionRecallAndF1() {
        CliRun r = run("eval", trained.toString(), "--data", "spirals");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("accuracy\\s+\\d+\\.\\d\\d%")
                .containsPattern("(?m)^macro F1\\s+0\\.\\d{4}$")
                .containsPattern("(?m)^class\\s+examples\\s+accuracy\\s+precision\\s+recall\\s+F1$")
                .containsPattern("(?m)^0\\s+\\d+\\s+\\d+\\.\\d%(\\s+[01]\\.\\d{3}){3}$")
                .containsPattern("(?m)^2\\s+\\d+\\s+\\d+\\.\\d%(\\s+[01]\\.\\d{3}){3}$")
                .containsPattern("(?m)^macro average(\\s+[01]\\.\\d{3}){3}$");
    }

    @Test
    void predictNamesTheClassOfSpiralPoints() throws IOException {
        // Points of the same spirals the net learned, from a generator run it never saw.
        Dataset points = GeneratedDatasets.spirals(3, 10, 0.0, 99);
        List<String> args = new ArrayList<>(List.of("predict", trained.toString(), "--json"));
        for (int i = 0; i < points.size(); i++) {
            float[] xy = points.features(i);
            args.add(xy[0] + "," + xy[1]);
        }
        CliRun r = run(args.toArray(String[]::new));

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode predictions = r.json().get("predictions");
        assertThat(predictions).hasSize(points.size());
        int[] labels = ((Targets.Classes) points.targets()).labels();
        int right = 0;
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = predictions.get(i);
            assertThat(p.get("top")).hasSize(3);
            double sum = 0;
            for (JsonNode t : p.get("top")) {
                sum += t.get("probability").asDouble();
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
            right += p.get("label").asText().equals(Integer.toString(labels[i])) ? 1 : 0;
        }
        assertThat(right).isGreaterThanOrEqualTo(27);
    }

    @Test
    void predictPrintsTheTopClassesWithProbabilities() {
        CliRun r = run("predict", trained.toString(), "0.1,0.2", "--top", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).matches("0\\.1,0\\.2: [012] \\d+\\.\\d%, [012] \\d+\\.\\d%");
    }

    @Test
    void predictRefusesAnInputOfTheWrongSize() {
        CliRun r = run("predict", trained.toString(), "0.1,0.2,0.3");

        assertThat(r.exit()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err()).contains("0.1,0.2,0.3: 3 numbers, but the net's input takes a vector of size 2");
    }

    @Test
    void aLearningRateThatGivesNanIsReportedWithEpochAndBatch() throws IOException {
        Path net = Files.writeString(dir.resolve("linear.json"), LINEAR);
        Path out = dir.resolve("exploded.nsnet");

        CliRun r = run("train", net.toString(), "--data", "linear", "--optimizer", "sgd", "--learning-rate", "1e6",
                "--epochs", "3", "--out", out.toString(), "--json");

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).containsPattern(
                "(Loss|Gradients) became (NaN|infinite|NaN or infinite) in epoch 1, batch \\d+(: .*)?; try a lower learning rate");
        JsonNode j = r.json();
        assertThat(j.get("error").asText()).containsPattern("^(Loss|Gradients) became");
        assertThat(j.get("bestEpoch").asInt()).isZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void aNodeThatMakesTheLossNanIsNamed() throws IOException {
        Path net = Files.writeString(dir.resolve("log.json"), """
                { "format": "netstudio.net", "version": 1, "name": "Log of negatives",
                  "net": { "type": "Chain", "input": { "shape": [3] }, "layers": [
                    { "type": "Linear", "units": 4 }, { "type": "Elementwise", "function": "log(x)", "name": "log1" },
                    { "type": "Linear", "units": 1 } ] } }
                """);

        CliRun r = run("train", net.toString(), "--data", "linear", "--epochs", "2", "--json");

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("train: Loss became NaN in epoch 1, batch 1: the first non-finite value came out "
                + "of `log1` (Elementwise log(x)), from finite inputs");
        assertThat(r.json().get("nonFiniteNode").asText()).isEqualTo("log1");
    }

    @Test
    void aDeadRampAndTheLayerThatStopsLearningBeforeItAreSaidOnce() throws IOException {
        // Biases of −1000 before a Ramp: its output is all zeros, and nothing flows back to the layer before.
        Path source = Files.writeString(dir.resolve("dead.json"), """
                { "format": "netstudio.net", "version": 1, "name": "Dead ReLU",
                  "net": { "type": "Chain", "input": { "shape": [2] }, "layers": [
                    { "type": "Linear", "units": 8, "name": "hidden" }, { "type": "Ramp", "name": "relu" },
                    { "type": "Linear", "units": 3 }, { "type": "Softmax" } ] } }
                """);
        float[] biases = new float[8];
        java.util.Arrays.fill(biases, -1000);
        Path dead = dir.resolve("dead.nsnet");
        org.netstudio.netgraph.files.NetFiles.write(dead, org.netstudio.netgraph.io.NetFileReader.read(source),
                org.netstudio.netgraph.io.Weights.of(java.util.List.of(org.netstudio.netgraph.io.WeightArray.of(
                        "hidden/biases", new long[] {8}, biases)), java.util.Map.of()));

        CliRun r = run("train", dead.toString(), "--data", "spirals", "--epochs", "1", "--out",
                dir.resolve("dead-trained.nsnet").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: layer hidden (Linear): gradient vanishes (epoch 1, batch 1)",
                "warning: layer relu (Ramp): dead: its output is all zeros (epoch 1, batch 1)");
        assertThat(r.err().split("dead: its output", -1)).as("said once").hasSize(2);
    }

    @Test
    void fineTuningANetWithAResizedLayerKeepsWhatFitsAndSaysWhichArraysStartFresh() throws IOException {
        // The trained spirals net with its second layer narrowed to 16 units, saved with the old weights.
        var trainedNet = org.netstudio.netgraph.files.NetFiles.read(trained);
        Path source = Files.writeString(dir.resolve("narrower.json"), SPIRALS_MLP.replaceFirst("(?s)(units\": 32.*?)\"units\": 32", "$1\"units\": 16"));
        Path headless = dir.resolve("narrower.nsnet");
        org.netstudio.netgraph.files.NetFiles.write(headless, org.netstudio.netgraph.io.NetFileReader.read(source),
                trainedNet.weights().orElseThrow());

        CliRun r = run("train", headless.toString(), "--data", "spirals", "--epochs", "1", "--seed", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Starting from the weights in " + headless + "; 3 arrays start from initial values "
                + "(a new or resized layer the weights do not fit): linear2/weights, linear2/biases, linear3/weights.");
    }

    @Test
    void linearRegressionFromTheCommandLineFitsTheData() throws IOException {
        Path net = Files.writeString(dir.resolve("linear-ok.json"), LINEAR);

        Path out = dir.resolve("linear-ok.nsnet");
        CliRun r = run("train", net.toString(), "--data", "linear", "--epochs", "8", "--learning-rate", "0.05", "--json",
                "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("validationLoss").asDouble()).isLessThan(0.05);
        assertThat(r.json().get("validationAccuracy").isNull()).isTrue();
        assertThat(r.json().get("validationMeasures").get("r2").asDouble()).isGreaterThan(0.95);

        CliRun e = run("eval", out.toString(), "--data", "linear", "--json");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.json().get("mse").asDouble()).isCloseTo(e.json().get("loss").asDouble(), within(1e-6));
        assertThat(e.json().get("mae").asDouble()).isPositive().isLessThan(0.2);
        assertThat(e.json().get("r2").asDouble()).isGreaterThan(0.95);
        assertThat(e.json().has("classes")).isFalse();
        CliRun text = run("eval", out.toString(), "--data", "linear");
        assertThat(text.out()).containsPattern("(?m)^R²\\s+0\\.9\\d{3}$").containsPattern("(?m)^mean absolute error\\s+0\\.\\d{4}$");
    }

    /**
     * A classifier that ends in Linear gives scores, as PyTorch's do: training takes their softmax
     * for the loss (it learns), and predict shows probabilities, as Try It does.
     */
    @Test
    void aClassifierEndingInScoresLearnsAndPredictShowsProbabilities() throws IOException {
        Path net = Files.writeString(dir.resolve("scores.json"), """
                { "format": "netstudio.net", "version": 1, "name": "Scores",
                  "net": { "type": "Chain", "input": { "shape": [2] },
                    "layers": [ { "type": "Linear", "units": 16 }, { "type": "Tanh" }, { "type": "Linear", "units": 2 } ],
                    "output": { "decoder": { "type": "Class", "labels": ["off", "on"] } } } }
                """);
        Path out = dir.resolve("scores.nsnet");

        CliRun r = run("train", net.toString(), "--data", "xor", "--epochs", "10", "--seed", "1", "--json",
                "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("validationAccuracy").asDouble()).isGreaterThan(0.8);
        assertThat(r.json().get("validationLoss").asDouble()).isLessThan(0.6);
        CliRun p = run("predict", out.toString(), "0.9,-0.9", "--top", "2", "--json");
        assertThat(p.exit()).as(p.err()).isZero();
        JsonNode top = p.json().get("predictions").get(0).get("top");
        assertThat(top.get(0).get("probability").asDouble() + top.get(1).get("probability").asDouble())
                .isCloseTo(1.0, within(1e-5));
    }

    private CliRun badTrain(String... options) {
        Path out = dir.resolve("never.nsnet");
        List<String> args = new ArrayList<>(List.of("train", spiralsNet.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun r = run(args.toArray(String[]::new));
        assertThat(out).as("nothing is written after a usage error").doesNotExist();
        return r;
    }

    /** Trains with these options, expecting a usage error (exit code 2) that says {@code message}. */
    private CliRun usageError(String message, String... options) {
        CliRun r = badTrain(options);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        return r;
    }

    @Test
    void negativeEpochsAreAUsageError() {
        CliRun r = usageError("--epochs must be at least 1, but was -3", "--data", "spirals", "--epochs", "-3");

        assertThat(r.err()).contains("Usage: netstudio train");
    }

    @Test
    void classWeightsThatAreNotNumbersAreAUsageErrorAndTooManyAreRefusedNamingTheClasses() {
        usageError("--class-weights: Class weights are 'none', 'balanced' or numbers separated by"
                + " commas, one per class; 'heavy' is not a number",
                "--data", "spirals", "--class-weights", "1,heavy,1");

        CliRun wrong = badTrain("--data", "spirals", "--class-weights", "1,2");
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.err()).contains("The class weights give 2 weights, but the data has 3 classes");
    }

    /** Options and data the train command refuses before it trains, each with what it says. */
    static Stream<Arguments> refusedOptions() {
        return Stream.of(
                arguments("a net without pictures is not augmented", List.of("--data", "spirals", "--augment", "flip"),
                        "--augment flip: The net has no input read by an Image encoder, so there are no pictures to"
                                + " vary; declare one first (Encoder › Image)."),
                arguments("an unknown optimizer", List.of("--data", "spirals", "--optimizer", "lion"),
                        "--optimizer lion is not an optimizer NetStudio knows; use adam, sgd, rmsprop or adagrad"),
                arguments("a validation share of one", List.of("--data", "spirals", "--validation", "1"),
                        "--validation must be at least 0 and less than 1"),
                arguments("classes that do not fit the net's output", List.of("--data", "xor"),
                        "'XOR (train)' has 2 classes, but the net's output 'Output' gives a vector of size 3"),
                arguments("an unknown dataset name, said with the known ones", List.of("--data", "cifar-100"),
                        "--data cifar-100: not a dataset name (spirals, moons, xor, linear, majority, fashion-mnist,"
                                + " mnist, wordnet-nouns)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedOptions")
    void isAUsageError(String what, List<String> options, String message) {
        usageError(message, options.toArray(String[]::new));
    }

    @Test
    void dataThatDoesNotFitTheNetsInputIsAUsageError() throws IOException {
        Path net = Files.writeString(dir.resolve("three-inputs.json"), SPIRALS_MLP.replace("\"shape\": [2]", "\"shape\": [3]"));
        Path out = dir.resolve("mismatch.nsnet");

        CliRun r = run("train", net.toString(), "--data", "spirals", "--out", out.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--data spirals: The net's input 'Input' takes a vector of size 3 (3 values), but"
                + " column 'Input' of 'Spirals (3 arms) (train)' holds vectors of 2 real numbers (2 values)");
        assertThat(out).doesNotExist();
    }

    @Test
    void aCsvFileWithoutATargetColumnIsAUsageError() throws IOException {
        Path csv = Files.writeString(dir.resolve("table.csv"), "x,y,label\n0.1,0.2,a\n0.3,0.4,b\n");

        usageError("a CSV file needs --target COLUMN", "--data", csv.toString());
    }

    @Test
    void anOutFileThatIsNotNsnetIsAUsageError() {
        CliRun r = run("train", spiralsNet.toString(), "--data", "spirals", "--out", dir.resolve("x.json").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a trained net is saved as a .nsnet file");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    @Test
    void evalOfANetWithoutWeightsSaysToTrainItFirst() {
        CliRun r = run("eval", spiralsNet.toString(), "--data", "spirals");

        assertThat(r.exit()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err()).contains("holds no trained weights; train it first");
    }

    @Test
    void trainingFromACsvFileUsesItsTargetColumn() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,c,class\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            csv.append(a).append(',').append(b).append(',').append(c).append(',').append(a + b > 0 ? "up" : "down").append('\n');
        }
        Path file = Files.writeString(dir.resolve("points.csv"), csv);
        Path net = Files.writeString(dir.resolve("csv-net.json"), SPIRALS_MLP.replace("\"shape\": [2]", "\"shape\": [3]")
                .replace("\"units\": 3", "\"units\": 2"));

        CliRun r = run("train", net.toString(), "--data", file.toString(), "--target", "class", "--epochs", "20",
                "--learning-rate", "0.01", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("validationAccuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.json().get("testAccuracy").isNull()).isTrue();
    }
}
