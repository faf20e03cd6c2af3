package org.netstudio.app.window.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.app.window.gallery.WeightsServer;
import org.netstudio.netgraph.io.torch.StateDictMapping;

/** Opening a gallery net for a tab: with its weights, or untrained saying why when the cached file is unusable. */
class GalleryOpeningTest {

    @TempDir
    Path cache;

    private Gallery gallery() {
        return WeightsServer.gallery(cache, java.net.URI.create("http://127.0.0.1:9/models/lenet-0123abcd.pth"),
                "0123abcd", 0);
    }

    @Test
    void aNetWhoseWeightsAreNotDownloadedOpensUntrainedWithoutComplaint() {
        Gallery g = gallery();
        GalleryEntry e = g.find("lenet-imagenet").orElseThrow();

        GalleryOpening opened = GalleryOpening.of(g, e);

        assertThat(opened.net().weights()).isEmpty();
        assertThat(opened.problem()).isEmpty();
        assertThat(opened.net().title()).isEqualTo("LeNet (test weights)");
        assertThat(opened.net().isDirty()).isFalse();
    }

    @Test
    void cachedWeightsOpenWithTheNet() throws Exception {
        Gallery g = gallery();
        Files.write(cache.resolve("lenet-0123abcd.pth"), WeightsServer.stateDict(
                StateDictMapping.expectedTensors(g.load("lenet-imagenet").net()), 3));

        GalleryOpening opened = GalleryOpening.of(g, g.find("lenet-imagenet").orElseThrow());

        assertThat(opened.net().weights()).isPresent();
        assertThat(opened.problem()).isEmpty();
    }

    @Test
    void aCachedFileThatIsNotACheckpointOpensTheNetUntrainedAndSaysWhatToDo() throws Exception {
        Gallery g = gallery();
        Files.writeString(cache.resolve("lenet-0123abcd.pth"), "not a zip");

        GalleryOpening opened = GalleryOpening.of(g, g.find("lenet-imagenet").orElseThrow());

        assertThat(opened.net().weights()).isEmpty();
        assertThat(opened.net().document().net()).isEqualTo(g.load("lenet-imagenet").net());
        assertThat(opened.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("It opened untrained: cannot use the downloaded weights of \"lenet-imagenet\": ")
                .endsWith("Delete the file from the weights cache (" + cache + ") and download it again."));
    }
}
