package org.netstudio.netgraph.io;

import org.netstudio.netgraph.files.NetFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.net.NetDocument;

class NsnetFileTest {

    @TempDir
    Path dir;

    private static NetDocument lenet() throws Exception {
        return NetFileReader.read(NetFileRoundTripTest.DESIGN_EXAMPLE, "lenet.json");
    }

    private static Weights lenetWeights() {
        return Weights.of(List.of(
                WeightArray.of("convolution1/weights", new long[] {20, 1, 5, 5}, new float[500]),
                WeightArray.of("convolution1/biases", new long[] {20}, new float[20]),
                WeightArray.of("logits/weights", new long[] {10, 2880}, new float[28800]),
                WeightArray.of("logits/biases", new long[] {10}, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, -9.5f})),
                Map.of("trainedEpochs", "4"));
    }

    /** A zip of the given entries (name, content) as it comes. */
    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        return Zips.write(dir.resolve(name), entries);
    }

    private static NetFileException refused(Path file) {
        NetFileException e = catchThrowableOfType(NetFileException.class, () -> NetFiles.read(file));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Test
    void aTrainedNetRoundTripsThroughOneFileDeterministically() throws Exception {
        Path f = dir.resolve("lenet.nsnet");
        NsnetFile.write(f, lenet(), lenetWeights());
        byte[] first = Files.readAllBytes(f);

        LoadedNet back = NetFiles.read(f);

        assertThat(back.document()).isEqualTo(lenet());
        assertThat(back.weights()).contains(lenetWeights());
        NsnetFile.write(f, back.document(), back.weights().orElseThrow());
        assertThat(Files.readAllBytes(f)).isEqualTo(first);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void aJsonNetFindsItsWeightsBesideIt() throws Exception {
        Path json = dir.resolve("lenet.json");
        NetFiles.write(json, lenet(), null);
        assertThat(NetFiles.read(json).weights()).isEmpty();

        NetFiles.write(json, lenet(), lenetWeights());
        assertThat(NetFiles.weightsBeside(json)).isEqualTo(dir.resolve("lenet.safetensors"));
        LoadedNet back = NetFiles.read(json);
        assertThat(back.document()).isEqualTo(lenet());
        assertThat(back.weights()).contains(lenetWeights());
    }

    @Test
    void otherExtensionsAreRefused() throws Exception {
        Path txt = dir.resolve("net.txt");
        Files.writeString(txt, "{}");
        assertThat(refused(txt).getMessage()).isEqualTo(txt + ": NetStudio opens .json, .nsnet and .onnx files");
        assertThat(NetFiles.isNetFile(Path.of("A.NSNET"))).isTrue();
    }

    @Test
    void missingEntriesAreNamed() throws Exception {
        byte[] json = NetFileWriter.toBytes(lenet());
        Path noWeights = zip("a.nsnet", Map.of("net.json", json));
        assertThat(refused(noWeights).getMessage()).isEqualTo(noWeights + ": missing weights.safetensors, the net's weights");
        Path noNet = zip("b.nsnet", Map.of("weights.safetensors", Safetensors.toBytes(Weights.EMPTY)));
        assertThat(refused(noNet).getMessage()).isEqualTo(noNet + ": missing net.json, the net itself");
    }

    @Test
    void unexpectedEntriesAreRefused() throws Exception {
        Path f = zip("c.nsnet", new java.util.LinkedHashMap<>(Map.of("net.json", NetFileWriter.toBytes(lenet()),
                "weights.safetensors", Safetensors.toBytes(Weights.EMPTY), "run.sh", "rm -rf /".getBytes(StandardCharsets.UTF_8))));
        assertThat(refused(f).getMessage())
                .isEqualTo(f + ": run.sh: unexpected entry; a .nsnet file holds only net.json and weights.safetensors");
    }

    @Test
    void aZipBombNetIsRefusedFromItsSize() throws Exception {
        byte[] huge = new byte[(int) NetFileReader.MAX_FILE_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        Path f = zip("bomb.nsnet", Map.of("net.json", huge, "weights.safetensors", Safetensors.toBytes(Weights.EMPTY)));
        assertThat(Files.size(f)).isLessThan(1 << 20);
        assertThat(refused(f).getMessage()).isEqualTo(f + ": net.json: the entry is 67108874 bytes, more than the"
                + " 67108864 bytes a net file may have");
    }

    @Test
    void weightsBeyondTheLimitAreRefusedBeforeReading() throws Exception {
        Path f = dir.resolve("w.nsnet");
        NsnetFile.write(f, lenet(), lenetWeights());
        NetFileException e = catchThrowableOfType(NetFileException.class, () -> NsnetFile.read(f, 1000));
        assertThat(e.location()).isEqualTo("weights.safetensors");
        assertThat(e.detail()).startsWith("the entry is 11").endsWith(" bytes, more than the 1000 bytes NetStudio reads");
    }

    @Test
    void problemsInsideEntriesNameTheFileAndTheEntry() throws Exception {
        Path badNet = zip("d.nsnet", Map.of("net.json", NetFileReaderTestSupport.chain("{\"type\": \"Linear\"}")
                .getBytes(StandardCharsets.UTF_8), "weights.safetensors", Safetensors.toBytes(Weights.EMPTY)));
        assertThat(refused(badNet).getMessage()).isEqualTo(badNet + " (net.json): $.net.layers[0]: Linear: units is required");

        byte[] weights = SafetensorsTest.file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        Path badWeights = zip("e.nsnet", Map.of("net.json", NetFileWriter.toBytes(lenet()), "weights.safetensors", weights));
        assertThat(refused(badWeights).getMessage()).isEqualTo(badWeights + " (weights.safetensors): tensor \"a\":"
                + " data_offsets [0, 8] hold 8 bytes, but F32 of shape [3] needs 12");
    }

    @Test
    void weightsOfNodesTheNetDoesNotHaveAreRefused() throws Exception {
        Path f = dir.resolve("f.nsnet");
        Weights stray = Weights.of(List.of(WeightArray.of("conv9/weights", new long[] {1}, new float[1])), Map.of());
        NsnetFile.write(f, lenet(), stray);
        assertThat(refused(f).getMessage()).isEqualTo(f + " (weights.safetensors): tensor \"conv9/weights\":"
                + " the net has no node \"conv9\" for these weights");
    }

    @Test
    void aFileThatIsNotAZipIsRefused() throws Exception {
        Path f = dir.resolve("g.nsnet");
        Files.writeString(f, "{\"format\": \"netstudio.net\"}");
        assertThat(refused(f).getMessage()).startsWith(f + ": not a .nsnet file: it is not a zip archive");
    }
}
