package org.netstudio.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.pytorch.PyTorchModelWriter;
import org.netstudio.netgraph.net.NetDocument;

/**
 * The exported netstudio_io.py, run by Python: it reads what NetStudio writes and NetStudio reads
 * what it writes; it never trusts a size a file declares (each corrupt file gives a ValueError
 * naming the file and the problem); load_netstudio names the array that does not fit; and
 * netstudio_arrays gives back NetStudio's names, also through DDP's {@code .module}. One Python
 * process for the class.
 */
class NetstudioIoTest {

    @TempDir
    static Path folder;
    private static JsonNode result;
    private static Optional<String> missing;

    private static final Weights GOOD = Weights.of(List.of(
            WeightArray.of("fc/weights", new long[] {2, 3}, new float[] {1, -2, 3.5f, 4, 5, 6}),
            WeightArray.ofLongs("steps", new long[] {2}, new long[] {5, -9})), Map.of());

    @BeforeAll
    static void runPython() throws Exception {
        missing = TorchParity.torchMissing();
        if (missing.isPresent()) {
            return;
        }
        Path files = Files.createDirectories(folder.resolve("files"));
        byte[] good = Safetensors.toBytes(GOOD);
        Files.write(files.resolve("good.safetensors"), good);
        Files.write(files.resolve("truncated.safetensors"), Arrays.copyOf(good, good.length - 5));
        Files.write(files.resolve("huge-header.safetensors"), withHeaderLength(good, 1L << 40));
        Files.write(files.resolve("overlapping.safetensors"), file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],"
                + "\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12));
        Files.write(files.resolve("wrong-size.safetensors"), file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1000000000],"
                + "\"data_offsets\":[0,8]}}", 8));
        Files.write(files.resolve("beyond-the-end.safetensors"), file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],"
                + "\"data_offsets\":[0,16]}}", 8));
        Files.write(files.resolve("not-json.safetensors"), file("{not json}", 0));

        NetDocument doc = NetFileReader.read("{\"format\": \"netstudio.net\", \"version\": 1, \"net\": {\"type\": \"Chain\","
                + " \"input\": {\"shape\": [3]}, \"layers\": [{\"type\": \"Linear\", \"units\": 2, \"name\": \"fc\"}]}}",
                "fc.json");
        Weights w = Weights.of(List.of(WeightArray.of("fc/weights", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                WeightArray.of("fc/biases", new long[] {2}, new float[] {7, 8})), Map.of());
        PyTorchModelWriter.write(doc, Optional.of(w), folder.resolve("export"));

        result = new ObjectMapper().readTree(TorchParity.runScript("io_checks.py", folder));
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private static byte[] withHeaderLength(byte[] file, long length) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return copy;
    }

    @Test
    void readsWhatNetStudioWritesWithItsTypes() {
        TorchParity.assumeTorch(missing);
        JsonNode good = result.get("read").get("good.safetensors");

        assertThat(good.get("fc/weights").toString()).isEqualTo("[\"torch.float32\",[2,3],[1.0,-2.0,3.5,4.0,5.0,6.0]]");
        assertThat(good.get("steps").toString()).isEqualTo("[\"torch.int64\",[2],[5,-9]]");
    }

    @Test
    void aCorruptFileIsRefusedNamingTheFileAndTheProblem() {
        TorchParity.assumeTorch(missing);
        JsonNode read = result.get("read");

        assertThat(read.get("truncated.safetensors").asText()).startsWith("ValueError: ").contains("truncated.safetensors")
                .contains("lies outside the file");
        assertThat(read.get("huge-header.safetensors").asText()).contains("huge-header.safetensors")
                .contains("the header claims 1099511627776 bytes");
        assertThat(read.get("overlapping.safetensors").asText()).contains("tensors 'a' and 'b' overlap");
        assertThat(read.get("wrong-size.safetensors").asText()).contains("tensor 'a' of shape [1000000000] needs 4000000000 bytes");
        assertThat(read.get("beyond-the-end.safetensors").asText()).contains("tensor 'a' lies outside the file");
        assertThat(read.get("not-json.safetensors").asText()).contains("the header is not valid JSON");
    }

    @Test
    void netStudioReadsWhatPythonWritesAndNoTemporaryIsLeft() throws Exception {
        TorchParity.assumeTorch(missing);
        Weights back = Safetensors.read(folder.resolve("from-python.safetensors"));

        assertThat(back.get("a/weights").orElseThrow().floats()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(back.get("a/weights").orElseThrow().shape()).containsExactly(2, 3);
        assertThat(back.get("b").orElseThrow().longs()).containsExactly(7, -8);
        assertThat(back.get("c").orElseThrow().longs()).containsExactly(1, 255);
        assertThat(result.get("temporaries left")).isEmpty();
    }

    @Test
    void loadAndBackGiveNetStudiosArraysAlsoThroughModule() {
        TorchParity.assumeTorch(missing);

        assertThat(result.get("round trip").asBoolean()).isTrue();
        assertThat(result.get("through .module").asBoolean()).isTrue();
    }

    @Test
    void anArrayThatDoesNotFitIsNamed() {
        TorchParity.assumeTorch(missing);

        assertThat(result.get("missing").asText()).isEqualTo("the weights have no array 'fc/biases', which the net needs");
        assertThat(result.get("unknown").asText()).isEqualTo("the weights hold an array 'fc/extra' the net does not have");
        assertThat(result.get("misshapen").asText()).isEqualTo("array 'fc/weights' has shape [3, 3], but the net needs [2, 3]");
    }
}
