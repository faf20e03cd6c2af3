package org.netstudio.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.engine.encoding.ClassProbability;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** The pretrained Fashion-MNIST CNN on real test images, through what Try It shows of them. */
class ImageClassifierTest {

    private static FashionMnistPictures pictures;
    private static LoadedNet pretrained;

    @BeforeAll
    static void load() throws Exception {
        pictures = FashionMnistPictures.testSet();
        pretrained = Gallery.standard().loadWithWeights("fashion-cnn-pretrained");
    }

    private static TryableInput.Image input(NetNode net) {
        return (TryableInput.Image) TryableInput.of(net);
    }

    @Test
    void thePretrainedNetNamesTheClothesOfRealTestImages() {
        NetNode net = pretrained.document().net();
        try (ImageClassifier c = ImageClassifier.load(net, pretrained.weights().orElseThrow(), input(net))) {
            assertThat(c.labels()).isEqualTo(FashionMnistPictures.classNames());
            int right = 0;
            int n = 200;
            for (int i = 0; i < n; i++) {
                ImageGuess g = c.classify(pictures.image(i), 5);
                assertThat(g.top()).hasSize(5);
                assertThat(g.classCount()).isEqualTo(10);
                assertThat(g.softmaxed()).isFalse();
                List<Float> p = g.top().stream().map(ClassProbability::probability).toList();
                assertThat(p).isSortedAccordingTo((a, b) -> Float.compare(b, a));
                if (g.top().get(0).label().equals(FashionMnistPictures.classNames().get(labelOf(i)))) {
                    right++;
                }
            }
            // The shipped weights reach about 0.9 test accuracy.
            assertThat(right).as("right of " + n).isGreaterThan(160);
        }
    }

    private static int labelOf(int i) {
        return pictures.label(i);
    }

    @Test
    void theSeenImageIsTheInputAsTheNetTakesIt() {
        NetNode net = pretrained.document().net();
        try (ImageClassifier c = ImageClassifier.load(net, pretrained.weights().orElseThrow(), input(net))) {
            // A 28×28 grayscale picture is the net's input as it is.
            SeenImage seen = c.classify(pictures.image(3), 5).seen();
            assertThat(seen.width()).isEqualTo(28);
            assertThat(seen.height()).isEqualTo(28);
            assertThat(seen.argb()[5 * 28 + 14] & 0xFF).isEqualTo(pictures.pixel(3, 14, 5));
            // A large colour picture is resized and made gray.
            BufferedImage big = new BufferedImage(280, 140, BufferedImage.TYPE_INT_RGB);
            big.setRGB(0, 0, 280, 70, filled(280 * 70, 0xFF0000), 0, 280);
            SeenImage resized = c.classify(big, 5).seen();
            assertThat(resized.width()).isEqualTo(28);
            int top = resized.argb()[2 * 28 + 10];
            assertThat((top >> 16) & 0xFF).isEqualTo(top & 0xFF).isEqualTo((top >> 8) & 0xFF).isBetween(70, 82);
            assertThat(resized.argb()[27 * 28 + 10] & 0xFF).isZero();
        }
    }

    private static int[] filled(int n, int rgb) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, rgb);
        return a;
    }

    @Test
    void withoutWeightsItRunsOnSeededInitialValues() {
        NetNode net = pretrained.document().net();
        try (ImageClassifier c = ImageClassifier.load(net, null, input(net))) {
            ImageGuess g = c.classify(pictures.image(0), 5);
            assertThat(g.top()).hasSize(5);
            double sum = g.top().stream().mapToDouble(ClassProbability::probability).sum();
            assertThat(sum).isBetween(0.0, 1.0001);
        }
    }

    @Test
    void scoresWithoutSoftmaxBecomeProbabilitiesAndUnnamedClassesAreNumbered() {
        NetNode net = Chain.of(PortDecl.of(TensorType.real(1, 4, 4)), Layer.of("Flatten"), Layer.of("Linear", "units", 3));
        try (ImageClassifier c = ImageClassifier.load(net, null, input(net))) {
            ImageGuess g = c.classify(pictures.image(0), 5);
            assertThat(g.softmaxed()).isTrue();
            assertThat(g.top()).hasSize(3);
            assertThat(g.top()).extracting(ClassProbability::label).containsExactlyInAnyOrder("0", "1", "2");
            assertThat(g.top().stream().mapToDouble(ClassProbability::probability).sum()).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void aNetWhoseOutputIsNotAVectorIsRefusedInASentence() {
        NetNode net = Chain.of(PortDecl.of(TensorType.real(1, 8, 8)), Layer.of("Convolution", "channels", 2, "kernel", 3));
        assertThatThrownBy(() -> ImageClassifier.load(net, null, input(net)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The net's output is ")
                .hasMessageContaining("not a vector of class scores");
    }

    @Test
    void softmaxOfScoresSumsToOneAndKeepsTheOrder() {
        float[] p = NetClassifier.softmax(new float[] {1, 3, 2});
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(p[1]).isGreaterThan(p[2]).isGreaterThan(p[0]);
        // Large scores do not overflow.
        assertThat(NetClassifier.softmax(new float[] {1, 1000})[1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void attributionsOfTheFashionNetAreMapsOfTheImageScaledToOne() {
        NetNode net = pretrained.document().net();
        try (ImageClassifier c = ImageClassifier.load(net, pretrained.weights().orElseThrow(), input(net))) {
            for (int i = 0; i < 5; i++) {
                ImageGuess g = c.classify(pictures.image(i), 5);
                Attributions a = g.attributions();
                assertThat(a.classIndex()).isEqualTo(g.top().get(0).index());
                // Grad-CAM looks at the last layer of feature maps (its max pooling only picks among them).
                assertThat(a.camLayer()).isEqualTo("relu2");
                assertThat(a.saliency()).hasSize(784);
                assertThat(a.gradCam()).hasSize(784);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        // Gradient × input: a black pixel, whatever its gradient, moved nothing.
                        if (pictures.pixel(i, x, y) == 0) {
                            assertThat(a.saliency()[y * 28 + x]).isZero();
                        }
                        assertThat(a.gradCam()[y * 28 + x]).isBetween(0f, 1f);
                    }
                }
                assertThat(max(a.saliency())).isEqualTo(1f);
            }
        }
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
