package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.encoding.CharacterEncoder;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/** A next-character net, trained on a text, continues a prompt; the carried state gives what re-reading gives. */
class TextGeneratorTest {

    private static final String ALPHABET = " .acdeghilmnostu";
    private static final String TEXT = "the cat sat on the mat. the dog lies in the sun. ";

    private static NetNode charNet(String extraLayer) {
        try {
            return NetFileReader.read("""
                    {"format": "netstudio.net", "version": 1, "net": {"type": "Chain",
                     "input": {"encoder": {"type": "Characters", "alphabet": "%s"}},
                     "layers": [{"type": "Embedding", "size": 12, "vocabulary": %d}, {"type": "LSTM", "units": 64},
                                %s{"type": "Linear", "units": %d}, {"type": "Softmax"}],
                     "output": {"decoder": {"type": "Characters", "alphabet": "%s"}}}}"""
                    .formatted(ALPHABET, ALPHABET.length(), extraLayer, ALPHABET.length(), ALPHABET), "c.json").net();
        } catch (NetFileException e) {
            throw new AssertionError(e);
        }
    }

    /** Windows of a repeated text: each character's target is the one after it. */
    private static ExampleTable windows() {
        CharacterEncoder encoder = new CharacterEncoder(ALPHABET);
        int[] text = encoder.encode(TEXT.repeat(40));
        Random random = new Random(3);
        List<int[]> inputs = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int length = 20 + random.nextInt(30);
            int start = random.nextInt(text.length - length - 1);
            inputs.add(java.util.Arrays.copyOfRange(text, start, start + length));
            targets.add(java.util.Arrays.copyOfRange(text, start + 1, start + length + 1));
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put(ExampleTable.FEATURES, SequenceColumn.ofIndices(inputs, ALPHABET.length(), "characters"));
        columns.put(ExampleTable.TARGET, SequenceColumn.ofIndices(targets, ALPHABET.length(), "characters"));
        return new ExampleTable("Two sentences", columns, null, List.of());
    }

    private static Weights trained(NetNode net) {
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).batchSize(16).maxEpochs(12).seed(1).build();
        return NetTrain.prepare(net, null, windows(), null, DataMapping.AUTOMATIC, options).run().weights();
    }

    @Test
    void aTrainedCharacterNetContinuesThePromptCarryingItsState() {
        NetNode net = charNet("");
        try (TextGenerator generator = TextGenerator.load(net, trained(net))) {
            assertThat(generator.carriesState()).isTrue();
            StringBuilder streamed = new StringBuilder();

            String made = generator.generate("the dog ", 24, 0, 1, streamed::append);

            assertThat(made).isEqualTo("lies in the sun. the cat");
            assertThat(streamed.toString()).isEqualTo(made);
            // Sampling at a temperature varies with the seed but stays in the alphabet.
            assertThat(generator.generate("the ", 50, 1.0, 7, null)).hasSize(50).matches("[" + ALPHABET + "]*");
            assertThat(generator.generate("the ", 50, 1.0, 7, null)).isEqualTo(generator.generate("the ", 50, 1.0, 7, null));
        }
    }

    @Test
    void stepByStepWithTheCarriedStateGivesWhatReadingTheWholeTextGives() {
        NetNode stepwise = charNet("");
        // A SequenceReverse makes the generator re-read the whole text each step; reversing twice changes nothing.
        NetNode rereading = charNet("{\"type\": \"SequenceReverse\"}, {\"type\": \"SequenceReverse\"}, ");
        Weights weights = trained(stepwise);
        try (TextGenerator carried = TextGenerator.load(stepwise, weights);
             TextGenerator reread = TextGenerator.load(rereading, weights)) {
            assertThat(reread.carriesState()).isFalse();
            assertThat(carried.generate("the c", 40, 0.8, 5, null)).isEqualTo(reread.generate("the c", 40, 0.8, 5, null));
        }
    }

    @Test
    void aFoldCarriesItsStateAndABidirectionalReadsTheWholeTextAgain() {
        String cell = "{\"type\": \"Graph\", \"inputs\": {\"Input\": {}, \"State\": {}},"
                + " \"nodes\": {\"cat\": {\"type\": \"Catenate\"}, \"linear\": {\"type\": \"Linear\", \"units\": 16},"
                + " \"tanh\": {\"type\": \"Tanh\"}}, \"edges\": [{\"from\": \"Input\", \"to\": \"cat.Input1\"},"
                + " {\"from\": \"State\", \"to\": \"cat.Input2\"}, {\"from\": \"cat\", \"to\": \"linear\"},"
                + " {\"from\": \"linear\", \"to\": \"tanh\"}, {\"from\": \"tanh\", \"to\": \"Output\"}],"
                + " \"outputs\": {\"Output\": {}}}";
        NetNode fold = charNet("{\"type\": \"Fold\", \"net\": " + cell + "}, ");
        NetNode foldRereading = charNet("{\"type\": \"Fold\", \"net\": " + cell + "}, {\"type\": \"SequenceReverse\"},"
                + " {\"type\": \"SequenceReverse\"}, ");
        NetNode bidirectional = charNet("{\"type\": \"Bidirectional\", \"forward\": {\"type\": \"GRU\", \"units\": 8},"
                + " \"backward\": {\"type\": \"GRU\", \"units\": 8}}, ");
        Weights weights;
        try (NetRunner untrained = NetRunner.untrained(fold, 1)) {
            weights = untrained.weights();
        }
        try (TextGenerator carried = TextGenerator.load(fold, weights);
             TextGenerator reread = TextGenerator.load(foldRereading, weights);
             NetRunner untrained = NetRunner.untrained(bidirectional, 1);
             TextGenerator both = TextGenerator.load(bidirectional, untrained.weights())) {
            assertThat(carried.carriesState()).isTrue();
            assertThat(both.carriesState()).as("its backward net must read the whole text again").isFalse();
            assertThat(carried.generate("the c", 30, 0, 5, null)).isEqualTo(reread.generate("the c", 30, 0, 5, null));
        }
    }

    @Test
    void promptsAndNetsThatCannotGenerateAreExplained() {
        NetNode net = charNet("");
        Weights weights;
        try (NetRunner untrained = NetRunner.untrained(net, 1)) {
            weights = untrained.weights();
        }
        try (TextGenerator generator = TextGenerator.load(net, weights)) {
            assertThatThrownBy(() -> generator.generate("the Dog", 5, 1, 1, null))
                    .hasMessage("The character 'D' (U+0044) at position 5 of \"the Dog\" is not in the alphabet");
            assertThatThrownBy(() -> generator.generate("", 5, 1, 1, null)).hasMessage("The prompt must have at least one character");
        }
    }
}
