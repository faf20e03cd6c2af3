package org.netstudio.engine.data;

import java.util.List;
import org.netstudio.engine.data.IdxImageDataset.Published;

/**
 * Zalando's Fashion-MNIST: 60,000 training and 10,000 test grayscale images of 28×28 pixels in
 * 10 clothing classes. Looked for in {@code /usr/share/datasets/fashion-mnist} (Debian package
 * {@code dataset-fashion-mnist}), {@code ~/.netstudio/datasets/fashion-mnist} and the download
 * cache; see {@link DatasetLocator}.
 */
public final class FashionMnist {

    /** The dataset's description: names, classes, download mirrors and SHA-256 checksums. */
    public static final IdxImageDataset DATASET = IdxImageDataset.published("fashion-mnist", "Fashion-MNIST",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"),
            List.of("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
                    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            List.of(new Published("08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc", 26_421_880),
                    new Published("b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc", 29_515),
                    new Published("78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229", 4_422_102),
                    new Published("42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf", 5_148)));

    private FashionMnist() {}
}
