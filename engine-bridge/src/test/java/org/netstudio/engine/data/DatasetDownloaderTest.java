package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on the loopback interface only; nothing here touches the network. */
class DatasetDownloaderTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final byte[] content = IdxFiles.sequence(700_000);
    private final AtomicInteger hits = new AtomicInteger();
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        });
        server.createContext("/missing/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void downloadsVerifiesAndReportsProgress() throws Exception {
        RemoteFile file = RemoteFile.at("data.gz", sha256(content), -1, base + "/good/");
        List<long[]> progress = new CopyOnWriteArrayList<>();
        Path saved = new DatasetDownloader().download(file, dir.resolve("sub"), (f, done, total) -> progress.add(new long[] {done, total}));

        assertThat(saved).isEqualTo(dir.resolve("sub/data.gz"));
        assertThat(Files.readAllBytes(saved)).isEqualTo(content);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(content.length, content.length);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
        }
        assertThat(Files.list(saved.getParent())).containsExactly(saved);
    }

    @Test
    void aWrongChecksumDiscardsTheFile() throws Exception {
        RemoteFile file = RemoteFile.at("data.gz", "0".repeat(64), -1, base + "/good/");
        assertThatThrownBy(() -> new DatasetDownloader().download(file, dir, DownloadProgress.NONE))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessage("The download of data.gz from " + base + "/good/data.gz has SHA-256 " + sha256(content)
                        + ", but " + "0".repeat(64) + " was expected; the file was discarded");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void triesTheNextMirrorAfterAFailure() throws Exception {
        RemoteFile file = RemoteFile.at("data.gz", sha256(content), content.length, base + "/missing/", base + "/good/");
        Path saved = new DatasetDownloader().download(file, dir, DownloadProgress.NONE);
        assertThat(Files.size(saved)).isEqualTo(content.length);
        assertThat(hits).hasValue(2);
    }

    @Test
    void listsEveryMirrorWhenAllFail() {
        RemoteFile file = RemoteFile.at("data.gz", "a".repeat(64), -1, base + "/missing/", base + "/missing/again/");
        assertThatThrownBy(() -> new DatasetDownloader().download(file, dir, DownloadProgress.NONE))
                .hasMessageStartingWith("Could not download data.gz:")
                .hasMessageContaining(base + "/missing/data.gz: the server answered HTTP 404")
                .hasMessageContaining(base + "/missing/again/data.gz: the server answered HTTP 404");
    }

    @Test
    void anIntactFileIsNotDownloadedAgain() throws Exception {
        Files.write(dir.resolve("data.gz"), content);
        RemoteFile file = RemoteFile.at("data.gz", sha256(content), -1, base + "/good/");
        new DatasetDownloader().download(file, dir, DownloadProgress.NONE);
        assertThat(hits).hasValue(0);
        Files.write(dir.resolve("data.gz"), new byte[] {1, 2, 3});
        new DatasetDownloader().download(file, dir, DownloadProgress.NONE);
        assertThat(hits).hasValue(1);
        assertThat(Files.readAllBytes(dir.resolve("data.gz"))).isEqualTo(content);
    }

    @Test
    void remoteFilesAreValidated() {
        assertThatThrownBy(() -> RemoteFile.at("../x", "a".repeat(64), -1, base + "/"))
                .hasMessage("Invalid file name for a download: '../x'");
        assertThatThrownBy(() -> RemoteFile.at("x", "xyz", -1, base + "/")).hasMessage("Invalid SHA-256 for x: 'xyz'");
        assertThat(RemoteFile.at("x", "A".repeat(64), -1, base + "/").sha256()).isEqualTo("a".repeat(64));
    }
}
