package org.netstudio.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.run.TextGenerator;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;

/**
 * The character-model must-show of issue 11: a character LSTM trained for a few minutes on the
 * licence texts Debian ships ({@code /usr/share/common-licenses}, every file, in name order), its
 * validation loss (nats per character, on the last tenth of the text) beside the loss of
 * predicting each character by its frequency in the training part (the unigram baseline), then
 * text it generates from a prompt. The trained net is saved for {@code netstudio generate} and Try
 * It. Not a unit test.
 *
 * <p>Run: {@code ./bench charlm [SECONDS [OUT.nsnet]]} (defaults 240 s, {@code target/licences-lstm.nsnet}).
 */
public final class CharModelBench {

    private static final String NET = """
            {"format": "netstudio.net", "version": 1, "name": "Licence LSTM", "net": {"type": "Chain",
             "input": {"encoder": {"type": "Characters"}},
             "layers": [{"type": "Embedding", "size": 32}, {"type": "LSTM", "units": 256},
                        {"type": "Linear", "units": UNITS}, {"type": "Softmax"}],
             "output": {"decoder": {"type": "Characters"}}}}""";

    private CharModelBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = BenchArgs.integer(args, 0, 240);
        Path out = Path.of(args.length > 1 ? args[1] : "target/licences-lstm.nsnet").toAbsolutePath();
        String text = licences(Path.of("/usr/share/common-licenses"));
        TextDatasets.Options options = new TextDatasets.Options(null, null, 100, 50, 0.1, 0, null);
        // The alphabet is built from the text; the last Linear layer gives a score for each of its characters.
        int alphabet = TextDatasets.nextElement(text, "Debian licences", NetFileReader.read(NET.replace("UNITS", "1"),
                "licence-lstm.json").net(), options).encoder().size();
        NetDocument doc = NetFileReader.read(NET.replace("UNITS", Integer.toString(alphabet)), "licence-lstm.json");
        TextDatasets.TextData data = TextDatasets.nextElement(text, "Debian licences", doc.net(), options);
        double unigram = unigramLoss(text, data, options);
        System.out.printf(Locale.ROOT, "text: %,d characters of Debian's licences; alphabet of %d; %,d training windows"
                + " of 100, %,d validation windows%n", text.length(), data.encoder().size(), data.table().size(),
                data.validation().size());
        System.out.printf(Locale.ROOT, "unigram baseline (each character by its training frequency): %.3f nats per"
                + " character on the validation text%n", unigram);

        TrainingOptions training = TrainingOptions.builder().maxEpochs(1000).batchSize(32).learningRate(0.003)
                .earlyStoppingPatience(0).seed(1).build();
        PreparedTraining run = NetTrain.prepare(data.net(), null, data.table(), data.validation(), DataMapping.AUTOMATIC,
                training);
        long start = System.nanoTime();
        run.addListener(event -> {
            if (event instanceof TrainingEvent.EpochEnded e) {
                EpochMetrics m = e.metrics();
                System.out.printf(Locale.ROOT, "epoch %3d  %6.1f s  training loss %.3f  validation loss %.3f (%.0f%% of"
                        + " the unigram baseline)%n", m.epoch(), (System.nanoTime() - start) / 1e9,
                        m.training().loss(), m.validation().orElseThrow().loss(),
                        100 * m.validation().orElseThrow().loss() / unigram);
            }
        });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.schedule(() -> run.stop(), seconds, TimeUnit.SECONDS);
        TrainedNet trained = run.run();
        timer.shutdownNow();
        EpochMetrics best = trained.result().finalMetrics().orElseThrow();
        double loss = best.validation().orElseThrow().loss();
        System.out.printf(Locale.ROOT, "best epoch %d of %d after %.0f s: validation loss %.3f nats per character,"
                + " %.0f%% of the unigram baseline %.3f (%.2f bits against %.2f)%n", trained.result().bestEpoch(),
                trained.result().epochsCompleted(), (System.nanoTime() - start) / 1e9, loss, 100 * loss / unigram,
                unigram, loss / Math.log(2), unigram / Math.log(2));
        Files.createDirectories(out.getParent());
        NetFiles.write(out, doc.withNet(trained.net()), trained.weights());
        System.out.println("saved " + out + "; try: netstudio generate " + out + " --prompt 'The '");
        try (TextGenerator generator = TextGenerator.load(trained.net(), trained.weights())) {
            String prompt = "This License ";
            System.out.println("generated (temperature " + TextGenerator.DEFAULT_TEMPERATURE + ", seed 0):");
            System.out.println(prompt + generator.generate(prompt, TextGenerator.DEFAULT_LENGTH,
                    TextGenerator.DEFAULT_TEMPERATURE, 0, null));
        }
    }

    /** Every regular licence file, in name order, one after the other. */
    static String licences(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().forEach(files::add);
        }
        StringBuilder text = new StringBuilder();
        for (Path p : files) {
            text.append(Files.readString(p)).append('\n');
        }
        return text.toString();
    }

    /**
     * The cross-entropy of predicting each validation character by its frequency in the training
     * part (add-one smoothed over the alphabet), in nats per character.
     */
    static double unigramLoss(String text, TextDatasets.TextData data, TextDatasets.Options options) {
        int cut = text.length() - validationLength(text, data);
        int[] training = data.encoder().encode(text.substring(0, cut));
        int[] validation = data.encoder().encode(text.substring(cut));
        double[] counts = new double[data.encoder().size()];
        java.util.Arrays.fill(counts, 1);
        for (int c : training) {
            counts[c]++;
        }
        double total = java.util.Arrays.stream(counts).sum();
        double loss = 0;
        for (int c : validation) {
            loss -= Math.log(counts[c] / total);
        }
        return loss / validation.length;
    }

    /** Characters in the validation part: as many as its windows cover, at most the text's last tenth. */
    private static int validationLength(String text, TextDatasets.TextData data) {
        // The split is TextDatasets': the last tenth, moved on to the next white space.
        int at = (int) Math.round(text.length() * 0.9);
        for (int i = at; i < Math.min(text.length(), at + 200); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return text.length() - i;
            }
        }
        return text.length() - at;
    }
}
