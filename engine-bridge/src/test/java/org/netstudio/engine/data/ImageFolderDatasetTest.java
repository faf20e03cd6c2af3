package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.engine.encoding.ImageEncoder;

class ImageFolderDatasetTest {

    @TempDir
    Path root;

    private static void png(Path file, int width, int height, Color color) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void listsClassesAndImagesInSortedOrder() throws IOException {
        png(root.resolve("dog/b.png"), 4, 4, Color.WHITE);
        png(root.resolve("dog/a.png"), 4, 4, Color.WHITE);
        png(root.resolve("cat/x.PNG"), 4, 4, Color.BLACK);
        Files.writeString(root.resolve("cat/notes.txt"), "not an image");
        Files.createDirectories(root.resolve(".hidden"));

        ImageFolderDataset d = ImageFolderDataset.open(root, ImageEncoder.of(2, 2, ColorSpace.GRAYSCALE));
        assertThat(d.classNames()).containsExactly("cat", "dog");
        assertThat(d.files()).extracting(p -> root.relativize(p).toString())
                .containsExactly("cat/x.PNG", "dog/a.png", "dog/b.png");
        assertThat(d.targets().labels()).containsExactly(0, 1, 1);
        assertThat(d.featureShape()).isEqualTo(new Shape(1, 2, 2));
        assertThat(d.inMemory()).isFalse();
        assertThat(d.features(0)).containsOnly(0f);
        assertThat(d.features(2)).containsOnly(1f);
    }

    @Test
    void imagesAreResizedAndNormalisedWhenRead() throws IOException {
        png(root.resolve("red/1.png"), 10, 6, new Color(255, 0, 51));
        ImageEncoder encoder = ImageEncoder.of(3, 2, ColorSpace.RGB)
                .withNormalization(new float[] {0.5f}, new float[] {0.5f});
        ImageFolderDataset d = ImageFolderDataset.open(root, encoder);
        float[] out = new float[3 * 2 * 3];
        d.copyFeatures(new int[] {0}, 0, 1, FloatBuffer.wrap(out));
        for (int i = 0; i < 6; i++) {
            assertThat(out[i]).isEqualTo(1f);
            assertThat(out[6 + i]).isEqualTo(-1f);
            assertThat(out[12 + i]).isCloseTo(-0.6f, org.assertj.core.api.Assertions.within(1e-6f));
        }
    }

    @Test
    void aBrokenImageIsReportedOnlyWhenReadAndNamesTheFile() throws IOException {
        png(root.resolve("ok/1.png"), 2, 2, Color.GRAY);
        Path broken = root.resolve("ok/2.png");
        Files.write(broken, new byte[] {1, 2, 3, 4});
        ImageFolderDataset d = ImageFolderDataset.open(root, ImageEncoder.of(2, 2, ColorSpace.GRAYSCALE));
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.features(0)).hasSize(4);
        assertThatThrownBy(() -> d.features(1))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(broken.toString());
    }

    @Test
    void foldersWithoutClassesOrImagesAreReported() throws IOException {
        ImageEncoder encoder = ImageEncoder.of(2, 2, ColorSpace.GRAYSCALE);
        assertThatThrownBy(() -> ImageFolderDataset.open(root, encoder)).hasMessage(root + ": has no sub-folders; put"
                + " the images of each class in a sub-folder named after the class");
        Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> ImageFolderDataset.open(root, encoder))
                .hasMessage(root.resolve("empty") + ": the class folder has no images (bmp, gif, jpeg, jpg, png)");
        assertThatThrownBy(() -> ImageFolderDataset.open(root.resolve("nowhere"), encoder))
                .hasMessageContaining("not a folder");
    }

    @Test
    void subsetsStayLazy() throws IOException {
        png(root.resolve("a/1.png"), 2, 2, Color.BLACK);
        png(root.resolve("b/1.png"), 2, 2, Color.WHITE);
        ImageFolderDataset d = ImageFolderDataset.open(root, ImageEncoder.of(2, 2, ColorSpace.GRAYSCALE));
        ImageFolderDataset s = d.subset(new int[] {1}, "only b");
        assertThat(s.inMemory()).isFalse();
        assertThat(s.files()).containsExactly(root.resolve("b/1.png"));
        assertThat(s.targets().labels()).containsExactly(1);
        assertThat(d.withTestSet(s).testSet()).contains(s);
    }

    /** A PNG whose header declares {@code width × height} pixels (valid chunks, a few bytes of data). */
    static byte[] pngDeclaring(int width, int height) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0, 0, 0, 1, 0, 1});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void anImageDeclaringBillionsOfPixelsIsRefusedFromItsHeader() throws IOException {
        png(root.resolve("ok/1.png"), 2, 2, Color.GRAY);
        Path bomb = root.resolve("ok/2.png");
        Files.write(bomb, pngDeclaring(100_000, 100_000));
        ImageFolderDataset d = ImageFolderDataset.open(root, ImageEncoder.of(2, 2, ColorSpace.GRAYSCALE));
        assertThatThrownBy(() -> d.features(1)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(DatasetFormatException.class)
                .hasMessageEndingWith(bomb + ": the image is 100000×100000 pixels, more than the 16777216 NetStudio reads");
    }

    @Test
    void anImageWhoseDataIsCutShortIsAFormatErrorNamingTheFile() throws IOException {
        png(root.resolve("ok/1.png"), 40, 40, Color.GRAY);
        Path cut = root.resolve("ok/2.png");
        byte[] whole = pngDeclaring(3000, 3000);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 14));
        ImageFolderDataset d = ImageFolderDataset.open(root, ImageEncoder.of(2, 2, ColorSpace.GRAYSCALE));
        assertThatThrownBy(() -> d.features(1)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(cut + ": cannot read the image: ");
    }
}
