package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.cli.NetStudioCommand;
import picocli.CommandLine;

/** {@code netstudio gallery download ID}, without reaching the network. */
class GalleryDownloadCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = NetStudioCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aNetWithoutDownloadableWeightsIsRefusedNamingThoseThatHaveThem() {
        Run r = run("gallery", "download", "lenet");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("netstudio gallery download: the gallery offers no weights to download for \"lenet\""
                + " (weights can be downloaded for vgg11, vgg16, resnet18, resnet34, resnet50, mobilenet-v2)\n");
        assertThat(run("gallery", "download", "resnet19").err()).startsWith(
                "netstudio gallery download: the gallery has no net \"resnet19\" (weights can be downloaded for vgg11");
    }

    @Test
    void weightsAlreadyInTheCacheAreNotDownloadedAgain(@TempDir Path cache) throws IOException {
        Files.writeString(cache.resolve("resnet18-f37072fd.pth"), "verified before");
        String before = System.getProperty(GalleryWeights.CACHE_PROPERTY);
        System.setProperty(GalleryWeights.CACHE_PROPERTY, cache.toString());
        try {
            Run r = run("gallery", "download", "resnet18");

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
        Run r = run("gallery", "--json");

        assertThat(r.out()).contains("\"url\" : \"https://download.pytorch.org/models/vgg16-397923af.pth\"");
    }
}
