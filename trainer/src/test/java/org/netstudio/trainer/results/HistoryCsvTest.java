package org.netstudio.trainer.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.metrics.ConfusionMatrix;
import org.netstudio.engine.metrics.Measure;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;

class HistoryCsvTest {

    private static final List<EpochMetrics> HISTORY = List.of(
            new EpochMetrics(1, new Metrics(1.25, OptionalDouble.of(0.5), 800),
                    Optional.of(new Metrics(1.0, OptionalDouble.of(0.625), 200)), 0.01, 0.5),
            new EpochMetrics(2, new Metrics(0.75, OptionalDouble.of(0.8), 800),
                    Optional.of(new Metrics(0.5, OptionalDouble.of(0.875), 200)), 0.001, 0.25));

    @Test
    void oneRowPerEpochUnderTheHeader() {
        assertThat(HistoryCsv.format(HISTORY)).isEqualTo("""
                epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds
                1,1.25,0.5,1.0,0.625,0.01,0.5
                2,0.75,0.8,0.5,0.875,0.001,0.25
                """);
    }

    @Test
    void missingValuesAreEmptyCells() {
        List<EpochMetrics> regression = List.of(new EpochMetrics(1, new Metrics(3.5, OptionalDouble.empty(), 10),
                Optional.empty(), 0.1, 2.0));
        assertThat(HistoryCsv.format(regression).lines().toList().get(1)).isEqualTo("1,3.5,,,,0.1,2.0");
    }

    @Test
    void eachFurtherMeasureGetsATrainingAndAValidationColumn() {
        Metrics training = new Metrics(0.4, OptionalDouble.empty(), 80, List.of(),
                Map.of(Measure.MEAN_ABSOLUTE_ERROR, 0.5, Measure.R_SQUARED, 0.75));
        Metrics validation = new Metrics(0.5, OptionalDouble.empty(), 20, List.of(),
                Map.of(Measure.MEAN_ABSOLUTE_ERROR, 0.625, Measure.R_SQUARED, 0.5));
        String csv = HistoryCsv.format(List.of(new EpochMetrics(1, training, Optional.of(validation), 0.1, 1.0)));

        assertThat(csv.lines().toList()).containsExactly(
                HistoryCsv.HEADER + ",train_mae,validation_mae,train_r2,validation_r2",
                "1,0.4,,0.5,,0.1,1.0,0.5,0.625,0.75,0.5");
    }

    @Test
    void writesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.csv");
        HistoryCsv.write(file, HISTORY);
        assertThat(Files.readString(file)).isEqualTo(HistoryCsv.format(HISTORY));
        assertThat(dir.toFile().list()).containsExactly("history.csv");
    }

    @Test
    void confusionMatrixCountsAndPerClassAccuracy() {
        ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b", "c"),
                new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 1, 0});
        assertThat(m.total()).isEqualTo(6);
        assertThat(m.count(0, 0)).isEqualTo(2);
        assertThat(m.count(0, 1)).isEqualTo(1);
        assertThat(m.count(2, 0)).isEqualTo(1);
        assertThat(m.classAccuracy(0)).isEqualTo(2.0 / 3);
        assertThat(m.classAccuracy(1)).isEqualTo(1.0);
        assertThat(m.classAccuracy(2)).isEqualTo(0.0);
        assertThat(m.accuracy()).isEqualTo(4.0 / 6);
        assertThat(m.maxCount()).isEqualTo(2);
    }
}
