package org.netstudio.app.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.IdxArray;
import org.netstudio.engine.data.IdxReader;

/**
 * Real Fashion-MNIST test images (Debian's dataset-fashion-mnist, or wherever NetStudio finds the
 * dataset) written as PNG files, as a person would have them, with their true class.
 */
public final class FashionMnistPictures {

    /** A picture on disk and the class it shows. */
    public record Picture(Path file, int label, String className) {
    }

    private final IdxArray images;
    private final IdxArray labels;

    private FashionMnistPictures(IdxArray images, IdxArray labels) {
        this.images = images;
        this.labels = labels;
    }

    /** The test set; fails the test with a sentence when the dataset is not installed. */
    public static FashionMnistPictures testSet() throws IOException {
        Path folder = FashionMnist.DATASET.locate().orElseThrow(() -> new AssertionError(
                "Fashion-MNIST is not installed (apt install dataset-fashion-mnist)"));
        return new FashionMnistPictures(IdxReader.read(folder.resolve("t10k-images-idx3-ubyte.gz")),
                IdxReader.read(folder.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    public int size() {
        return labels.count();
    }

    public static List<String> classNames() {
        return FashionMnist.DATASET.classNames();
    }

    /** Test image {@code i} as a 28×28 grayscale picture. */
    public BufferedImage image(int i) {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        int base = i * images.itemLength();
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, images.value(base + y * 28 + x));
            }
        }
        return img;
    }

    /** The true class of test image {@code i}. */
    public int label(int i) {
        return labels.value(i);
    }

    /** The pixel of test image {@code i} at (x, y), 0 to 255. */
    public int pixel(int i, int x, int y) {
        return images.value(i * images.itemLength() + y * 28 + x);
    }

    /** Writes test image {@code i} as {@code dir/fashion-i.png}. */
    public Picture write(int i, Path dir) throws IOException {
        Path file = dir.resolve("fashion-" + i + ".png");
        ImageIO.write(image(i), "png", file.toFile());
        int label = labels.value(i);
        return new Picture(file, label, classNames().get(label));
    }
}
