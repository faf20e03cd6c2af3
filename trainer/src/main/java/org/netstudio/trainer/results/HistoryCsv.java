package org.netstudio.trainer.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.netstudio.engine.metrics.Measure;
import org.netstudio.engine.train.EpochMetrics;

/**
 * Writes a training history as CSV, one row per epoch: {@code epoch, train_loss, train_accuracy,
 * validation_loss, validation_accuracy, learning_rate, seconds}, then for each further measure the
 * run has (e.g. {@code train_macroF1, validation_macroF1}, {@code train_r2, validation_r2}) two
 * columns named by its {@link Measure#id()}. Empty cells where a value does not exist (accuracy of real-valued targets, validation without validation data). Numbers use a dot
 * and full precision, so spreadsheets and pandas read them back exactly.
 */
public final class HistoryCsv {

    /** The header row. */
    public static final String HEADER =
            "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds";

    private HistoryCsv() {}

    /** The CSV text, header first, lines ending in {@code \n}. */
    public static String format(List<EpochMetrics> history) {
        Set<Measure> measures = EnumSet.noneOf(Measure.class);
        for (EpochMetrics m : history) {
            measures.addAll(m.training().measures().keySet());
            m.validation().ifPresent(v -> measures.addAll(v.measures().keySet()));
        }
        measures.remove(Measure.ACCURACY);
        StringBuilder out = new StringBuilder(HEADER);
        for (Measure measure : measures) {
            out.append(",train_").append(measure.id()).append(",validation_").append(measure.id());
        }
        out.append('\n');
        for (EpochMetrics m : history) {
            out.append(m.epoch()).append(',')
                    .append(number(m.training().loss())).append(',')
                    .append(number(m.training().accuracy())).append(',')
                    .append(m.validation().map(v -> number(v.loss())).orElse("")).append(',')
                    .append(m.validation().map(v -> number(v.accuracy())).orElse("")).append(',')
                    .append(number(m.learningRate())).append(',')
                    .append(number(m.seconds()));
            for (Measure measure : measures) {
                out.append(',').append(number(m.training().measure(measure))).append(',')
                        .append(m.validation().map(v -> number(v.measure(measure))).orElse(""));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Writes the CSV to a file atomically (a temporary file, then a rename). */
    public static void write(Path file, List<EpochMetrics> history) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".history", ".csv.tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(format(history));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : "";
    }

    private static String number(double value) {
        return Double.toString(value);
    }
}
