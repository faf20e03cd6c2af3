package org.netstudio.engine.pytorch;


import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;

/**
 * Issue 13's first must-show for the gallery: every gallery net, exported as model.py with its
 * weights (its own when it has them, else random ones), computes NetStudio's outputs in PyTorch on
 * the same inputs, within {@link TorchParity#TOLERANCE} of each output's largest magnitude (float32
 * all the way: 1e-5 holds for every net, the deepest included). The ImageNet nets run at their
 * declared 224×224, batches of 2; set {@code -Dparity.only=lenet.json,...} to run some and
 * {@code -Dparity.dir=DIR} to keep the exported cases.
 *
 * <p>VGG-16 and ResNet-34 are VGG-11 and ResNet-18 made deeper: the same modules, the same export
 * code, but 550 MB and 87 MB of weights written and read again. They run with {@code
 * -Dparity.deep=true} (and with {@code -Dparity.only}), not in every build.
 */
class GalleryParityTest {

    /** The gallery folder of the assets module, from this module's folder (Surefire's working folder). */
    static final Path GALLERY = Path.of("..", "assets", "src", "main", "resources", "org", "netstudio", "assets", "gallery");


    static final List<String> DEEPER_TWINS = List.of("resnet34.json", "vgg16.json");

    static List<String> nets() {
        List<String> all = List.of("lenet.json", "mlp.json", "fashion-cnn.json", "fashion-cnn-pretrained.nsnet",
                "resnet18.json", "resnet34.json", "resnet50.json", "vgg11.json", "vgg16.json", "mobilenet-v2.json",
                "unet.json", "char-lstm.json", "gru-classifier.json", "transformer-encoder.json");
        boolean deep = Boolean.getBoolean("parity.deep") || System.getProperty("parity.only") != null;
        return all.stream().filter(n -> deep || !DEEPER_TWINS.contains(n)).toList();
    }

    @RegisterExtension
    static final TorchParity.Run PARITY = new TorchParity.Run(parity -> {
        for (String file : nets()) {
            if (!System.getProperty("parity.only", file).contains(file)) {
                continue;
            }
            LoadedNet loaded = NetFiles.read(GALLERY.resolve(file));
            Weights weights = loaded.weights().orElseGet(() -> TorchParity.randomWeights(loaded.document().net(), 11));
            parity.add(file, loaded.document(), weights, 2, 9);
        }
    });

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void pytorchComputesWhatNetStudioComputes(String file) {
        PARITY.assertMatches(file);
    }
}
