package org.netstudio.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.trainer.data.DataLoader;
import org.netstudio.trainer.data.LoadedData;
import org.netstudio.trainer.results.HistoryCsv;

/** The view-model without a stage: background work runs on the calling or training thread. */
class TrainerPanelModelTest {

    /** Background jobs run at once on the thread that asks; news still goes through the inbox. */
    private final TrainerPanelModel model = new TrainerPanelModel(Runnable::run, new DataLoader());

    private void spiralsReady() {
        model.netProperty().set(TestNets.spirals());
        model.choose(DatasetSource.SPIRALS);
        model.applyPending();
        assertThat(model.dataProperty().get()).isNotNull();
    }

    /** Applies the training's news as the panel's frames would, until the result is evaluated. */
    private void applyUntilFinished() throws java.util.concurrent.TimeoutException {
        org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> {
            model.applyPending();
            return model.outcomeProperty().get() != null;
        });
        assertThat(model.outcomeProperty().get()).as("an evaluated result").isNotNull();
    }

    @Test
    void spiralsLoadAndFitTheMlp() {
        spiralsReady();
        assertThat(model.dataStatusProperty().get().message()).isEqualTo("900 examples · 2 features · 3 classes");
        assertThat(model.fitProperty().get().problem()).isEmpty();
        assertThat(model.canTrainBinding().get()).isTrue();
    }

    /** A tokenizer named by a relative path is found beside the net's file, as the command line finds it. */
    @Test
    void aTokenizerPathInTheNetStartsFromTheNetFilesFolder(@TempDir Path dir) throws Exception {
        Path shipped = Path.of("../engine-bridge/src/test/resources/org/netstudio/engine/text/tiny-bpe-tokenizer.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(shipped), "run from the trainer module");
        Files.copy(shipped, dir.resolve("tiny-bpe.json"));
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 2 == 0 ? "lower low slow,low\n" : "newest new nest,new\n");
        }
        Path file = Files.writeString(dir.resolve("words.csv"), csv);
        model.netProperty().set(org.netstudio.netgraph.io.NetFileReader.read("""
                { "format": "netstudio.net", "version": 1, "name": "Subwords",
                  "net": { "type": "Chain", "input": { "encoder": { "type": "Subwords", "tokenizer": "tiny-bpe.json" } },
                    "layers": [ { "type": "Embedding", "size": 8 }, { "type": "GRU", "units": 8, "returnSequences": false },
                                { "type": "Linear", "units": 2 }, { "type": "Softmax" } ] } }
                """, "subwords.json"));
        model.netFolderProperty().set(dir);

        model.choiceProperty().set(new DataChoice(DatasetSource.CSV, file, null));
        model.applyPending();

        assertThat(model.dataProperty().get()).as(model.dataStatusProperty().get().message()).isNotNull();
        assertThat(model.fitProperty().get().problem()).as(model.dataStatusProperty().get().message()).isEmpty();
        assertThat(model.canTrainBinding().get()).isTrue();
    }

    @Test
    void aCsvFileLoadsWithItsLastColumnAsTargetAndAnotherColumnCanBeChosen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("points.csv");
        StringBuilder csv = new StringBuilder("x,y,kind\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i * 0.1).append(',').append(1 - i * 0.1).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        Files.writeString(file, csv);
        model.netProperty().set(TestNets.spirals());
        model.choose(DatasetSource.CSV);
        assertThat(model.dataStatusProperty().get().message()).isEqualTo("Choose a CSV file.");

        model.choiceProperty().set(new DataChoice(DatasetSource.CSV, file, null));
        model.applyPending();

        LoadedData data = model.dataProperty().get();
        assertThat(data.choice().targetColumn()).isEqualTo("kind");
        assertThat(data.table().orElseThrow().columns()).containsExactly("x", "y", "kind");
        assertThat(data.table().orElseThrow().rows()).hasSize(30);
        assertThat(data.dataset().orElseThrow().classNames()).containsExactly("a", "b");
        assertThat(model.fitProperty().get().problem()).contains("2 classes");

        model.choiceProperty().set(new DataChoice(DatasetSource.CSV, file, "y"));
        model.applyPending();
        // The engine refuses a text column as a feature; its message reaches the person.
        assertThat(model.dataProperty().get()).isNull();
        assertThat(model.dataStatusProperty().get().message())
                .endsWith("points.csv: line 2, column 3 ('kind'): 'a' is not a number");
    }

    @Test
    void aFolderOfImagesIsReadAtTheSizeOfTheNetsImageInputAndFollowsTheNet(@TempDir Path dir) throws Exception {
        for (String kind : new String[] {"circle", "square"}) {
            Files.createDirectories(dir.resolve(kind));
            for (int i = 0; i < 3; i++) {
                java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 40,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                image.setRGB(i, i, 0xffffff);
                javax.imageio.ImageIO.write(image, "png", dir.resolve(kind).resolve(i + ".png").toFile());
            }
        }
        model.netProperty().set(TestNets.spirals());
        model.choiceProperty().set(new DataChoice(DatasetSource.IMAGE_FOLDER, dir, null));
        model.applyPending();
        assertThat(model.dataProperty().get()).isNull();
        assertThat(model.dataStatusProperty().get().message())
                .endsWith(": a folder of images needs a net whose input is an image"
                + " (an Image encoder, or a c×h×w input with 1 or 3 channels), but the net takes a vector of size 2");

        model.netProperty().set(TestNets.imageMlp());
        model.applyPending();

        LoadedData data = model.dataProperty().get();
        assertThat(data.dataset().orElseThrow().size()).isEqualTo(6);
        assertThat(data.dataset().orElseThrow().classNames()).containsExactly("circle", "square");
        assertThat(data.image()).contains(new org.netstudio.trainer.data.ImageShape(1, 28, 28));
        assertThat(data.isPlanar()).isFalse();
        assertThat(model.fitProperty().get().problem()).contains("2 classes");
    }

    @Test
    void aNetWithOtherOutputsThanTheDataHasClassesIsExplainedAndCannotTrain() {
        model.netProperty().set(TestNets.spirals());
        model.choose(DatasetSource.XOR);
        model.applyPending();
        assertThat(model.fitProperty().get().problem()).contains("vector of size 3").contains("2 classes");
        assertThat(model.canTrainBinding().get()).isFalse();
        assertThat(model.reasonNotToTrain()).isEqualTo(model.fitProperty().get().problem());
    }

    @Test
    void spiralsHaveAsManyArmsAsTheNetHasOutputs() {
        spiralsReady();
        LoadedData threeArms = model.dataProperty().get();

        model.netProperty().set(TestNets.twoClasses());
        model.applyPending();

        assertThat(model.dataProperty().get()).isNotSameAs(threeArms);
        assertThat(model.dataStatusProperty().get().message()).isEqualTo("600 examples · 2 features · 2 classes");
        assertThat(model.fitProperty().get().problem()).isEmpty();
        // An edit that keeps the net's input and outputs keeps the data.
        LoadedData twoArms = model.dataProperty().get();
        model.netProperty().set(new org.netstudio.netgraph.net.NetDocument("Renamed", TestNets.twoClasses().net(), null));
        model.applyPending();
        assertThat(model.dataProperty().get()).isSameAs(twoArms);
    }

    @Test
    void eventsArrivingBetweenFramesAreAppliedAsOneUpdate() throws Exception {
        spiralsReady();
        model.options().epochs().textProperty().set("3");
        model.options().batchSize().textProperty().set("30");
        model.train();
        assertThat(model.stateProperty().get()).isEqualTo(TrainerState.TRAINING);
        int revision = model.curvesProperty().get().revision();
        TrainedNet trained = model.run().orElseThrow().get(60, TimeUnit.SECONDS);

        int applied = model.applyPending();

        // 720 training examples (20% held back) in batches of 30: 24 batches per epoch.
        assertThat(applied).isGreaterThanOrEqualTo(3 * 24 + 3 + 1);
        assertThat(model.curvesProperty().get().revision()).isEqualTo(revision + 1);
        assertThat(model.curvesProperty().get().history().batchCount()).isEqualTo(3 * 24);
        assertThat(model.curvesProperty().get().history().epochs()).hasSize(3);
        assertThat(model.curvesProperty().get().history().validationLoss()).hasSize(3);
        assertThat(model.progressProperty().get().fraction()).isEqualTo(1.0);
        assertThat(trained.result().epochsCompleted()).isEqualTo(3);
    }

    @Test
    void theResultCountsTheValidationDataAndItsWeightsGoToTheApp(@TempDir Path dir) throws Exception {
        spiralsReady();
        model.options().epochs().textProperty().set("2");
        Weights[] received = new Weights[1];
        model.setOnUseWeights(w -> received[0] = w);
        model.train();
        applyUntilFinished();

        assertThat(model.stateProperty().get()).isEqualTo(TrainerState.FINISHED);
        assertThat(model.outcomeProperty().get().confusion().orElseThrow().total()).isEqualTo(180);
        assertThat(model.boundaryProperty().get()).isNotNull();
        model.useWeights();
        assertThat(received[0]).isNotNull().isEqualTo(model.outcomeProperty().get().trained().weights());
        received[0] = null;
        model.netProperty().set(TestNets.twoClasses());
        model.useWeights();
        assertThat(received[0]).as("weights of another net are not handed over").isNull();
        assertThat(model.messageProperty().get().text()).startsWith("The net changed since it was trained");
        assertThat(model.messageProperty().get().tone()).isEqualTo(MessageTone.PROBLEM);

        Path csv = dir.resolve("h.csv");
        model.exportHistory(csv);
        assertThat(Files.readAllLines(csv)).hasSize(3).first().isEqualTo(HistoryCsv.HEADER + ",train_macroF1,validation_macroF1");
    }

    private double trainAndMeasure(String epochs, String learningRate) throws Exception {
        model.options().epochs().textProperty().set(epochs);
        model.options().learningRate().textProperty().set(learningRate);
        model.train();
        applyUntilFinished();
        return model.outcomeProperty().get().confusion().orElseThrow().accuracy();
    }

    @Test
    void trainingStartsFromTheNetsWeightsUnlessAskedNotTo() throws Exception {
        spiralsReady();
        double learned = trainAndMeasure("15", "0.01");
        assertThat(learned).as("a net that learned the spirals").isGreaterThan(0.9);
        model.netWeightsProperty().set(model.outcomeProperty().get().trained().weights());

        // One epoch at a learning rate too small to learn anything: only the start shows.
        double fineTuned = trainAndMeasure("1", "0.000001");
        assertThat(model.messageProperty().get().text()).isEqualTo("Fine-tuning from the net's weights.");
        assertThat(fineTuned).as("fine-tuning keeps what the net knew").isGreaterThan(0.9);

        model.startFromNetWeightsProperty().set(false);
        double fresh = trainAndMeasure("1", "0.000001");
        assertThat(model.messageProperty().get().text()).isEmpty();
        assertThat(fresh).as("initial values know nothing of the spirals").isLessThan(0.6);
    }

    @Test
    void aDivergingTrainingShowsItsWarningInThePanelsMessage() throws Exception {
        spiralsReady();

        trainAndMeasure("3", "10");

        assertThat(model.messageProperty().get().text()).startsWith("The loss grew from ")
                .endsWith("training is diverging; try a lower learning rate");
    }

    @Test
    void aNetThatCannotLearnAnythingIsNotTrainedAndThePanelSaysWhy() {
        model.netProperty().set(TestNets.behindOpaqueErf(false));
        model.choose(DatasetSource.SPIRALS);
        model.applyPending();

        model.train();

        assertThat(model.stateProperty().get()).isEqualTo(TrainerState.IDLE);
        assertThat(model.messageProperty().get().text()).startsWith("Training would change nothing: 2 of 2 trainable arrays"
                + " cannot learn: every path from them to the output goes through an imported ONNX operator")
                .endsWith("linear1/weights, linear1/biases.");
    }

    @Test
    void arraysThatCannotLearnAreNamedWhenTrainingStarts() throws Exception {
        model.netProperty().set(TestNets.behindOpaqueErf(true));
        model.choose(DatasetSource.SPIRALS);
        model.applyPending();

        model.train();

        assertThat(model.stateProperty().get()).isEqualTo(TrainerState.TRAINING);
        assertThat(model.messageProperty().get().text()).startsWith("2 of 4 trainable arrays cannot learn: ");
        applyUntilFinished();
    }

    @Test
    void theLearningRateFinderPlotsACurveSuggestsARateAndUsePutsItInTheField() throws Exception {
        spiralsReady();

        model.findLearningRate();
        org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            model.applyPending();
            return !model.findingProperty().get();
        });

        var result = model.finderResultProperty().get();
        assertThat(result).isNotNull();
        assertThat(model.finderPoints()).hasSize(result.points().size()).hasSizeGreaterThan(30);
        assertThat(result.suggestion()).isBetween(1e-4, 1e-1);
        assertThat(model.messageProperty().get().text()).startsWith("Suggested learning rate: ");
        assertThat(model.messageProperty().get().tone()).as("a finding, not a problem").isEqualTo(MessageTone.NOTICE);
        model.useSuggestedRate();
        assertThat(model.options().learningRate().value().orElseThrow())
                .isCloseTo(result.suggestion(), org.assertj.core.api.Assertions.withinPercentage(5));
    }

    @Test
    void theNetsFrozenLayersStayAsTheyWereInAPanelTraining() throws Exception {
        spiralsReady();
        model.options().epochs().textProperty().set("2");
        model.train();
        applyUntilFinished();
        Weights first = model.outcomeProperty().get().trained().weights();
        model.netProperty().set(model.netProperty().get().withMultipliers(
                org.netstudio.netgraph.net.LearningRateMultipliers.NONE.with(
                        org.netstudio.netgraph.net.NodePath.of("linear1"), 0)));
        model.netWeightsProperty().set(first);
        model.train();
        applyUntilFinished();
        Weights second = model.outcomeProperty().get().trained().weights();

        assertThat(second.get("linear1/weights")).isEqualTo(first.get("linear1/weights"));
        assertThat(second.get("linear2/weights")).isNotEqualTo(first.get("linear2/weights"));
    }
}
