package org.netstudio.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.LinearProblem;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.device.DeviceSpec;

class TrainingLoopsTest {

    private static final Shape POINT = new Shape(2);
    private static ExecutorService helper;

    @BeforeAll
    static void startHelper() {
        helper = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopHelper() {
        helper.shutdownNow();
    }

    private static MemoryDataset spirals() {
        return GeneratedDatasets.spirals(3, 300, 0.05, 7);
    }

    @Test
    void mlpLearnsSpiralsAboveNinetyFivePercent() {
        TrainingOptions options = TrainingOptions.builder()
                .learningRate(0.01).batchSize(32).maxEpochs(15).validationFraction(0.2).seed(1).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(32, 3), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, spirals(), options);

            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(result.history()).hasSize(15);
            EpochMetrics best = result.finalMetrics().orElseThrow();
            assertThat(best.epoch()).isEqualTo(result.bestEpoch());
            assertThat(best.validation().orElseThrow().accuracy().getAsDouble()).isGreaterThanOrEqualTo(0.95);
            assertThat(best.validation().orElseThrow().examples()).isEqualTo(180);
            assertThat(result.samplesPerSecond()).isPositive();
            // The block now holds the best epoch's parameters: evaluating it reproduces that epoch's validation loss.
            Metrics whole = NetEvaluator.evaluate(model.getBlock(), POINT, spirals(), LossKind.AUTOMATIC);
            assertThat(whole.accuracy().getAsDouble()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void linearRegressionConvergesToTheTrueCoefficients() {
        LinearProblem problem = GeneratedDatasets.linear(2000, 3, 0.1, 11);
        TrainingOptions options = TrainingOptions.builder()
                .learningRate(0.05).schedule(LearningRateSchedule.cosine(0.01)).loss(LossKind.MEAN_SQUARED)
                .batchSize(32).maxEpochs(15).validationFraction(0.1).seed(3).build();
        try (Model model = TrainingLoops.newModel("linear", Linear.builder().setUnits(1).build(), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, new Shape(3), problem.dataset(), options);

            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            ParameterSnapshot p = result.parameters();
            assertThat(p.names()).hasSize(2);
            float[] weights = p.values(p.names().get(0));
            float[] bias = p.values(p.names().get(1));
            for (int i = 0; i < 3; i++) {
                assertThat(weights[i]).isCloseTo(problem.weights()[i], within(0.05f));
            }
            assertThat(bias[0]).isCloseTo(problem.bias(), within(0.05f));
            // Noise variance is 0.01: the validation MSE ends near it.
            assertThat(result.finalMetrics().orElseThrow().validation().orElseThrow().loss()).isLessThan(0.02);
        }
    }

    @Test
    void stopFromAnotherThreadReturnsAUsableResultWithinOneBatch() throws Exception {
        TrainingOptions options = TrainingOptions.builder()
                .learningRate(0.01).batchSize(8).maxEpochs(1000).validationFraction(0.2).seed(2).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(32, 3), DeviceSpec.CPU)) {
            TrainingLoop run = TrainingLoops.prepare(model, POINT, spirals(), options);
            AtomicLong batchesEnded = new AtomicLong();
            AtomicLong batchesWhenStopped = new AtomicLong(-1);
            run.addListener(event -> {
                if (event instanceof TrainingEvent.BatchEnded) {
                    if (batchesEnded.incrementAndGet() == 5) {
                        helper.submit(() -> {
                            run.stop();
                            batchesWhenStopped.set(batchesEnded.get());
                        });
                    }
                }
            });

            TrainingResult result = run.start().get(60, TimeUnit.SECONDS);

            assertThat(result.stopReason()).isEqualTo(StopReason.STOPPED);
            assertThat(run.stop()).isSameAs(run.result());
            assertThat(result.batches()).isGreaterThanOrEqualTo(5);
            // The flag is checked before each batch, so at most the batch in flight finishes after stop().
            helper.submit(() -> { }).get(10, TimeUnit.SECONDS);
            assertThat(result.batches()).isLessThanOrEqualTo(batchesWhenStopped.get() + 1);
            assertThat(result.message()).matches("Stopped (in epoch \\d+ after batch \\d+|after epoch \\d+)(; kept epoch \\d+)?");
            Metrics metrics = NetEvaluator.evaluate(model.getBlock(), POINT, spirals(), LossKind.AUTOMATIC);
            assertThat(metrics.loss()).isFinite();
            assertThat(result.parameters().size()).isEqualTo(6);
            for (String name : result.parameters().names()) {
                for (float v : result.parameters().values(name)) {
                    assertThat(v).isFinite();
                }
            }
        }
    }

    @Test
    void hugeLearningRateFailsWithEpochAndBatchAndKeepsTheBestParameters() {
        LinearProblem problem = GeneratedDatasets.linear(1000, 3, 0.1, 5);
        TrainingOptions options = TrainingOptions.builder()
                .optimizer(OptimizerKind.SGD_MOMENTUM).learningRate(10.0).batchSize(32).maxEpochs(20).seed(4).build();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        try (Model model = TrainingLoops.newModel("linear", Linear.builder().setUnits(1).build(), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, new Shape(3), problem.dataset(), options, events::add);

            assertThat(result.stopReason()).isEqualTo(StopReason.FAILED);
            assertThat(result.message())
                    .matches("Loss became (NaN|infinite) in epoch \\d+, batch \\d+; try a lower learning rate \\(now 10\\.0\\)");
            assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(TrainingEvent.Failed.class,
                    failed -> assertThat(failed.message()).isEqualTo(result.message()));
            Metrics metrics = NetEvaluator.evaluate(model.getBlock(), new Shape(3), problem.dataset(), LossKind.AUTOMATIC);
            assertThat(metrics.loss()).isFinite();
        }
    }

    @Test
    void sameSeedGivesTheSameTraining() {
        TrainingOptions options = TrainingOptions.builder()
                .learningRate(0.01).batchSize(16).maxEpochs(3).seed(99).build();
        List<Double> first = losses(options);
        List<Double> second = losses(options);
        assertThat(second).isEqualTo(first);
        assertThat(losses(options.toBuilder().seed(100).build())).isNotEqualTo(first);
    }

    private static List<Double> losses(TrainingOptions options) {
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(16, 3), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, spirals(), options);
            return result.history().stream().map(EpochMetrics::referenceLoss).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void everyOptimizerLowersTheLoss(OptimizerKind optimizer) {
        MemoryDataset moons = GeneratedDatasets.moons(600, 0.1, 3);
        TrainingOptions options = TrainingOptions.builder()
                .optimizer(optimizer).batchSize(32).maxEpochs(8).validationFraction(0.2).seed(5).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(16, 2), DeviceSpec.CPU)) {
            TrainingLoop run = TrainingLoops.prepare(model, POINT, moons, options);
            TrainingResult result = run.run();

            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            double first = result.history().get(0).training().loss();
            assertThat(result.finalMetrics().orElseThrow().validation().orElseThrow().loss()).isLessThan(first);
            assertThat(result.finalMetrics().orElseThrow().validation().orElseThrow().accuracy().getAsDouble())
                    .isGreaterThan(0.8);
        }
    }

    @Test
    void batchNormAndDropoutTrainAndEvaluateInInferenceMode() {
        MemoryDataset moons = GeneratedDatasets.moons(600, 0.1, 3);
        TrainingOptions options = TrainingOptions.builder().learningRate(0.01).batchSize(32).maxEpochs(8)
                .validationFraction(0.2).seed(5).build();
        java.util.function.Supplier<ai.djl.nn.SequentialBlock> net = () -> new ai.djl.nn.SequentialBlock()
                .add(Linear.builder().setUnits(32).build())
                .add(ai.djl.nn.norm.BatchNorm.builder().build())
                .add(ai.djl.nn.Activation::relu)
                .add(ai.djl.nn.norm.Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(2).build());
        List<Double> losses = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (Model model = TrainingLoops.newModel("bn", net.get(), DeviceSpec.CPU)) {
                TrainingResult result = TrainingLoops.train(model, POINT, moons, options);

                assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
                // Running mean and variance are parameters too, and are part of what comes back.
                assertThat(result.parameters().names()).anyMatch(n -> n.contains("runningMean"));
                Metrics validation = result.finalMetrics().orElseThrow().validation().orElseThrow();
                assertThat(validation.accuracy().getAsDouble()).isGreaterThan(0.85);
                // Inference mode is deterministic: evaluating twice gives the same numbers.
                Metrics once = NetEvaluator.evaluate(model.getBlock(), POINT, moons, LossKind.AUTOMATIC);
                Metrics twice = NetEvaluator.evaluate(model.getBlock(), POINT, moons, LossKind.AUTOMATIC);
                assertThat(twice).isEqualTo(once);
                losses.add(validation.loss());
            }
        }
        // Dropout masks come from the seeded generator too.
        assertThat(losses.get(1)).isEqualTo(losses.get(0));
    }

    @Test
    void eventsArriveInOrderAndEndWithFinished() {
        MemoryDataset xor = GeneratedDatasets.xor(100, 0.0, 1);
        TrainingOptions options = TrainingOptions.builder()
                .batchSize(30).maxEpochs(2).validationFraction(0.2).seed(1).build();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 2), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, xor, options, events::add);

            // 80 training examples in batches of 30: 3 batches (30, 30, 20) per epoch.
            List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName()).toList();
            assertThat(kinds).containsExactly("BatchEnded", "BatchEnded", "BatchEnded", "EpochEnded",
                    "BatchEnded", "BatchEnded", "BatchEnded", "EpochEnded", "Finished");
            TrainingEvent.BatchEnded third = (TrainingEvent.BatchEnded) events.get(2);
            assertThat(third.epoch()).isEqualTo(1);
            assertThat(third.batch()).isEqualTo(3);
            assertThat(third.batchesPerEpoch()).isEqualTo(3);
            assertThat(third.batchSize()).isEqualTo(20);
            assertThat(third.examplesTrained()).isEqualTo(80);
            assertThat(third.accuracy()).isPresent();
            TrainingEvent.EpochEnded epoch = (TrainingEvent.EpochEnded) events.get(3);
            assertThat(epoch.metrics().validation().orElseThrow().examples()).isEqualTo(20);
            assertThat(epoch.improved()).isTrue();
            assertThat(((TrainingEvent.Finished) events.get(8)).result()).isEqualTo(result);
            assertThat(result.examplesTrained()).isEqualTo(160);
            assertThat(result.batches()).isEqualTo(6);
        }
    }

    @Test
    void earlyStoppingEndsWhenValidationStopsImproving() {
        // A rate so small that no update changes a float32 weight: the validation loss never improves.
        TrainingOptions options = TrainingOptions.builder()
                .optimizer(OptimizerKind.SGD_MOMENTUM).learningRate(1e-30).momentum(0).maxEpochs(50)
                .earlyStoppingPatience(2).seed(1).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 3), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, spirals(), options);

            assertThat(result.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
            assertThat(result.history()).hasSize(3);
            assertThat(result.bestEpoch()).isEqualTo(1);
        }
    }

    @Test
    void explicitValidationSetIsUsedWhole() {
        MemoryDataset train = GeneratedDatasets.moons(200, 0.1, 1);
        MemoryDataset validation = GeneratedDatasets.moons(50, 0.1, 2);
        TrainingOptions options = TrainingOptions.builder().maxEpochs(2).validationSet(validation).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 2), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, train, options);

            assertThat(result.examplesTrained()).isEqualTo(400);
            assertThat(result.history().get(0).validation().orElseThrow().examples()).isEqualTo(50);
        }
    }

    @Test
    void withoutValidationTheBestEpochIsChosenOnTrainingLoss() {
        TrainingOptions options = TrainingOptions.builder().maxEpochs(3).validationFraction(0).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 2), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, GeneratedDatasets.xor(200, 0, 1), options);

            assertThat(result.history()).allSatisfy(e -> assertThat(e.validation()).isEmpty());
            assertThat(result.examplesTrained()).isEqualTo(600);
            assertThat(result.bestEpoch()).isBetween(1, 3);
        }
    }

    @Test
    void meanSquaredLossWorksWithClassTargetsAsOneHot() {
        TrainingOptions options = TrainingOptions.builder().loss(LossKind.MEAN_SQUARED).learningRate(0.01)
                .maxEpochs(10).seed(1).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(16, 2), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, GeneratedDatasets.moons(400, 0.1, 1), options);

            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(result.finalMetrics().orElseThrow().validation().orElseThrow().accuracy().getAsDouble())
                    .isGreaterThan(0.8);
        }
    }

    @Test
    void checkpointsHoldTheBestAndLastParameters(@TempDir Path folder) throws IOException, Exception {
        TrainingOptions options = TrainingOptions.builder().maxEpochs(2).checkpointFolder(folder).seed(1).build();
        // What a checkpoint killed half-way leaves: removed by the next one, as a net's save does.
        Files.writeString(folder.resolve(".last.params.4711.tmp"), "half");
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 3), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, spirals(), options);

            assertThat(folder.resolve("best.params")).isRegularFile();
            assertThat(folder.resolve("last.params")).isRegularFile();
            assertThat(Files.list(folder).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "best.params", "last.params", Checkpoint.FILE);
            Block restored = TestNets.mlp(8, 3);
            try (NDManager manager = NDManager.newBaseManager();
                    DataInputStream in = new DataInputStream(Files.newInputStream(folder.resolve("best.params")))) {
                restored.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
                restored.loadParameters(manager, in);
                ParameterSnapshot loaded = ParameterSnapshot.of(restored);
                for (String name : loaded.names()) {
                    assertThat(loaded.values(name)).containsExactly(result.parameters().values(name));
                }
            }
        }
    }

    @Test
    void snapshotAppliesToAFreshBlock() {
        TrainingOptions options = TrainingOptions.builder().maxEpochs(3).seed(1).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 3), DeviceSpec.CPU);
                NDManager manager = NDManager.newBaseManager()) {
            TrainingResult result = TrainingLoops.train(model, POINT, spirals(), options);
            Block fresh = TestNets.mlp(8, 3);
            fresh.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            result.parameters().applyTo(fresh);

            assertThat(NetEvaluator.predict(fresh, POINT, spirals()))
                    .containsExactly(NetEvaluator.predict(model.getBlock(), POINT, spirals()));
        }
    }

    @Test
    void aNetWhoseOutputDoesNotFitTheClassesFailsWithAClearMessage() {
        TrainingOptions options = TrainingOptions.builder().maxEpochs(1).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 5), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, spirals(), options);

            assertThat(result.stopReason()).isEqualTo(StopReason.FAILED);
            assertThat(result.message()).isEqualTo("The net outputs (5) per example, but cross-entropy needs one logit"
                    + " per class: (3) for the 3 classes of 'Spirals (3 arms)'");
        }
    }

    @Test
    void mismatchedPiecesAreRefusedBeforeTraining() {
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 3), DeviceSpec.CPU)) {
            TrainingOptions options = TrainingOptions.builder().build();
            assertThatThrownBy(() -> TrainingLoops.prepare(model, new Shape(3), spirals(), options))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The net takes inputs of shape (3) (3 values), but the examples of 'Spirals (3 arms)'"
                            + " have shape (2) (2 values)");
            LinearProblem linear = GeneratedDatasets.linear(10, 2, 0, 1);
            assertThatThrownBy(() -> TrainingLoops.prepare(model, POINT, linear.dataset(),
                    options.toBuilder().loss(LossKind.CROSS_ENTROPY).build()))
                    .hasMessageContaining("Cross-entropy loss needs class targets");
            assertThatThrownBy(() -> TrainingLoops.prepare(model, POINT, spirals(),
                    options.toBuilder().validationSet(GeneratedDatasets.moons(10, 0, 1)).build()))
                    .hasMessage("The validation set's classes [0, 1] differ from the training set's [0, 1, 2]");
            assertThatThrownBy(() -> TrainingLoops.prepare(model, POINT, spirals(),
                    options.toBuilder().device(DeviceSpec.gpu(0)).build()))
                    .hasMessageStartingWith("No CUDA GPU found");
        }
    }

    @Test
    void aRunStartsOnlyOnce() {
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 2), DeviceSpec.CPU)) {
            TrainingLoop run = TrainingLoops.prepare(model, POINT, GeneratedDatasets.xor(50, 0, 1),
                    TrainingOptions.builder().maxEpochs(1).build());
            run.run();
            assertThatThrownBy(run::run).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(run::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aFailingListenerFailsTheRunWithItsMessage() {
        AtomicInteger calls = new AtomicInteger();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(8, 2), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, POINT, GeneratedDatasets.xor(100, 0, 1),
                    TrainingOptions.builder().maxEpochs(2).build(), event -> {
                        if (calls.incrementAndGet() == 2) {
                            throw new IllegalStateException("plot broke");
                        }
                    });

            assertThat(result.stopReason()).isEqualTo(StopReason.FAILED);
            assertThat(result.message()).isEqualTo(
                    "A training listener failed in epoch 1, batch 2: java.lang.IllegalStateException: plot broke");
        }
    }
}
