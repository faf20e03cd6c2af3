package org.netstudio.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodersTest {

    @Test
    void grayImagesKeepTheirSampleValues() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 51);
        gray.getRaster().setSample(1, 0, 0, 204);
        float[] out = ImageEncoder.of(2, 1, ColorSpace.GRAYSCALE).encode(gray);
        assertThat(out).containsExactly(0.2f, 0.8f);
        float[] rgb = ImageEncoder.of(2, 1, ColorSpace.RGB).encode(gray);
        assertThat(rgb).containsExactly(0.2f, 0.8f, 0.2f, 0.8f, 0.2f, 0.8f);
    }

    @Test
    void colourImagesAreChannelsFirstAndLumaForGray() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 0, 0x0000FF);
        assertThat(ImageEncoder.of(2, 1, ColorSpace.RGB).encode(image)).containsExactly(1, 0, 0, 0, 0, 1);
        float[] gray = ImageEncoder.of(2, 1, ColorSpace.GRAYSCALE).encode(image);
        assertThat(gray[0]).isCloseTo(0.299f, within(1e-6f));
        assertThat(gray[1]).isCloseTo(0.114f, within(1e-6f));
    }

    @Test
    void resizingAveragesNeighboursAndKeepsUniformImagesUniform() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 0);
        image.getRaster().setSample(1, 0, 0, 255);
        image.getRaster().setSample(0, 1, 0, 255);
        image.getRaster().setSample(1, 1, 0, 0);
        assertThat(ImageEncoder.of(1, 1, ColorSpace.GRAYSCALE).encode(image)[0]).isCloseTo(0.5f, within(1e-6f));
        BufferedImage flat = new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                flat.getRaster().setSample(x, y, 0, 100);
            }
        }
        assertThat(ImageEncoder.of(16, 3, ColorSpace.GRAYSCALE).encode(flat)).containsOnly(100f / 255f);
    }

    @Test
    void normalisesPerChannel() {
        BufferedImage white = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        white.setRGB(0, 0, 0xFFFFFF);
        ImageEncoder encoder = new ImageEncoder(1, 1, ColorSpace.RGB, new float[] {0.5f, 0f, 1f}, new float[] {0.25f, 1f, 2f});
        assertThat(encoder.encode(white)).containsExactly(2f, 1f, 0f);
        assertThat(encoder.shape()).isEqualTo(new Shape(3, 1, 1));
        assertThat(encoder.length()).isEqualTo(3);
        assertThat(encoder.mean()).containsExactly(0.5f, 0f, 1f);
    }

    @Test
    void imageEncoderParametersAreValidated() {
        assertThatThrownBy(() -> ImageEncoder.of(0, 3, ColorSpace.RGB))
                .hasMessage("An image size must be at least 1×1, but was 0×3");
        assertThatThrownBy(() -> new ImageEncoder(2, 2, ColorSpace.RGB, new float[] {0, 0}, new float[] {1}))
                .hasMessage("Give one mean or one per channel (3), but 2 were given");
        assertThatThrownBy(() -> new ImageEncoder(2, 2, ColorSpace.GRAYSCALE, new float[] {0}, new float[] {0}))
                .hasMessage("A standard deviation must be positive, but was 0.0");
        assertThat(ImageEncoder.of(2, 2, ColorSpace.RGB)).isEqualTo(ImageEncoder.of(2, 2, ColorSpace.RGB));
    }

    @Test
    void classesEncodeDecodeAndRank() {
        ClassEncoder classes = new ClassEncoder(List.of("cat", "dog", "bird"));
        assertThat(classes.encode("dog")).isEqualTo(1);
        assertThat(classes.decode(2)).isEqualTo("bird");
        assertThat(classes.decode(new float[] {0.1f, 0.3f, 0.6f})).isEqualTo("bird");
        assertThat(classes.topK(new float[] {0.3f, 0.4f, 0.3f}, 2)).containsExactly(
                new ClassProbability("dog", 1, 0.4f), new ClassProbability("cat", 0, 0.3f));
        assertThat(classes.topK(new float[] {0.2f, 0.5f, 0.3f}, 10)).hasSize(3);
        assertThatThrownBy(() -> classes.encode("fish")).hasMessage("'fish' is not one of the classes [cat, dog, bird]");
        assertThatThrownBy(() -> classes.decode(3)).hasMessage("Class index 3 is outside 0 to 2");
        assertThatThrownBy(() -> classes.topK(new float[2], 1))
                .hasMessage("Expected 3 probabilities (one per class), but got 2");
        assertThatThrownBy(() -> new ClassEncoder(List.of("a", "a"))).hasMessage("The label 'a' appears twice");
    }

    @Test
    void booleansEncodeAsOneAndZero() {
        BooleanEncoder b = BooleanEncoder.INSTANCE;
        assertThat(b.encode(true)).isEqualTo(1f);
        assertThat(b.encode(false)).isEqualTo(0f);
        assertThat(b.decode(0.5f)).isTrue();
        assertThat(b.decode(0.49f)).isFalse();
        assertThatThrownBy(() -> b.decode(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void charactersEncodeOverTheAlphabet() {
        CharacterEncoder chars = new CharacterEncoder("abc 😀");
        assertThat(chars.size()).isEqualTo(5);
        assertThat(chars.encode("cab 😀")).containsExactly(2, 0, 1, 3, 4);
        assertThat(chars.decode(new int[] {4, 3, 0})).isEqualTo("😀 a");
        assertThat(chars.alphabet()).isEqualTo("abc 😀");
        assertThatThrownBy(() -> chars.encode("abd"))
                .hasMessage("The character 'd' (U+0064) at position 3 of \"abd\" is not in the alphabet");
        assertThatThrownBy(() -> chars.decode(new int[] {0, 5})).hasMessage("Index 5 at position 2 is outside the alphabet (0 to 4)");
        assertThatThrownBy(() -> new CharacterEncoder("aba")).hasMessage("The character 'a' (U+0061) appears twice in the alphabet");
        assertThatThrownBy(() -> new CharacterEncoder("")).isInstanceOf(IllegalArgumentException.class);
    }
}
