package org.netstudio.app.window.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.torch.StateDictMapping;

/** A download the window starts for a card, against a local HTTP server: done, damaged, unreachable, cancelled. */
class WeightsDownloadJobTest {

    private static final byte[] LENET = WeightsServer.stateDict(StateDictMapping.expectedTensors(
            Gallery.standard().load("lenet").net()), 1);

    @TempDir
    Path cache;

    private final WeightsServer server = new WeightsServer();
    private final List<long[]> progress = new CopyOnWriteArrayList<>();
    private final BlockingQueue<WeightsDownloadJob.Result> results = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private WeightsDownloadJob start(Gallery gallery) {
        GalleryEntry e = gallery.find("lenet-imagenet").orElseThrow();
        return WeightsDownloadJob.start(gallery.downloads(), e, Runnable::run, new WeightsDownloadJob.Listener() {
            @Override
            public void progress(long done, long total) {
                progress.add(new long[] {done, total});
            }

            @Override
            public void finished(WeightsDownloadJob.Result result) {
                results.add(result);
            }
        });
    }

    private WeightsDownloadJob.Result result() throws InterruptedException {
        WeightsDownloadJob.Result r = results.poll(20, TimeUnit.SECONDS);
        assertThat(r).as("the download ended").isNotNull();
        return r;
    }

    private List<Path> cached() throws IOException {
        try (var files = Files.list(cache)) {
            return files.toList();
        }
    }

    @Test
    void aDownloadEndsWithTheVerifiedFileWhoseWeightsTheNetThenOpensWith() throws Exception {
        URI url = server.serve("lenet-0123abcd.pth", LENET);
        Gallery gallery = WeightsServer.gallery(cache, url, WeightsServer.sha256(LENET), LENET.length);
        assertThat(gallery.loadWithWeights("lenet-imagenet").weights()).as("nothing downloaded yet").isEmpty();

        WeightsDownloadJob job = start(gallery);
        WeightsDownloadJob.Result r = result();

        assertThat(r.outcome()).isEqualTo(WeightsDownloadJob.Outcome.DONE);
        assertThat(r.file()).isEqualTo(cache.resolve("lenet-0123abcd.pth"));
        assertThat(job.running()).isFalse();
        assertThat(progress.get(progress.size() - 1)).containsExactly(LENET.length, LENET.length);
        LoadedNet loaded = gallery.loadWithWeights("lenet-imagenet");
        Weights w = loaded.weights().orElseThrow();
        assertThat(w.arrays()).hasSize(StateDictMapping.expectedTensors(loaded.document().net()).size());
    }

    @Test
    void aDamagedFileIsRefusedInASentenceAndNothingIsLeftInTheCache() throws Exception {
        URI url = server.serve("lenet-0123abcd.pth", LENET);
        Gallery gallery = WeightsServer.gallery(cache, url, "0123abcd", LENET.length);

        start(gallery);
        WeightsDownloadJob.Result r = result();

        assertThat(r.outcome()).isEqualTo(WeightsDownloadJob.Outcome.FAILED);
        assertThat(r.message()).isEqualTo("The downloaded file was damaged (its checksum does not match the gallery's),"
                + " so it was deleted. Try again.");
        assertThat(r.detail()).contains("has SHA-256 " + WeightsServer.sha256(LENET));
        assertThat(cached()).isEmpty();
    }

    @Test
    void anUnreachableServerIsSaidSo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Gallery gallery = WeightsServer.gallery(cache, URI.create("http://127.0.0.1:" + closed + "/models/x-0123abcd.pth"),
                "0123abcd", 0);

        start(gallery);
        WeightsDownloadJob.Result r = result();

        assertThat(r.outcome()).isEqualTo(WeightsDownloadJob.Outcome.FAILED);
        assertThat(r.message()).isEqualTo("Cannot reach 127.0.0.1. Check the internet connection and try again.");
        assertThat(cached()).isEmpty();
    }

    @Test
    void anHttpErrorIsSaidWithItsStatus() throws Exception {
        Gallery gallery = WeightsServer.gallery(cache, server.url("gone-0123abcd.pth"), "0123abcd", 0);

        start(gallery);
        WeightsDownloadJob.Result r = result();

        assertThat(r.outcome()).isEqualTo(WeightsDownloadJob.Outcome.FAILED);
        assertThat(r.message()).isEqualTo("The download failed: " + server.url("gone-0123abcd.pth") + " answered HTTP 404.");
    }

    @Test
    void aCancelledDownloadStopsAndLeavesNothingHalfWritten() throws Exception {
        URI url = server.hold("lenet-0123abcd.pth", LENET);
        Gallery gallery = WeightsServer.gallery(cache, url, WeightsServer.sha256(LENET), LENET.length);

        WeightsDownloadJob job = start(gallery);
        assertThat(server.halfSent.await(20, TimeUnit.SECONDS)).isTrue();
        org.testfx.util.WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !progress.isEmpty() && progress.get(progress.size() - 1)[0] >= LENET.length / 2);
        assertThat(progress.get(progress.size() - 1)).as("half of it came").containsExactly(LENET.length / 2, LENET.length);
        assertThat(job.running()).isTrue();

        job.cancel();
        WeightsDownloadJob.Result r = result();

        assertThat(r.outcome()).isEqualTo(WeightsDownloadJob.Outcome.CANCELLED);
        assertThat(r.message()).isEqualTo("Download cancelled; nothing was kept.");
        assertThat(cached()).as("no partial file").isEmpty();
        assertThat(gallery.downloads().cached(gallery.find("lenet-imagenet").orElseThrow())).isEmpty();
    }
}
