package org.netstudio.canvas.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a preview draws for the values a port can carry. */
class PictureRendererTest {

    @Test
    void featureMapsBecomeOneTilePerChannelEachScaledToItsOwnRange() {
        // Two 2×2 channels: the second a hundred times fainter, with the same pattern.
        float[] v = {0, 1, 2, 3, 0, 0.01f, 0.02f, 0.03f};
        PictureRenderer.Pixels px = PictureRenderer.render(new PortPicture(new long[] {2, 2, 2}, v), 41, 20);
        assertThat(px.channelsShown()).isEqualTo(2);
        // Side by side, 20 px tiles with a 1 px gap: the same corner pixels in both tiles.
        assertThat(px.argb()[0]).isEqualTo(px.argb()[21]);
        assertThat(px.argb()[19 * 41 + 19]).isEqualTo(px.argb()[19 * 41 + 40]);
        assertThat(px.argb()[0]).isNotEqualTo(px.argb()[19 * 41 + 19]);
        assertThat(px.argb()[20]).as("the gap").isEqualTo(PictureRenderer.BACKGROUND);
    }

    @Test
    void tooManyChannelsShowTheFirstOnesThatFitAndSaySo() {
        PortPicture wide = new PortPicture(new long[] {256, 28, 28}, new float[256 * 28 * 28]);
        PictureRenderer.Pixels px = PictureRenderer.render(wide, 64, 40);
        assertThat(px.channels()).isEqualTo(256);
        assertThat(px.channelsShown()).isBetween(1, 255);
    }

    @Test
    void vectorsBecomeBarsAroundZero() {
        PictureRenderer.Pixels px = PictureRenderer.render(new PortPicture(new long[] {2}, new float[] {1, -1}), 2, 10);
        int[] left = column(px, 0);
        int[] right = column(px, 1);
        // The positive bar rises from the middle, the negative one hangs below it, in another colour.
        assertThat(left[1]).isNotEqualTo(PictureRenderer.BACKGROUND);
        assertThat(left[9]).isEqualTo(PictureRenderer.BACKGROUND);
        assertThat(right[1]).isEqualTo(PictureRenderer.BACKGROUND);
        assertThat(right[9]).isNotEqualTo(PictureRenderer.BACKGROUND).isNotEqualTo(left[1]);
    }

    @Test
    void probabilitiesFillFromTheBottomInProportion() {
        PictureRenderer.Pixels px = PictureRenderer.render(new PortPicture(new long[] {2}, new float[] {1, 0.5f}), 2, 11);
        long full = Arrays.stream(column(px, 0)).filter(c -> c != PictureRenderer.BACKGROUND).count();
        long half = Arrays.stream(column(px, 1)).filter(c -> c != PictureRenderer.BACKGROUND).count();
        assertThat(full).isEqualTo(11);
        assertThat(half).isEqualTo(6);
    }

    @Test
    void numbersThatAreNotFiniteShowInMagentaWhateverTheShape() {
        float[] v = {0, Float.NaN, 1, 2};
        assertThat(PictureRenderer.render(new PortPicture(new long[] {4}, v), 4, 4).argb())
                .contains(PictureRenderer.NOT_FINITE);
        assertThat(PictureRenderer.render(new PortPicture(new long[] {2, 2}, v), 4, 4).argb())
                .contains(PictureRenderer.NOT_FINITE);
        assertThat(PictureRenderer.render(new PortPicture(new long[] {1, 2, 2}, v), 4, 4).argb())
                .contains(PictureRenderer.NOT_FINITE);
        assertThat(new PortPicture(new long[] {4}, v).summary()).endsWith("1 not finite");
    }

    @Test
    void aSequenceRunsAlongXAndItsFeaturesDown() {
        // Three steps of two features; step 2 is hot in feature 0 only.
        float[] v = {0, 0, 0, 0, 5, 0};
        PictureRenderer.Pixels px = PictureRenderer.render(new PortPicture(new long[] {3, 2}, v), 3, 2);
        assertThat(px.argb()[2]).isNotEqualTo(px.argb()[0]);
        assertThat(px.argb()[3 + 2]).isEqualTo(px.argb()[3]);
    }

    @Test
    void aPictureChecksThatItsNumbersFillItsShape() {
        assertThatThrownBy(() -> new PortPicture(new long[] {2, 3}, new float[5]))
                .hasMessage("shape [2, 3] holds 6 numbers, but 5 were given");
        assertThat(new PortPicture(new long[] {}, new float[] {3}).kind()).isEqualTo(PortPicture.Kind.SCALAR);
        assertThat(new PortPicture(new long[] {10}, new float[10]).kind()).isEqualTo(PortPicture.Kind.BARS);
        assertThat(new PortPicture(new long[] {7, 10}, new float[70]).kind()).isEqualTo(PortPicture.Kind.STRIP);
        assertThat(new PortPicture(new long[] {1, 28, 28}, new float[784]).kind()).isEqualTo(PortPicture.Kind.TILES);
    }

    private static int[] column(PictureRenderer.Pixels px, int x) {
        int[] c = new int[px.height()];
        for (int y = 0; y < px.height(); y++) {
            c[y] = px.argb()[y * px.width() + x];
        }
        return c;
    }
}
