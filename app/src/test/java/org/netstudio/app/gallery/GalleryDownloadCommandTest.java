package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.cli.CliRun;

/** {@code netstudio gallery download ID}, without reaching the network. */
class GalleryDownloadCommandTest {

    @Test
    void aNetWithoutDownloadableWeightsIsRefusedNamingThoseThatHaveThem() {
        CliRun r = run("gallery", "download", "lenet");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("netstudio gallery download: the gallery offers no weights to download for \"lenet\""
                + " (weights can be downloaded for bge-small-en-v1.5, e5-small-v2, vgg11, vgg16, resnet18, resnet34, resnet50,"
                + " mobilenet-v2)\n");
        assertThat(run("gallery", "download", "resnet19").err()).startsWith(
                "netstudio gallery download: the gallery has no net \"resnet19\" (weights can be downloaded for bge-small");
    }

    @Test
    void weightsAlreadyInTheCacheAreNotDownloadedAgain(@TempDir Path cache) throws IOException {
        Files.writeString(cache.resolve("resnet18-f37072fd.pth"), "verified before");
        String before = System.getProperty(GalleryWeights.CACHE_PROPERTY);
        System.setProperty(GalleryWeights.CACHE_PROPERTY, cache.toString());
        try {
            CliRun r = run("gallery", "download", "resnet18");

            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("ResNet-18 weights are already downloaded: " + cache.resolve("resnet18-f37072fd.pth")
                    + "\n");
        } finally {
            if (before == null) {
                System.clearProperty(GalleryWeights.CACHE_PROPERTY);
            } else {
                System.setProperty(GalleryWeights.CACHE_PROPERTY, before);
            }
        }
    }

    @Test
    void theGalleryListingInJsonSaysWhereWeightsCanBeDownloaded() {
        CliRun r = run("gallery", "--json");

        assertThat(r.out()).contains("\"url\" : \"https://download.pytorch.org/models/vgg16-397923af.pth\"");
    }
}
