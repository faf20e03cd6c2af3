package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.FeatureColumn;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.SequenceProblems;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetNode;

/**
 * Every net a person can draw trains: several inputs, its own loss layers, sequences of varying
 * length with one class per sequence or per element, and inputs fed by position.
 */
class NetTrainPortsTest {

    /** The gallery's GRU text classifier, smaller: token indices → Embedding → GRU (last state) → two classes. */
    private static final String GRU_CLASSIFIER = """
            {"type": "Chain", "input": {"shape": ["n"], "index": 20000},
             "layers": [{"type": "Embedding", "size": 16, "vocabulary": 20000},
                        {"type": "GRU", "units": 32, "returnSequences": false},
                        {"type": "Linear", "units": 2}, {"type": "Softmax"}]}""";

    /** A linear regression drawn with its own mean-squared loss, giving both the prediction and the loss. */
    private static final String LINEAR_WITH_OWN_LOSS = """
            {"type": "Graph", "inputs": {"Input": {"shape": [3]}, "Target": {"shape": [1]}},
             "nodes": {"predict": {"type": "Linear", "units": 1}, "loss": {"type": "MeanSquaredLoss"}},
             "edges": [{"from": "Input", "to": "predict"}, {"from": "predict", "to": "loss.Input"},
                       {"from": "Target", "to": "loss.Target"}, {"from": "predict", "to": "Prediction"},
                       {"from": "loss", "to": "Loss"}],
             "outputs": {"Prediction": {}, "Loss": {}}}""";

    @Test
    void aGruClassifierLearnsSequencesOfVaryingLength() {
        ExampleTable data = SequenceProblems.majority(2, 800, 4, 30, 1);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(12).seed(3).build();

        PreparedTraining training = NetTrain.prepare(parse(GRU_CLASSIFIER), null, data, null, DataMapping.AUTOMATIC, options);
        TrainingResult r = training.run().result();

        assertThat(r.stopReason()).as(r.message()).isEqualTo(StopReason.COMPLETED);
        assertThat(training.binding().describe()).containsExactly(
                "input Input ← column 'Input' (sequences of tokens (12 distinct))",
                "output Output trained against column 'Target' (classes (2: marker 0, marker 1))");
        EpochMetrics first = r.history().get(0);
        EpochMetrics best = r.finalMetrics().orElseThrow();
        assertThat(best.training().loss()).isLessThan(first.training().loss() * 0.5);
        assertThat(best.validation().orElseThrow().accuracy().getAsDouble()).isGreaterThan(0.85);
    }

    @Test
    void aTransformerWithTokensAndPositionsTrainsItsPositionsFedByTheEngine() {
        NetNode net = testNet("tokens-positions-transformer.json");
        ExampleTable data = SequenceProblems.majority(4, 800, 5, 40, 2);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.005).batchSize(32).maxEpochs(6).seed(1).build();

        PreparedTraining training = NetTrain.prepare(net, null, data, null, DataMapping.AUTOMATIC.withInput("Tokens", "Input"),
                options);
        TrainingResult r = training.run().result();

        assertThat(r.stopReason()).as(r.message()).isEqualTo(StopReason.COMPLETED);
        assertThat(training.binding().inputs()).containsEntry("Tokens", "Input").containsEntry("Positions", "Positions");
        assertThat(r.finalMetrics().orElseThrow().training().loss()).isLessThan(r.history().get(0).training().loss());
    }

    @Test
    void aCharacterModelLearnsTheNextElementAtEveryPositionPaddingLeftOut() {
        NetNode net = parse("""
                {"type": "Chain", "input": {"shape": ["n"], "index": 12},
                 "layers": [{"type": "Embedding", "size": 16, "vocabulary": 12}, {"type": "LSTM", "units": 48},
                            {"type": "Linear", "units": 12}, {"type": "Softmax"}]}""");
        ExampleTable data = SequenceProblems.nextElement(12, 600, 8, 30, 4);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(15).seed(2).build();

        TrainingResult r = NetTrain.prepare(net, null, data, null, DataMapping.AUTOMATIC, options).run().result();

        assertThat(r.stopReason()).as(r.message()).isEqualTo(StopReason.COMPLETED);
        Metrics validation = r.finalMetrics().orElseThrow().validation().orElseThrow();
        // Elements before a whole period was seen cannot be known (about a sixth of them); chance is 1 in 12.
        assertThat(validation.accuracy().getAsDouble()).isGreaterThan(0.6);
    }

    @Test
    void aGraphWithTwoInputsTrainsOnTwoColumns() {
        Random random = new Random(5);
        int n = 600;
        float[] images = new float[n * 16];
        float[] vectors = new float[n * 3];
        int[] labels = new int[n];
        for (int e = 0; e < n; e++) {
            float brightness = random.nextFloat();
            for (int i = 0; i < 16; i++) {
                images[e * 16 + i] = brightness + 0.1f * (float) random.nextGaussian();
            }
            for (int i = 0; i < 3; i++) {
                vectors[e * 3 + i] = (float) random.nextGaussian();
            }
            // The class needs both inputs: a bright image and a positive first coordinate, or neither.
            labels[e] = (brightness > 0.5) == (vectors[e * 3] > 0) ? 1 : 0;
        }
        Targets.Classes classes = Targets.Classes.numbered(labels, 2);
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("image", new FeatureColumn(new MemoryDataset("images", images, new Shape(1, 4, 4), classes, null)));
        columns.put("vector", new FeatureColumn(new MemoryDataset("vectors", vectors, new Shape(3), classes, null)));
        columns.put("label", new TargetColumn(classes));
        ExampleTable data = new ExampleTable("Two inputs", columns, null, classes.classNames());
        NetNode net = parse("""
                {"type": "Graph", "inputs": {"Image": {"shape": [1, 4, 4]}, "Vector": {"shape": [3]}},
                 "nodes": {"flatten": {"type": "Flatten"}, "join": {"type": "Catenate"},
                           "hidden": {"type": "Linear", "units": 32}, "ramp": {"type": "Ramp"},
                           "out": {"type": "Linear", "units": 2}, "softmax": {"type": "Softmax"}},
                 "edges": [{"from": "Image", "to": "flatten"}, {"from": "flatten", "to": "join.Input1"},
                           {"from": "Vector", "to": "join.Input2"}, {"from": "join", "to": "hidden"},
                           {"from": "hidden", "to": "ramp"}, {"from": "ramp", "to": "out"}, {"from": "out", "to": "softmax"},
                           {"from": "softmax", "to": "Class"}],
                 "outputs": {"Class": {}}}""");
        DataMapping mapping = DataMapping.AUTOMATIC.withInput("Image", "image").withInput("Vector", "vector")
                .withTarget("Class", "label");
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(20).seed(1).build();

        PreparedTraining training = NetTrain.prepare(net, null, data, null, mapping, options);
        TrainingResult r = training.run().result();

        assertThat(r.finalMetrics().orElseThrow().validation().orElseThrow().accuracy().getAsDouble()).isGreaterThan(0.9);
        assertThatThrownBy(() -> NetTrain.bind(net, data, DataMapping.AUTOMATIC.withInput("Image", "vector")
                .withInput("Vector", "image").withTarget("Class", "label")))
                .hasMessage("The net's input 'Image' takes a 1×4×4 array (16 values), but column 'vector' of 'Two inputs'"
                        + " holds vectors of 3 real numbers (3 values)");
    }

    @Test
    void aNetWithItsOwnMeanSquaredLossTrainsAsDrawn() {
        NetNode net = parse(LINEAR_WITH_OWN_LOSS);
        MemoryDataset data = GeneratedDatasets.linear(800, 3, 0.1, 3).dataset();
        TrainingOptions options = TrainingOptions.builder().learningRate(0.05).batchSize(32).maxEpochs(30).seed(1).build();

        PreparedTraining training = NetTrain.prepare(net, null, ExampleTable.of(data), null, DataMapping.AUTOMATIC, options);
        TrainingResult r = training.run().result();

        assertThat(training.binding().ownLosses()).containsExactly("Loss");
        assertThat(training.binding().targets()).isEmpty();
        assertThat(training.binding().inputs()).containsEntry("Input", "Input").containsEntry("Target", "Target");
        // The noise has a standard deviation of 0.1: a fitted line leaves a mean squared error near 0.01.
        assertThat(r.finalMetrics().orElseThrow().validation().orElseThrow().loss()).isLessThan(0.03);
    }

    @Test
    void lossesAreSummedWithTheirWeights() {
        NetNode net = parse(LINEAR_WITH_OWN_LOSS);
        ExampleTable data = ExampleTable.of(GeneratedDatasets.linear(200, 3, 0.1, 3).dataset());
        TrainingOptions options = TrainingOptions.builder().maxEpochs(1).seed(1).validationFraction(0).build();
        org.netstudio.netgraph.io.Weights start;
        try (NetRunner untrained = NetRunner.untrained(net, 1)) {
            start = untrained.weights();
        }

        double once = NetTrain.evaluate(net, start, data, DataMapping.AUTOMATIC).loss();
        double thrice = NetTrain.evaluate(net, start, data, DataMapping.AUTOMATIC.withLossWeight("Loss", 3)).loss();

        assertThat(thrice).isCloseTo(3 * once, org.assertj.core.data.Offset.offset(1e-4 * once));
    }

    @Test
    void aSequenceNetOnDataOfAnotherKindIsExplainedBeforeTraining() {
        TrainingOptions options = TrainingOptions.builder().maxEpochs(1).build();
        assertThatThrownBy(() -> NetTrain.prepare(parse(GRU_CLASSIFIER), null, GeneratedDatasets.spirals(2, 50, 0.1, 1),
                options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The net's input 'Input' takes n indices in 0..19999, but column 'Input' of"
                        + " 'Spirals")
                .hasMessageContaining("holds vectors of 2 real numbers; indices cannot be made from real numbers (example 0 holds ");
    }

    /** One of netgraph's test nets (its test jar's {@code /nets}). */
    private static NetNode testNet(String file) {
        try (InputStream in = NetTrainPortsTest.class.getResourceAsStream("/nets/" + file)) {
            return NetFileReader.read(in, file).net();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static NetNode parse(String net) {
        try {
            return NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": " + net + "}", "t.json").net();
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }

}
