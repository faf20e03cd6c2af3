package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.Targets;

/**
 * The command line on real Fashion-MNIST images (skipped when Debian's dataset-fashion-mnist is not
 * installed): a slice of it written as PNG files, one folder per class, trains a small net through
 * the folder-of-images path, evaluates, and predicts single PNG files.
 */
class FashionMnistCommandTest {

    /** A small MLP over the 28×28 grayscale image, with Fashion-MNIST's classes in folder (alphabetical) order. */
    private static final String MLP = """
            { "format": "netstudio.net", "version": 1, "name": "Fashion MLP",
              "net": { "type": "Chain",
                "input": { "encoder": { "type": "Image", "size": [28, 28], "colorSpace": "Grayscale" } },
                "layers": [ { "type": "Flatten" }, { "type": "Linear", "units": 64 }, { "type": "Ramp" },
                            { "type": "Linear", "units": 10 }, { "type": "Softmax" } ],
                "output": { "decoder": { "type": "Class", "labels": %s } } } }
            """;

    @TempDir
    static Path dir;

    static Path images;
    static List<String> folders;
    static MemoryDataset test;

    @BeforeAll
    static void writeASliceAsImages() throws IOException {
        assumeTrue(FashionMnist.DATASET.locate().isPresent(), "Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        MemoryDataset all = FashionMnist.DATASET.load();
        test = (MemoryDataset) all.testSet().orElseThrow();
        images = dir.resolve("fashion");
        write(all.slice(0, 2000), images);
        try (var list = Files.list(images)) {
            folders = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Each class in a folder named after it ("T-shirt/top" as "T-shirt-top"), each image a PNG. */
    private static void write(Dataset data, Path root) throws IOException {
        int[] labels = ((Targets.Classes) data.targets()).labels();
        for (int i = 0; i < data.size(); i++) {
            Path file = root.resolve(folder(data.classNames().get(labels[i]))).resolve(i + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(image(data.features(i)), "png", file.toFile());
        }
    }

    private static String folder(String className) {
        return className.replace('/', '-');
    }

    private static BufferedImage image(float[] pixels) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = Math.round(pixels[y * 28 + x] * 255);
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        return image;
    }

    private static Path net() throws IOException {
        String labels = folders.stream().map(f -> "\"" + f + "\"").toList().toString();
        return Files.writeString(dir.resolve("fashion-mlp.json"), MLP.formatted(labels));
    }

    @Test
    void aNetTrainsOnAFolderOfFashionImagesEvaluatesAndPredictsPngFiles() throws IOException {
        Path out = dir.resolve("fashion-mlp.nsnet");

        CliRun trained = run("train", net().toString(), "--data", images.toString(),
                "--epochs", "6", "--batch-size", "32", "--validation", "0.2", "--seed", "1", "--out", out.toString(),
                "--json");

        assertThat(trained.exit()).as(trained.err()).isZero();
        JsonNode result = trained.json();
        assertThat(result.get("validationAccuracy").asDouble()).isGreaterThanOrEqualTo(0.7);
        assertThat(result.get("testAccuracy").isNull()).as("a folder has no test split").isTrue();

        CliRun eval = run("eval", out.toString(), "--data", images.toString());
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("2,000 examples").containsPattern("(?m)^Trouser\\s+\\d+\\s+\\d+\\.\\d%(\\s+[01]\\.\\d{3}){3}$");

        // Ten test images the net never saw, as PNG files: most get their class as the top label.
        int[] labels = ((Targets.Classes) test.targets()).labels();
        String[] args = new String[12];
        args[0] = "predict";
        args[1] = out.toString();
        for (int i = 0; i < 10; i++) {
            Path png = dir.resolve("test-" + i + ".png");
            ImageIO.write(image(test.features(i)), "png", png.toFile());
            args[i + 2] = png.toString();
        }
        CliRun predicted = run(args);
        assertThat(predicted.exit()).as(predicted.err()).isZero();
        String[] lines = predicted.out().strip().split("\\R");
        assertThat(lines).hasSize(10);
        int right = 0;
        for (int i = 0; i < 10; i++) {
            assertThat(lines[i]).startsWith(args[i + 2] + ": ").containsPattern("\\d+\\.\\d%, .+ \\d+\\.\\d%, .+ \\d+\\.\\d%$");
            String top = lines[i].substring(args[i + 2].length() + 2);
            right += top.startsWith(folder(test.classNames().get(labels[i])) + " ") ? 1 : 0;
        }
        assertThat(right).isGreaterThanOrEqualTo(6);
    }

    /**
     * --explain on an image lays the saliency and Grad-CAM maps over the picture as the net sees it,
     * as Try It does, and writes them beside the image.
     */
    @Test
    void predictExplainsAnImageWithSaliencyAndGradCamPicturesBesideIt() throws IOException {
        Path png = dir.resolve("explained.png");
        ImageIO.write(image(test.features(0)), "png", png.toFile());

        CliRun r = run("predict", "fashion-cnn-pretrained", png.toString(), "--explain");

        assertThat(r.exit()).as(r.err()).isZero();
        Path saliency = dir.resolve("explained.saliency.png");
        Path cam = dir.resolve("explained.gradcam.png");
        assertThat(r.out().lines().toList().get(1)).startsWith("  saliency: " + saliency.toAbsolutePath())
                .contains("; Grad-CAM at ").endsWith(cam.toAbsolutePath().toString());
        for (Path p : List.of(saliency, cam)) {
            java.awt.image.BufferedImage map = ImageIO.read(p.toFile());
            assertThat(map.getWidth()).as(p.toString()).isEqualTo(28);
            assertThat(map.getHeight()).isEqualTo(28);
            // The heat is red to yellow over a dimmed gray picture: some pixels are far from gray.
            boolean heat = false;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int c = map.getRGB(x, y);
                    heat |= ((c >> 16) & 255) - (c & 255) > 100;
                }
            }
            assertThat(heat).as(p + " shows heat").isTrue();
        }
    }

    @Test
    void augmentVariesTheTrainingPicturesAndIsSavedWithTheNet() throws IOException {
        Path out = dir.resolve("fashion-augmented.nsnet");

        CliRun trained = run("train", net().toString(), "--data", images.toString(), "--epochs", "2",
                "--augment", "flip, crop 2", "--seed", "1", "--out", out.toString(), "--json");

        assertThat(trained.exit()).as(trained.err()).isZero();
        assertThat(trained.json().get("validationAccuracy").asDouble()).as("validation reads the plain pictures")
                .isGreaterThan(0.5);
        var input = org.netstudio.netgraph.io.PortDecls.inputs(org.netstudio.netgraph.files.NetFiles.read(out)
                .document().net()).values().iterator().next();
        assertThat(org.netstudio.netgraph.net.ImageAugmentation.of(input.coder()).text()).isEqualTo("crop 2, flip");

        CliRun bad = run("train", net().toString(), "--data", images.toString(), "--augment", "flip, zoom 2");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--augment flip, zoom 2: 'zoom 2' is not an augmentation");
    }
}
