package org.netstudio.app.window.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.app.gallery.WeightsDownload;

/** What a gallery card says about an entry's weights. */
class WeightsStatusTest {

    private static GalleryEntry standard(String id) {
        return Gallery.standard().find(id).orElseThrow();
    }

    /**
     * What the card of a standard entry says, downloaded weights cached or not: the shipped Fashion-MNIST net its
     * test accuracy as its description states it; torchvision nets ImageNet weights until they are cached; a
     * sentence encoder its whole model, which it needs to embed.
     */
    @ParameterizedTest(name = "{0}, cached: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fashion-cnn-pretrained | false | INCLUDED     | Pretrained · 92.5% test accuracy | Opens with its trained weights.
            resnet18               | false | DOWNLOADABLE | ImageNet weights to download     | Opens untrained until they are downloaded.
            resnet18               | true  | CACHED       | ImageNet weights cached          | Opens with the downloaded weights.
            bge-small-en-v1.5      | false | DOWNLOADABLE | Pretrained model: 78 MB download | Download it to embed sentences; until then it opens untrained.
            e5-small-v2            | true  | CACHED       | Pretrained model downloaded      | Opens with the downloaded model.
            """)
    void aCardSaysWhatTheWeightsAreAndHowTheNetOpens(String id, boolean cached, WeightsStatus.Kind kind,
                                                     String headline, String opens) {
        WeightsStatus s = WeightsStatus.of(standard(id), cached);

        assertThat(s.kind()).isEqualTo(kind);
        assertThat(s.headline()).isEqualTo(headline);
        assertThat(s.opens()).isEqualTo(opens);
    }

    @Test
    void aPretrainedNetWithoutAStatedAccuracySaysItsWeightsAreIncluded() {
        assertThat(WeightsStatus.of(standard("minilm"), false).headline()).isEqualTo("Pretrained weights included");
    }

    @Test
    void aStatedSizeIsShownAndOtherDatasetsAreNotCalledImageNet() {
        GalleryEntry e = new GalleryEntry("net", "Net", "Segmentation", "", "", "net.json", List.of(), List.of(), 0, 0, 0,
                0, 0, 0, false, "", new WeightsDownload(URI.create("https://example.org/net-12345678.pth"), "12345678",
                45_200_000, "MIT"));

        assertThat(WeightsStatus.of(e, false).headline()).isEqualTo("Pretrained weights: 45 MB download");
    }

    @Test
    void aNetWithoutWeightsIsAnArchitectureOnly() {
        WeightsStatus s = WeightsStatus.of(standard("lenet"), false);

        assertThat(s.kind()).isEqualTo(WeightsStatus.Kind.NONE);
        assertThat(s.headline()).isEqualTo("Architecture only");
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(WeightsDownload.size(512)).isEqualTo("512 bytes");
        assertThat(WeightsDownload.size(850_000)).isEqualTo("850 KB");
        assertThat(WeightsDownload.size(999_999)).isEqualTo("1.0 MB");
        assertThat(WeightsDownload.size(4_230_000)).isEqualTo("4.2 MB");
        assertThat(WeightsDownload.size(46_830_571)).isEqualTo("47 MB");
        assertThat(WeightsDownload.size(1_300_000_000L)).isEqualTo("1.3 GB");
    }
}
