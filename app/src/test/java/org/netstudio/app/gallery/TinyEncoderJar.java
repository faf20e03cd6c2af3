package org.netstudio.app.gallery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.NetDocument;

/**
 * A stand-in for a sentence encoder's Maven jar, small enough for tests that never reach the
 * network: a tiny BERT-shaped ONNX model ({@code tiny_encoder.py}; inputs input_ids, attention_mask,
 * token_type_ids, four values per token) and the tiny BPE tokenizer of engine-bridge's tests; and a
 * gallery of one entry, "tiny-encoder", that downloads it from a given address, as the index offers
 * bge-small-en-v1.5.
 */
public final class TinyEncoderJar {

    public static final String ID = "tiny-encoder";
    public static final String NAME = "Tiny encoder";
    static final String MODEL = "tiny-encoder.onnx";
    static final String TOKENIZER = "tiny-encoder-tokenizer.json";

    private TinyEncoderJar() {
    }

    /** The model's bytes. */
    public static byte[] model() {
        try (InputStream in = TinyEncoderJar.class.getResourceAsStream(MODEL)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar: the model and, unless {@code withoutTokenizer}, the tokenizer. */
    public static byte[] jar(boolean withTokenizer) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(MODEL, model());
        try {
            if (withTokenizer) {
                files.put(TOKENIZER, Files.readAllBytes(Path.of("..", "engine-bridge", "src", "test", "resources", "org",
                        "netstudio", "engine", "text", "tiny-bpe-tokenizer.json")));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(f.getKey()));
                    zip.write(f.getValue());
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A gallery of the one entry, whose jar downloads from {@code url} (its checksum that of {@code
     * jar}) into {@code cache}, pooled as {@code pooling} ("cls", "mean") says. Its architecture is
     * what the model imports to, as the standard gallery ships bge-small-en-v1.5's.
     */
    public static Gallery gallery(Path cache, URI url, byte[] jar, String pooling) {
        OnnxImport imported;
        try {
            imported = OnnxImporter.read(model(), MODEL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String architecture = NetFileWriter.toJson(new NetDocument(NAME, imported.document().net(),
                imported.document().layout()));
        String index = """
                { "format": "netstudio.gallery", "version": 1, "nets": [
                  { "id": "%s", "name": "%s", "task": "Sentence embedding", "file": "%s.json",
                    "description": "A BERT-shaped stand-in for a sentence encoder.",
                    "inputs": [ { "name": "input_ids", "shape": ["sequence_length"], "type": "Index", "indexRange": 19 } ],
                    "outputs": [ { "name": "last_hidden_state", "shape": ["sequence_length", 4], "type": "Real" } ],
                    "parameters": { "total": 113, "trainable": 113, "nonTrainable": 0 },
                    "referenceParameters": 113, "layers": 7, "nodes": 7,
                    "weights": { "url": "%s", "sha256": "%s", "bytes": %d, "license": "MIT", "model": "%s" },
                    "embedding": { "tokenizer": "%s", "pooling": "%s", "maxTokens": 16 } } ] }
                """.formatted(ID, NAME, ID, url, sha256(jar), jar.length, MODEL, TOKENIZER, pooling);
        Map<String, String> files = Map.of(Gallery.INDEX, index, ID + ".json", architecture);
        return new Gallery(name -> files.containsKey(name)
                ? new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8)) : null, "the test gallery",
                new GalleryWeights(cache));
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
