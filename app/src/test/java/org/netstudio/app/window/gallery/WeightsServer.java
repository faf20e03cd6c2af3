package org.netstudio.app.window.gallery;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryWeights;

/**
 * A local HTTP server for weights files, so that download tests never reach the network: a file is
 * served whole, or ({@link #hold}) its first half is sent and the rest waits until {@link #release()}
 * so a test can look at a download in progress and cancel it. Also writes small PyTorch state_dicts
 * and a one-net gallery whose net (LeNet-5's architecture) offers such a file for download.
 */
public final class WeightsServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    /** How many requests for files came. */
    public final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    /** Counts down when a held file's first half has been sent. */
    public final CountDownLatch halfSent = new CountDownLatch(1);

    public WeightsServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/models/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring("/models/".length());
            byte[] body = files.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (held.containsKey(name)) {
                    int half = body.length / 2;
                    out.write(body, 0, half);
                    out.flush();
                    halfSent.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    out.write(body, half, body.length - half);
                } else {
                    out.write(body);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away (a cancelled download)
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "weights-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Serves {@code body} as {@code name}, whole. */
    public URI serve(String name, byte[] body) {
        files.put(name, body);
        return url(name);
    }

    /** Serves {@code body} as {@code name}: half, then the rest after {@link #release()}. */
    public URI hold(String name, byte[] body) {
        held.put(name, true);
        return serve(name, body);
    }

    public void release() {
        release.countDown();
    }

    public URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models/" + name);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A torch.save zip of float tensors with these names and shapes, filled with seeded random
     * values: the pickle protocol 2 spelling PyTorch writes for an OrderedDict of tensors.
     */
    public static byte[] stateDict(Map<String, long[]> tensors, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.writeBytes(latin1("\u0080\u0002ccollections\nOrderedDict\n)R("));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            int storage = 0;
            for (Map.Entry<String, long[]> t : tensors.entrySet()) {
                long[] shape = t.getValue();
                long count = 1;
                for (long s : shape) {
                    count *= s;
                }
                text(pickle, t.getKey());
                pickle.writeBytes(latin1("ctorch._utils\n_rebuild_tensor_v2\n(("));
                text(pickle, "storage");
                pickle.writeBytes(latin1("ctorch\nFloatStorage\n"));
                text(pickle, Integer.toString(storage));
                text(pickle, "cpu");
                integer(pickle, count);
                pickle.writeBytes(latin1("tQ"));
                integer(pickle, 0);
                pickle.write('(');
                for (long s : shape) {
                    integer(pickle, s);
                }
                pickle.writeBytes(latin1("t("));
                long stride = count;
                for (long s : shape) {
                    stride /= s;
                    integer(pickle, stride);
                }
                pickle.writeBytes(latin1("t\u0089ccollections\nOrderedDict\n)RtR"));
                ByteBuffer values = ByteBuffer.allocate((int) count * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < count; i++) {
                    values.putFloat((float) random.nextGaussian() * 0.1f);
                }
                zip.putNextEntry(new ZipEntry("archive/data/" + storage));
                zip.write(values.array());
                zip.closeEntry();
                storage++;
            }
            pickle.writeBytes(latin1("u."));
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle.toByteArray());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipped.toByteArray();
    }

    /**
     * A gallery of one net, "lenet-imagenet" (LeNet-5's architecture from the standard gallery),
     * whose weights download from {@code url} with this checksum into {@code cache}.
     */
    public static Gallery gallery(Path cache, URI url, String sha256, long bytes) {
        String index = """
                { "format": "netstudio.gallery", "version": 1, "nets": [
                  { "id": "lenet-imagenet", "name": "LeNet (test weights)", "task": "Image classification (ImageNet)",
                    "description": "LeNet-5 with weights from a test server.", "file": "lenet.json",
                    "inputs": [ { "name": "Input", "shape": [28, 28], "type": "Real", "coder": "Image" } ],
                    "outputs": [ { "name": "Output", "shape": [10], "type": "Real", "coder": "Class" } ],
                    "parameters": { "total": 61706, "trainable": 61706, "nonTrainable": 0 },
                    "referenceParameters": 61706, "layers": 10, "nodes": 10,
                    "weights": { "url": "%s", "sha256": "%s", "bytes": %d, "license": "test weights, no terms" } } ] }
                """.formatted(url, sha256, bytes);
        return new Gallery(name -> name.equals(Gallery.INDEX)
                ? new ByteArrayInputStream(index.getBytes(StandardCharsets.UTF_8))
                : standard(name), "the test gallery", new GalleryWeights(cache));
    }

    private static InputStream standard(String name) {
        return Gallery.class.getResourceAsStream(Gallery.RESOURCES + name);
    }

    private static void text(ByteArrayOutputStream b, String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        b.write('X');
        b.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(t.length).array());
        b.writeBytes(t);
    }

    private static void integer(ByteArrayOutputStream b, long v) {
        b.write(0x8a); // LONG1, 8 bytes
        b.write(8);
        b.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
