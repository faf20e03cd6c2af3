package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.data.ValidationSplit;
import org.netstudio.engine.encoding.ClassEncoder;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;

/** Nets with a text encoder train on text read from files, and the trained net reads new text by itself. */
class TextTrainingTest {

    private static final List<String> LANGUAGES = List.of("de", "en", "es", "fr", "it");

    /** A character-level classifier of words: its alphabet is built from the training words. */
    static Chain wordClassifier() {
        return Chain.of(PortDecls.encoder(new Coder("Characters", Map.of())), Layer.of("Embedding", "size", 16),
                Layer.of("GRU", "units", 64, "returnSequences", false), Layer.of("Linear", "units", 5),
                Layer.of("Softmax")).withOutput(PortDecls.decoder(new Coder("Class", Map.of("labels", LANGUAGES))));
    }

    @Test
    void aCharacterGruLearnsTheLanguageOfWordsOfVaryingLengthAndTheSavedNetReadsWordsAlone(@TempDir Path dir)
            throws Exception {
        Path all = Path.of(TextTrainingTest.class.getResource("/org/netstudio/engine/data/words.csv").toURI());
        Path csv = dir.resolve("words.csv");
        Files.write(csv, Files.readAllLines(all).subList(0, 3001));
        TextDatasets.TextData data = TextDatasets.open(csv, wordClassifier(),
                TextDatasets.Options.defaults("language", 0.2, 3));
        TrainingOptions options = TrainingOptions.builder().maxEpochs(4).batchSize(32).learningRate(0.01).seed(3)
                .validationFraction(0.2).build();

        TrainedNet trained = NetTrain.prepare(data.net(), null, data.table(), null, DataMapping.AUTOMATIC, options).run();

        assertThat(trained.result().failed()).as(trained.result().message()).isFalse();
        EpochMetrics best = trained.result().finalMetrics().orElseThrow();
        // Five languages: chance is 20 %.
        assertThat(best.validation().orElseThrow().accuracy().getAsDouble()).isGreaterThan(0.55);
        List<EpochMetrics> history = trained.result().history();
        assertThat(history.get(history.size() - 1).training().loss()).isLessThan(history.get(0).training().loss());

        Path saved = dir.resolve("words.nsnet");
        NetFiles.write(saved, new NetDocument("words", trained.net(), org.netstudio.netgraph.net.Layout.EMPTY),
                trained.weights());
        LoadedNet back = NetFiles.read(saved);
        assertThat(((Chain) back.document().net()).input().coder().options()).containsKey("alphabet");

        ExampleTable validation = data.table().subset(ValidationSplit.of(data.table().size(), 0.2, 3).validation(),
                "validation");
        SequenceColumn words = (SequenceColumn) validation.column(ExampleTable.FEATURES).orElseThrow();
        Targets.Classes truth = (Targets.Classes) ((TargetColumn) validation.column(ExampleTable.TARGET).orElseThrow())
                .targets();
        List<int[]> sequences = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            sequences.add(words.indices(i));
        }
        ClassEncoder classes = new ClassEncoder(LANGUAGES);
        try (NetRunner runner = NetRunner.open(saved)) {
            List<List<TensorValue>> together = runner.predictSequences(sequences);
            int right = 0;
            for (int i = 0; i < sequences.size(); i++) {
                float[] p = together.get(i).get(0).values();
                right += classes.topK(p, 1).get(0).index() == truth.label(i) ? 1 : 0;
                if (i < 20) {
                    // Padded in a batch with longer words, a word gets what it gets alone.
                    float[] alone = runner.predictSequences(List.of(sequences.get(i))).get(0).get(0).values();
                    assertThat(p).containsExactly(alone, org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            assertThat((double) right / sequences.size())
                    .isCloseTo(best.validation().orElseThrow().accuracy().getAsDouble(),
                            org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aNextCharacterNetTrainsOnAPlainTextAndPredictsPerCharacter(@TempDir Path dir) throws Exception {
        Path txt = dir.resolve("abc.txt");
        Files.writeString(txt, "the cat sat on the mat. ".repeat(200));
        Coder chars = new Coder("Characters", Map.of());
        Chain net = Chain.of(PortDecls.encoder(chars), Layer.of("Embedding", "size", 8), Layer.of("GRU", "units", 32),
                Layer.of("Linear", "units", 12), Layer.of("Softmax")).withOutput(PortDecls.decoder(chars));
        TextDatasets.TextData data = TextDatasets.open(txt, net,
                TextDatasets.Options.defaults(null, 0.1, 1).withWindow(24, 12));
        assertThat(data.encoder().size()).isEqualTo(12);
        TrainingOptions options = TrainingOptions.builder().maxEpochs(6).batchSize(16).learningRate(0.01).seed(1).build();

        TrainedNet trained = NetTrain.prepare(data.net(), null, data.table(), data.validation(),
                DataMapping.AUTOMATIC, options).run();

        List<EpochMetrics> history = trained.result().history();
        assertThat(trained.result().failed()).as(trained.result().message()).isFalse();
        double first = history.get(0).validation().orElseThrow().loss();
        double best = trained.result().finalMetrics().orElseThrow().validation().orElseThrow().loss();
        // Predicting from the character frequencies alone costs about ln 10; the text is all pattern.
        assertThat(best).isLessThan(0.3).isLessThan(first);
        try (NetRunner runner = trained.runner()) {
            int[] prompt = data.encoder().encode("the cat sat on the ma");
            TensorValue out = runner.predictSequences(List.of(prompt)).get(0).get(0);
            assertThat(out.shape()).containsExactly(prompt.length, 12);
            String next = data.encoder().decodeScores(out.values(), prompt.length);
            assertThat(next).endsWith("t");
        }
    }
}
