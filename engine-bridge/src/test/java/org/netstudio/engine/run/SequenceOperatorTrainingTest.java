package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetNode;

/**
 * A small net with each sequence operator trains through {@link NetTrain} on sequences of varying
 * length (padded batches): its loss falls and it learns the task, which needs the whole sequence
 * (is the mean of the first component positive?).
 */
class SequenceOperatorTrainingTest {

    private static final String ELMAN = "{\"type\": \"Graph\", \"inputs\": {\"Input\": {}, \"State\": {}},"
            + " \"nodes\": {\"cat\": {\"type\": \"Catenate\"}, \"linear\": {\"type\": \"Linear\", \"units\": 8},"
            + " \"tanh\": {\"type\": \"Tanh\"}},"
            + " \"edges\": [{\"from\": \"Input\", \"to\": \"cat.Input1\"}, {\"from\": \"State\", \"to\": \"cat.Input2\"},"
            + " {\"from\": \"cat\", \"to\": \"linear\"}, {\"from\": \"linear\", \"to\": \"tanh\"},"
            + " {\"from\": \"tanh\", \"to\": \"Output\"}], \"outputs\": {\"Output\": {}}}";

    static Stream<Arguments> nets() {
        return Stream.of(
                Arguments.of("Map", "{\"type\": \"Map\", \"net\": {\"type\": \"Chain\", \"layers\": ["
                        + "{\"type\": \"Linear\", \"units\": 8}, {\"type\": \"Tanh\"}]}},"
                        + " {\"type\": \"GRU\", \"units\": 8, \"returnSequences\": false}"),
                Arguments.of("Fold", "{\"type\": \"Fold\", \"net\": " + ELMAN + ", \"returnSequences\": false}"),
                Arguments.of("Bidirectional", "{\"type\": \"Bidirectional\", \"merge\": \"catenate\","
                        + " \"forward\": {\"type\": \"GRU\", \"units\": 6, \"returnSequences\": false},"
                        + " \"backward\": {\"type\": \"GRU\", \"units\": 6, \"returnSequences\": false}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void aNetWithTheOperatorLearnsFromSequencesOfVaryingLength(String operator, String layers) {
        NetNode net = parse("{\"type\": \"Chain\", \"input\": {\"shape\": [\"n\", 2]}, \"layers\": [" + layers
                + ", {\"type\": \"Linear\", \"units\": 2}, {\"type\": \"Softmax\"}]}");
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(12)
                .validationFraction(0.2).seed(3).build();

        TrainedNet trained = NetTrain.prepare(net, null, signs(600, 11), null, DataMapping.AUTOMATIC, options).run();

        assertThat(trained.result().stopReason()).as(trained.result().message()).isEqualTo(StopReason.COMPLETED);
        List<EpochMetrics> history = trained.result().history();
        double first = history.get(0).training().loss();
        double last = history.get(history.size() - 1).training().loss();
        assertThat(last).as("%s: training loss of the last epoch against the first", operator).isLessThan(first * 0.7);
        assertThat(trained.result().finalMetrics().orElseThrow().validation().orElseThrow().accuracy().getAsDouble())
                .as("%s: validation accuracy", operator).isGreaterThanOrEqualTo(0.85);
    }

    /** Sequences of 2 to 9 vectors of size 2; the class says whether the first components' mean is positive. */
    private static ExampleTable signs(int count, long seed) {
        Random r = new Random(seed);
        List<float[]> sequences = new ArrayList<>();
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int length = 2 + r.nextInt(8);
            float[] v = new float[length * 2];
            double sum = 0;
            for (int t = 0; t < length; t++) {
                v[2 * t] = (float) r.nextGaussian();
                v[2 * t + 1] = (float) r.nextGaussian();
                sum += v[2 * t];
            }
            sequences.add(v);
            labels[i] = sum > 0 ? 1 : 0;
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put(ExampleTable.FEATURES, SequenceColumn.ofVectors(sequences, 2, "vectors"));
        columns.put(ExampleTable.TARGET, new TargetColumn(Targets.Classes.numbered(labels, 2)));
        return new ExampleTable("signs", columns, null, List.of("0", "1"));
    }

    private static NetNode parse(String net) {
        try {
            return NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": " + net + "}", "t.json").net();
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }
}
