package org.netstudio.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.encoding.CharacterEncoder;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.engine.encoding.NetImages;
import org.netstudio.engine.encoding.TokenEncoder;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.pytorch.PyTorchModelWriter;
import org.netstudio.netgraph.net.NetDocument;

/**
 * The exported encoders.py computes what NetStudio's encoders compute: images resized, turned to
 * grayscale or RGB and normalised as NetStudio's ImageEncoder does (within 1e-5), texts as
 * NetStudio's CharacterEncoder's indices (padded, with lengths), classes decoded to their labels.
 * One Python process for the class.
 */
class EncodersParityTest {

    @TempDir
    static Path folder;
    private static JsonNode result;
    private static Optional<String> missing;
    private static final Map<String, float[]> EXPECTED = new java.util.LinkedHashMap<>();

    private static final String LABELS = "\"output\": {\"decoder\": {\"type\": \"Class\", \"labels\": [\"cat\", \"dog\"]}}";

    @BeforeAll
    static void runPython() throws Exception {
        missing = TorchParity.torchMissing();
        if (missing.isPresent()) {
            return;
        }
        Random r = new Random(3);
        export("rgb", "{\"type\": \"Image\", \"size\": [20, 15], \"colorSpace\": \"RGB\", \"mean\": [0.4, 0.5, 0.6],"
                + " \"std\": [0.2, 0.25, 0.3]}", 3, 15, 20, List.of(rgb(r, 31, 23), rgb(r, 20, 15), rgb(r, 7, 9)));
        export("gray", "{\"type\": \"Image\", \"size\": [12, 10], \"colorSpace\": \"Grayscale\"}", 1, 10, 12,
                List.of(rgb(r, 25, 18), rgb(r, 12, 10)));
        NetDocument text = NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": {\"type\": \"Chain\","
                + " \"input\": {\"encoder\": {\"type\": \"Characters\", \"alphabet\": \"abc\uFFFD\"}}, \"layers\": ["
                + "{\"type\": \"Embedding\", \"size\": 2}]}}", "t.json");
        PyTorchModelWriter.write(text, Optional.empty(), folder.resolve("text"));
        NetDocument tokens = NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": {\"type\": \"Chain\","
                + " \"input\": {\"encoder\": " + TOKENS + "}, \"layers\": [{\"type\": \"Embedding\", \"size\": 2}]}}", "t.json");
        PyTorchModelWriter.write(tokens, Optional.empty(), folder.resolve("tokens"));

        result = new ObjectMapper().readTree(TorchParity.runScript("encoder_checks.py", folder));
    }

    /** Exports a net with this image encoder, and writes the images (raw, one array each) and NetStudio's encodings. */
    private static void export(String name, String encoder, int channels, int h, int w, List<BufferedImage> images)
            throws Exception {
        NetDocument doc = NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": {\"type\": \"Chain\","
                + " \"input\": {\"encoder\": " + encoder + "}, \"layers\": [{\"type\": \"Flatten\"}, {\"type\": \"Linear\","
                + " \"units\": 2}, {\"type\": \"Softmax\"}], " + LABELS + "}}", name + ".json");
        Path dir = folder.resolve(name);
        PyTorchModelWriter.write(doc, Optional.empty(), dir);
        ImageEncoder enc = NetImages.declaredEncoder(doc.net()).orElseThrow();
        assertThat(enc.length()).isEqualTo(channels * h * w);
        List<WeightArray> raw = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            BufferedImage img = images.get(i);
            long[] pixels = new long[img.getWidth() * img.getHeight() * 3];
            for (int y = 0, k = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int rgb = img.getRGB(x, y);
                    pixels[k++] = (rgb >> 16) & 0xFF;
                    pixels[k++] = (rgb >> 8) & 0xFF;
                    pixels[k++] = rgb & 0xFF;
                }
            }
            String key = "image" + i;
            raw.add(WeightArray.ofLongs(key, new long[] {1, img.getHeight(), img.getWidth(), 3}, pixels));
            EXPECTED.put(name + "/" + key, enc.encode(img));
        }
        Safetensors.write(Weights.of(raw, Map.of()), dir.resolve("raw.safetensors"));
    }

    private static BufferedImage rgb(Random r, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    @Test
    void imagesAreEncodedAsNetStudioEncodesThem() {
        TorchParity.assumeTorch(missing);
        EXPECTED.forEach((key, want) -> {
            String[] parts = key.split("/");
            JsonNode got = result.get(parts[0]).get(parts[1]);
            assertThat(got.size()).as(key).isEqualTo(want.length);
            double worst = 0;
            for (int i = 0; i < want.length; i++) {
                worst = Math.max(worst, Math.abs(got.get(i).asDouble() - want[i]));
            }
            assertThat(worst).as("largest difference of %s", key).isLessThan(1e-5);
        });
    }

    @Test
    void classesAreDecodedToTheirLabels() {
        TorchParity.assumeTorch(missing);

        assertThat(result.get("rgb labels").toString()).isEqualTo("[\"dog\",\"cat\"]");
    }

    @Test
    void textsAreNetStudiosCharacterIndicesPaddedWithTheirLengths() {
        TorchParity.assumeTorch(missing);
        CharacterEncoder chars = new CharacterEncoder("abc\uFFFD");
        int[] first = chars.encode("abca");
        int[] second = chars.encode("cz\u00e9");

        assertThat(result.get("text").toString()).isEqualTo("[[" + row(first, 4) + "," + row(second, 4) + "],[4,3]]");
    }

    private static final String TOKENS = "{\"type\": \"Tokens\", \"vocabulary\": [\"<unk>\", \"the\", \"cat's\", \"hat\","
            + " \",\", \"isn't\", \"?\", \"ünïcode\", \"3\", \".\", \"—\", \"dog\"]}";
    private static final List<String> TEXTS = List.of("The cat's HAT, isn't it?",
            "  Ünïcode  wörds: 3.14 —dash\tand\nlines", "dog");

    @Test
    void textsAreNetStudiosTokenIndicesPaddedWithTheirLengths() throws Exception {
        TorchParity.assumeTorch(missing);
        TokenEncoder encoder = TokenEncoder.of(NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1,"
                + " \"net\": {\"type\": \"Chain\", \"input\": {\"encoder\": " + TOKENS + "}, \"layers\": ["
                + "{\"type\": \"Embedding\", \"size\": 2}]}}", "t.json").net() instanceof org.netstudio.netgraph.net.Chain c
                ? c.input().coder() : null);
        List<int[]> rows = TEXTS.stream().map(encoder::encode).toList();
        int longest = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        StringBuilder want = new StringBuilder("[[");
        for (int i = 0; i < rows.size(); i++) {
            want.append(i == 0 ? "" : ",").append(row(rows.get(i), longest));
        }
        want.append("],[");
        for (int i = 0; i < rows.size(); i++) {
            want.append(i == 0 ? "" : ",").append(rows.get(i).length);
        }
        want.append("]]");

        assertThat(rows.get(0)).hasSizeGreaterThan(5);
        assertThat(result.get("tokens").toString()).isEqualTo(want.toString());
    }

    private static String row(int[] values, int length) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < length; i++) {
            sb.append(i == 0 ? "" : ",").append(i < values.length ? values[i] : 0);
        }
        return sb.append(']').toString();
    }
}
