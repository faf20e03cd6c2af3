package org.netstudio.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.ImageFolderDataset;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.device.DeviceSpec;
import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.engine.encoding.ImageEncoder;

/** Training on image data: real Fashion-MNIST (skipped when not installed) and images read lazily from disk. */
class RealDataTrainingTest {

    @Test
    void smallCnnLearnsFashionMnistInOneEpoch() throws IOException {
        assumeTrue(FashionMnist.DATASET.locate().isPresent(), "Fashion-MNIST is not installed");
        MemoryDataset all = FashionMnist.DATASET.load();
        MemoryDataset train = all.slice(0, 6000);
        Dataset validation = all.testSet().orElseThrow().slice(0, 1000);
        TrainingOptions options = TrainingOptions.builder().batchSize(32).maxEpochs(1).validationSet(validation)
                .seed(1).build();
        try (Model model = TrainingLoops.newModel("cnn", TestNets.smallCnn(10), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, new Shape(1, 28, 28), train, options);

            assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(result.examplesTrained()).isEqualTo(6000);
            Metrics metrics = result.finalMetrics().orElseThrow().validation().orElseThrow();
            assertThat(metrics.examples()).isEqualTo(1000);
            assertThat(metrics.accuracy().getAsDouble()).isGreaterThanOrEqualTo(0.7);
        }
    }

    @Test
    void aReluNetWithAHugeLearningRateFailsOnNaN() {
        TrainingOptions options = TrainingOptions.builder().optimizer(OptimizerKind.SGD_MOMENTUM).learningRate(1e4)
                .batchSize(16).maxEpochs(5).seed(1).build();
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(32, 3), DeviceSpec.CPU)) {
            TrainingResult result = TrainingLoops.train(model, new Shape(2), GeneratedDatasets.spirals(3, 300, 0.05, 7), options);

            assertThat(result.stopReason()).isEqualTo(StopReason.FAILED);
            assertThat(result.message()).matches(
                    "Loss became NaN in epoch 1, batch \\d+; try a lower learning rate \\(now 10000\\.0\\)");
            assertThat(result.bestEpoch()).isZero();
            // The initial parameters came back: they are finite and give a finite loss.
            Metrics metrics = NetEvaluator.evaluate(model.getBlock(), new Shape(2),
                    GeneratedDatasets.spirals(3, 300, 0.05, 7), LossKind.AUTOMATIC);
            assertThat(metrics.loss()).isFinite();
        }
    }

    /** Dark images with a bright square on the left versus on the right, 40 of each. */
    private static ImageFolderDataset squares(Path root) throws IOException {
        Random random = new Random(1);
        for (int i = 0; i < 40; i++) {
            for (String side : new String[] {"left", "right"}) {
                BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
                Graphics2D g = image.createGraphics();
                g.setColor(new Color(random.nextInt(60), random.nextInt(60), random.nextInt(60)));
                g.fillRect(0, 0, 12, 12);
                g.setColor(Color.WHITE);
                g.fillRect(side.equals("left") ? 1 : 7, 2 + random.nextInt(6), 4, 4);
                g.dispose();
                Path file = root.resolve(side).resolve(i + ".png");
                Files.createDirectories(file.getParent());
                ImageIO.write(image, "png", file.toFile());
            }
        }
        return ImageFolderDataset.open(root, ImageEncoder.of(8, 8, ColorSpace.GRAYSCALE));
    }

    private static final TrainingOptions SQUARES = TrainingOptions.builder().learningRate(0.01).batchSize(16)
            .maxEpochs(10).validationFraction(0.25).seed(1).build();

    private static TrainingResult trainOnSquares(Dataset data) {
        try (Model model = TrainingLoops.newModel("mlp", TestNets.mlp(16, 2), DeviceSpec.CPU)) {
            return TrainingLoops.train(model, new Shape(64), data, SQUARES);
        }
    }

    @Test
    void aNetTrainsOnImagesReadFromDiskBatchByBatch(@TempDir Path root) throws IOException {
        ImageFolderDataset images = squares(root);

        TrainingResult result = trainOnSquares(images);

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.finalMetrics().orElseThrow().validation().orElseThrow().accuracy().getAsDouble())
                .isGreaterThanOrEqualTo(0.9);
        // Reading ahead on another thread changes nothing: the same images in memory train identically.
        int[] all = java.util.stream.IntStream.range(0, images.size()).toArray();
        float[] features = new float[images.size() * images.featureLength()];
        images.copyFeatures(all, 0, all.length, java.nio.FloatBuffer.wrap(features));
        MemoryDataset inMemory = new MemoryDataset("squares", features, images.featureShape(), images.targets(), null);
        TrainingResult fromMemory = trainOnSquares(inMemory);
        assertThat(fromMemory.history().stream().map(EpochMetrics::training).toList())
                .isEqualTo(result.history().stream().map(EpochMetrics::training).toList());
        assertThat(fromMemory.history().stream().map(EpochMetrics::validation).toList())
                .isEqualTo(result.history().stream().map(EpochMetrics::validation).toList());
    }

    @Test
    void anUnreadableImageFailsTrainingNamingTheFile(@TempDir Path root) throws IOException {
        ImageFolderDataset images = squares(root);
        Path broken = root.resolve("right").resolve("7.png");
        Files.write(broken, new byte[] {0, 1, 2});

        TrainingResult result = trainOnSquares(images);

        assertThat(result.stopReason()).isEqualTo(StopReason.FAILED);
        assertThat(result.message()).matches("Training failed in epoch 1, batch \\d+: .*")
                .contains(broken.toString());
    }
}
