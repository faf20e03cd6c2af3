package org.netstudio.engine.data;

import java.util.List;
import org.netstudio.engine.data.IdxImageDataset.Published;

/**
 * The MNIST handwritten digits: 60,000 training and 10,000 test grayscale images of 28×28 pixels,
 * classes "0" to "9". Looked for in {@code /usr/share/datasets/mnist}, {@code
 * ~/.netstudio/datasets/mnist} and the download cache; see {@link DatasetLocator}.
 */
public final class Mnist {

    /** The dataset's description: names, classes, download mirrors and SHA-256 checksums. */
    public static final IdxImageDataset DATASET = IdxImageDataset.published("mnist", "MNIST",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            List.of(new Published("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9_912_422),
                    new Published("3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28_881),
                    new Published("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1_648_877),
                    new Published("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4_542)));

    private Mnist() {}
}
