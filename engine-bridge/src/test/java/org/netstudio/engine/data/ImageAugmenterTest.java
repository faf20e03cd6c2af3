package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.ImageAugmentation;

class ImageAugmenterTest {

    private static final long[] SHAPE = {1, 5, 5};

    /** A 5×5 picture with one lit pixel at (x, y). */
    private static float[] dot(int x, int y) {
        float[] p = new float[25];
        p[y * 5 + x] = 1;
        return p;
    }

    private static int[] lit(float[] p) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.5f) {
                return new int[] {i % 5, i / 5};
            }
        }
        return null;
    }

    @Test
    void nothingToVaryLeavesThePictureAsItIs() {
        float[] out = new float[25];
        new ImageAugmenter(ImageAugmentation.NONE, SHAPE).vary(dot(1, 2), out, new Random(1));
        assertThat(out).containsExactly(dot(1, 2));
    }

    @Test
    void aFlipMirrorsHalfThePicturesLeftToRight() {
        ImageAugmenter flip = new ImageAugmenter(new ImageAugmentation(0, true, 0, 0, 0), SHAPE);
        Random random = new Random(3);
        int mirrored = 0;
        for (int i = 0; i < 200; i++) {
            float[] out = new float[25];
            flip.vary(dot(1, 2), out, random);
            int[] at = lit(out);
            assertThat(at).isIn(new int[] {1, 2}, new int[] {3, 2});
            mirrored += at[0] == 3 ? 1 : 0;
        }
        assertThat(mirrored).isBetween(70, 130);
    }

    @Test
    void aCropMovesThePictureByUpToItsPaddingAndFillsWithZero() {
        ImageAugmenter crop = new ImageAugmenter(new ImageAugmentation(1, false, 0, 0, 0), SHAPE);
        Random random = new Random(4);
        java.util.Set<String> places = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            float[] out = new float[25];
            crop.vary(dot(2, 2), out, random);
            int[] at = lit(out);
            assertThat(Math.abs(at[0] - 2)).isLessThanOrEqualTo(1);
            assertThat(Math.abs(at[1] - 2)).isLessThanOrEqualTo(1);
            places.add(at[0] + "," + at[1]);
            float sum = 0;
            for (float v : out) {
                sum += v;
            }
            assertThat(sum).isEqualTo(1f);
        }
        assertThat(places).as("every shift of up to one pixel occurs").hasSize(9);
    }

    @Test
    void brightnessAndContrastChangeValuesButKeepOrder() {
        ImageAugmenter light = new ImageAugmenter(new ImageAugmentation(0, false, 0, 0.5, 0.5), SHAPE);
        float[] in = new float[25];
        for (int i = 0; i < 25; i++) {
            in[i] = i / 25f;
        }
        float[] out = new float[25];
        light.vary(in, out, new Random(9));
        assertThat(out).isNotEqualTo(in);
        for (int i = 1; i < 25; i++) {
            assertThat(out[i]).isGreaterThan(out[i - 1]);
        }
    }

    @Test
    void aTiltTurnsAboutTheCentreWhichStays() {
        ImageAugmenter tilt = new ImageAugmenter(new ImageAugmentation(0, false, 30, 0, 0), SHAPE);
        float[] out = new float[25];
        tilt.vary(dot(2, 2), out, new Random(5));
        assertThat(out[12]).isCloseTo(1f, within(1e-5f));
    }
}
