package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.FeatureColumn;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.data.ValidationSplit;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.trainer.TrainerPanelModel;
import org.netstudio.trainer.data.DataLoader;
import org.netstudio.trainer.options.OptionsForm;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One training contract (issue 16): for every built-in dataset name, {@code netstudio train} and
 * the trainer panel's model open the same data, hold back the same validation examples, start from
 * the same defaults, and the same seed gives the same validation accuracy.
 *
 * <p>Fashion-MNIST and MNIST are read from where a user's machine has them; where it has not, this
 * test gives the user a home holding small sets in their format, so that every name is covered.
 */
class OneTrainingContractTest {

    @TempDir
    static Path dir;
    private static String realHome;

    @BeforeAll
    static void aHomeWithTheImageSets() throws IOException {
        realHome = System.getProperty("user.home");
        Path home = dir.resolve("home");
        for (String set : new String[] {"fashion-mnist", "mnist"}) {
            Path folder = Files.createDirectories(home.resolve(".netstudio").resolve("datasets").resolve(set));
            writeIdxPart(folder, "train", 60);
            writeIdxPart(folder, "t10k", 20);
        }
        System.setProperty("user.home", home.toString());
    }

    @AfterAll
    static void restoreTheHome() {
        System.setProperty("user.home", realHome);
    }

    /** Every built-in name, as {@code netstudio train --data} takes it. */
    static java.util.List<String> names() {
        return DatasetSource.names();
    }

    /** A small net that fits each built-in set. */
    private static String netFor(String name) {
        String layers = switch (name) {
            case "spirals" -> "[2]}, \"layers\": [ {\"type\": \"Linear\", \"units\": 32}, {\"type\": \"Ramp\"},"
                    + " {\"type\": \"Linear\", \"units\": 32}, {\"type\": \"Ramp\"}, {\"type\": \"Linear\", \"units\": 3},"
                    + " {\"type\": \"Softmax\"} ]";
            case "moons", "xor" -> "[2]}, \"layers\": [ {\"type\": \"Linear\", \"units\": 16}, {\"type\": \"Ramp\"},"
                    + " {\"type\": \"Linear\", \"units\": 2}, {\"type\": \"Softmax\"} ]";
            case "linear" -> "[3]}, \"layers\": [ {\"type\": \"Linear\", \"units\": 1} ]";
            // Characters, their mean vector over the text, then the four classes.
            case "wordnet-nouns" -> "{\"encoder\": {\"type\": \"Characters\"}}, \"layers\": [ {\"type\":"
                    + " \"Embedding\", \"size\": 8}, {\"type\": \"Aggregation\", \"axes\": [0]},"
                    + " {\"type\": \"Linear\", \"units\": 4}, {\"type\": \"Softmax\"} ]";
            case "majority" -> "[\"n\"], \"index\": 40}, \"layers\": [ {\"type\": \"Embedding\", \"size\": 8,"
                    + " \"vocabulary\": 40}, {\"type\": \"GRU\", \"units\": 16, \"returnSequences\": false},"
                    + " {\"type\": \"Linear\", \"units\": 3}, {\"type\": \"Softmax\"} ]";
            default -> "[1, 28, 28]}, \"layers\": [ {\"type\": \"Flatten\"}, {\"type\": \"Linear\", \"units\": 10},"
                    + " {\"type\": \"Softmax\"} ]";
        };
        return "{ \"format\": \"netstudio.net\", \"version\": 1, \"name\": \"" + name + " net\", \"net\": { \"type\":"
                + " \"Chain\", \"input\": " + (layers.startsWith("{") ? "" : "{\"shape\": ") + layers + " } }";
    }

    private static Path netFile(String name) throws IOException {
        return Files.writeString(dir.resolve(name + ".json"), netFor(name));
    }

    /** Whether the name is a built-in set of labelled sentences (a net that reads text trains on it). */
    private static boolean texts(String name) {
        return DatasetSource.named(name).map(DatasetSource::isTexts).orElse(false);
    }

    /** Skips a set of sentences whose Debian package is not installed here. */
    private static void assumeInstalled(String name) {
        org.junit.jupiter.api.Assumptions.assumeTrue(!name.equals("wordnet-nouns") || org.netstudio.engine.data.WordNetNouns
                .locate(org.netstudio.engine.data.DatasetLocator.standard()).isPresent(), "wordnet-base is not installed");
    }

    /** The panel's view-model for a net, with background work run on the calling thread. */
    private static TrainerPanelModel panel(String name) throws IOException {
        TrainerPanelModel model = new TrainerPanelModel(Runnable::run, new DataLoader());
        model.netProperty().set(NetFileReader.read(netFor(name), name + ".json"));
        model.choose(DatasetSource.named(name).orElseThrow());
        model.applyPending();
        assertThat(model.dataProperty().get()).as(model.dataStatusProperty().get().message()).isNotNull();
        return model;
    }

    private static JsonNode trainThroughTheCommandLine(String... args) throws IOException {
        CliRun r = run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return r.json();
    }

    private static EpochMetrics trainInThePanel(TrainerPanelModel model) throws Exception {
        model.train();
        assertThat(model.messageProperty().get().text()).isEmpty();
        return model.run().orElseThrow().get(120, TimeUnit.SECONDS).result().finalMetrics().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("names")
    void bothDoorsOpenTheSameExamplesAndTestSplit(String name) throws Exception {
        assumeInstalled(name);
        NetDocument net = NetFileReader.read(netFor(name), name + ".json");
        // As train opens --data: a set of sentences through its text path, the rest as tables.
        ExampleTable cli = texts(name) ? TextSource.open(name, net.net(), org.netstudio.engine.data.TextDatasets.Options
                .defaults(null, TrainingOptions.DEFAULT_VALIDATION_FRACTION, TrainingOptions.defaults().seed()), null).table()
                : DataArgument.openTable(name, null, false, net.net(), new PrintWriter(Writer.nullWriter()));
        ExampleTable window = panel(name).dataProperty().get().examples();

        assertSameExamples(window, cli);
        assertThat(window.test()).as("a test split").isPresent();
        assertSameExamples(window.test().get(), cli.test().orElseThrow());
    }

    private static void assertSameExamples(ExampleTable actual, ExampleTable expected) {
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.classNames()).isEqualTo(expected.classNames());
        assertThat(actual.columns().keySet()).containsExactlyElementsOf(expected.columns().keySet());
        expected.columns().forEach((name, column) -> {
            Column other = actual.column(name).orElseThrow();
            assertThat(other.type()).as("column %s", name).isEqualTo(column.type());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(valueOf(other, i)).as("example %d of column %s of %s", i, name, expected.name())
                        .isEqualTo(valueOf(column, i));
            }
        });
    }

    /** One example's value in a column, as text. */
    private static String valueOf(Column column, int example) {
        if (column instanceof FeatureColumn f) {
            return Arrays.toString(f.data().features(example));
        }
        if (column instanceof SequenceColumn s) {
            return Arrays.toString(s.indices(example));
        }
        Targets targets = ((TargetColumn) column).targets();
        if (targets instanceof Targets.Classes c) {
            return Integer.toString(c.label(example));
        }
        Targets.Values v = (Targets.Values) targets;
        float[] row = new float[v.width()];
        for (int j = 0; j < row.length; j++) {
            row[j] = v.value(example, j);
        }
        return Arrays.toString(row);
    }

    /** One epoch from the defaults but the seed: the same validation examples give the same validation metrics. */
    @ParameterizedTest
    @MethodSource("names")
    void bothDoorsHoldBackTheSameValidationExamples(String name) throws Exception {
        assumeInstalled(name);
        JsonNode cli = trainThroughTheCommandLine("train", netFile(name).toString(), "--data", name, "--epochs", "1",
                "--seed", "3", "--json");
        TrainerPanelModel model = panel(name);
        model.options().epochs().textProperty().set("1");
        model.options().seed().textProperty().set("3");
        // Texts build their alphabet from the examples training keeps: a new seed reads them again.
        model.applyPending();
        assertThat(model.dataProperty().get()).as(model.dataStatusProperty().get().message()).isNotNull();

        Metrics validation = trainInThePanel(model).validation().orElseThrow();

        int size = model.dataProperty().get().examples().size();
        assertThat(validation.examples()).isEqualTo(ValidationSplit.validationCount(size,
                TrainingOptions.DEFAULT_VALIDATION_FRACTION));
        assertThat(validation.loss()).isEqualTo(cli.get("validationLoss").asDouble());
        if (validation.accuracy().isPresent()) {
            assertThat(validation.accuracy().getAsDouble()).isEqualTo(cli.get("validationAccuracy").asDouble());
        }
    }

    @Test
    void theSameSeedGivesTheSpiralsMlpTheSameValidationAccuracyInBothDoorsAtTheDefaults() throws Exception {
        JsonNode cli = trainThroughTheCommandLine("train", netFile("spirals").toString(), "--data", "spirals",
                "--seed", "11", "--json");
        TrainerPanelModel model = panel("spirals");
        model.options().seed().textProperty().set("11");

        EpochMetrics window = trainInThePanel(model);

        assertThat(cli.get("epochs").asInt()).isEqualTo(TrainingOptions.DEFAULT_EPOCHS);
        assertThat(window.epoch()).isEqualTo(cli.get("bestEpoch").asInt());
        double accuracy = window.validation().orElseThrow().accuracy().orElseThrow();
        assertThat(accuracy).isEqualTo(cli.get("validationAccuracy").asDouble());
        assertThat(accuracy).as("the defaults train the spirals").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theCommandLineDefaultsAndThePanelsFieldsAreTheEnginesAndHelpShowsThem() {
        CommandSpec train = new CommandLine(new TrainCommand()).getCommandSpec();
        OptionsForm form = new OptionsForm();
        TrainingOptions defaults = TrainingOptions.defaults();

        assertThat(train.findOption("--epochs").defaultValue()).isEqualTo(form.epochs().textProperty().get())
                .isEqualTo(Integer.toString(defaults.maxEpochs()));
        assertThat(train.findOption("--batch-size").defaultValue()).isEqualTo(form.batchSize().textProperty().get())
                .isEqualTo(Integer.toString(defaults.batchSize()));
        assertThat(train.findOption("--validation").defaultValue())
                .isEqualTo(form.validationFraction().textProperty().get())
                .isEqualTo(Double.toString(defaults.validationFraction()));
        assertThat(train.findOption("--seed").defaultValue()).isEqualTo(form.seed().textProperty().get())
                .isEqualTo(Long.toString(defaults.seed()));
        assertThat(train.findOption("--patience").defaultValue()).isEqualTo(form.patience().textProperty().get())
                .isEqualTo(Integer.toString(defaults.earlyStoppingPatience()));
        assertThat(train.findOption("--optimizer").defaultValue()).isEqualTo(form.optimizerProperty().get().id())
                .isEqualTo(defaults.optimizer().id());
        assertThat(form.learningRate().value()).contains(defaults.learningRate());

        train.usageMessage().width(250);
        String help = train.commandLine().getUsageMessage();
        assertThat(help).contains("Passes over the data (default 20).").contains("Examples per update (default 32).")
                .contains("in [0, 1) (default 0.2).").contains("(default adam)")
                .contains("(default: the optimizer's, 0.003 for adam, 0.03 for sgd, 0.003 for rmsprop, 0.03 for adagrad)")
                .contains("shuffling (default 0).");
    }

    /** Writes an IDX image file and its labels: {@code count} 28×28 images whose brightness tells the class. */
    private static void writeIdxPart(Path folder, String part, int count) throws IOException {
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
            java.util.Arrays.fill(pixels, i * 784, i * 784 + 784, (byte) (25 * (i % 10) + i % 7));
        }
        Files.write(folder.resolve(part + "-images-idx3-ubyte.gz"), gzip(idx(3, new int[] {count, 28, 28}, pixels)));
        Files.write(folder.resolve(part + "-labels-idx1-ubyte.gz"), gzip(idx(1, new int[] {count}, labels)));
    }

    private static byte[] idx(int rank, int[] dims, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * rank + values.length).put(new byte[] {0, 0, 0x08, (byte) rank});
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(values).array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
