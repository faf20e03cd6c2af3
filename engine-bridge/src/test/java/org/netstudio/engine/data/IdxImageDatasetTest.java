package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImageDatasetTest {

    @TempDir
    Path dir;

    private static final IdxImageDataset DIGITS = Mnist.DATASET;

    @Test
    void loadsTrainingAndTestImages() throws IOException {
        Path folder = dir.resolve("mnist");
        IdxFiles.mnistFolder(folder, 12, 5, 3, 2, true);
        MemoryDataset train = DIGITS.load(folder);
        assertThat(train.name()).isEqualTo("MNIST (train)");
        assertThat(train.size()).isEqualTo(12);
        assertThat(train.featureShape()).isEqualTo(new Shape(1, 3, 2));
        float scale = 1f / 255f;
        assertThat(train.features(0)).containsExactly(0f, 7 * scale, 14 * scale, 21 * scale, 28 * scale, 35 * scale);
        assertThat(((Targets.Classes) train.targets()).labels()).startsWith(0, 1, 2).endsWith(1);
        assertThat(train.classNames()).hasSize(10);
        Dataset test = train.testSet().orElseThrow();
        assertThat(test.name()).isEqualTo("MNIST (test)");
        assertThat(test.size()).isEqualTo(5);
    }

    @Test
    void readsUncompressedFilesToo() throws IOException {
        Path folder = dir.resolve("plain");
        IdxFiles.mnistFolder(folder, 4, 2, 2, 2, false);
        assertThat(DIGITS.load(folder).size()).isEqualTo(4);
    }

    @Test
    void reportsImagesAndLabelsThatDisagree() throws IOException {
        Path folder = dir.resolve("bad");
        IdxFiles.mnistFolder(folder, 4, 2, 2, 2, false);
        IdxFiles.write(folder, "train-labels-idx1-ubyte", IdxFiles.ubyte(new int[] {3}, new byte[3]));
        assertThatThrownBy(() -> DIGITS.load(folder))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(folder.resolve("train-images-idx3-ubyte") + ": holds 4 images but train-labels-idx1-ubyte"
                        + " holds 3 labels");
    }

    @Test
    void reportsLabelsOutsideTheClasses() throws IOException {
        Path folder = dir.resolve("labels");
        IdxFiles.mnistFolder(folder, 2, 2, 2, 2, false);
        IdxFiles.write(folder, "t10k-labels-idx1-ubyte", IdxFiles.ubyte(new int[] {2}, new byte[] {1, 12}));
        assertThatThrownBy(() -> DIGITS.load(folder))
                .hasMessageEndingWith("t10k-labels-idx1-ubyte: label 2 is 12, but MNIST has only the classes 0 to 9");
    }

    @Test
    void reportsAnImageFileOfTheWrongRank() throws IOException {
        Path folder = dir.resolve("rank");
        IdxFiles.mnistFolder(folder, 2, 2, 2, 2, false);
        IdxFiles.write(folder, "train-images-idx3-ubyte", IdxFiles.ubyte(new int[] {2, 4}, new byte[8]));
        assertThatThrownBy(() -> DIGITS.load(folder)).hasMessageContaining("an image file must have 3 dimensions");
    }

    @Test
    void looksInEachRootInOrderAndNeverDownloads() throws IOException {
        Path system = dir.resolve("system");
        Path user = dir.resolve("user");
        Path cache = dir.resolve("cache");
        DatasetLocator locator = new DatasetLocator(List.of(system, user), cache);
        assertThat(locator.candidates("mnist")).containsExactly(system.resolve("mnist"), user.resolve("mnist"),
                cache.resolve("mnist"));
        assertThat(DIGITS.locate(locator)).isEmpty();
        assertThatThrownBy(() -> DIGITS.load(locator))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("MNIST was not found. Looked in:")
                .hasMessageContaining(user.resolve("mnist").toString())
                .satisfies(e -> assertThat(((DatasetNotFoundException) e).searched()).hasSize(3));
        assertThat(Files.exists(cache)).isFalse();

        IdxFiles.mnistFolder(cache.resolve("mnist"), 2, 1, 2, 2, true);
        assertThat(DIGITS.locate(locator)).contains(cache.resolve("mnist"));
        IdxFiles.mnistFolder(user.resolve("mnist"), 3, 1, 2, 2, false);
        assertThat(DIGITS.locate(locator)).contains(user.resolve("mnist"));
        assertThat(DIGITS.load(locator).size()).isEqualTo(3);
        // An incomplete folder is skipped.
        Files.createDirectories(system.resolve("mnist"));
        IdxFiles.write(system.resolve("mnist"), "train-images-idx3-ubyte", IdxFiles.ubyte(new int[] {1, 1, 1}, new byte[1]));
        assertThat(DIGITS.locate(locator)).contains(user.resolve("mnist"));
        assertThat(locator.cacheFolder("mnist")).isEqualTo(cache.resolve("mnist"));
    }

    @Test
    void knownDownloadsCarryChecksums() {
        assertThat(FashionMnist.DATASET.downloads()).hasSize(4).allSatisfy(f -> {
            assertThat(f.sha256()).hasSize(64);
            assertThat(f.mirrors()).isNotEmpty();
        });
        assertThat(Mnist.DATASET.downloads()).extracting(RemoteFile::fileName).containsExactly(
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz");
        assertThat(FashionMnist.DATASET.classNames()).startsWith("T-shirt/top", "Trouser").endsWith("Ankle boot");
    }
}
