package org.netstudio.netgraph.io;

import org.netstudio.netgraph.files.NetFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.net.NetDocument;

/**
 * .nsnet files made to break the reader (issue 15): a header's sizes are never believed before
 * the bytes are there, a zip bomb stops before it inflates, and a truncated or byte-flipped file is
 * refused naming the entry instead of loading changed weights.
 */
class HostileNsnetFilesTest {

    @TempDir
    Path dir;

    private static NetDocument net() throws NetFileException {
        return NetFileReader.read(NetFileReaderTestSupport.chain("{\"type\": \"Flatten\"}, {\"type\": \"Linear\","
                + " \"units\": 3, \"name\": \"logits\"}"), "t.json");
    }

    private static Weights weights() {
        float[] w = new float[3 * 784];
        for (int i = 0; i < w.length; i++) {
            w[i] = i * 0.25f;
        }
        return Weights.of(List.of(WeightArray.of("logits/weights", new long[] {3, 784}, w),
                WeightArray.of("logits/biases", new long[] {3}, new float[] {1, 2, 3})), Map.of());
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static NetFileException refused(Path file) {
        NetFileException e = catchThrowableOfType(NetFileException.class, () -> NetFiles.read(file));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    private static HandMadeZip.Entry netEntry() throws NetFileException {
        return HandMadeZip.Entry.deflated(NsnetFile.NET_ENTRY, NetFileWriter.toBytes(net()));
    }

    @Test
    void aTinyFileDeclaringGigabytesOfWeightsIsRefusedBeforeAnythingIsAllocated() throws Exception {
        // The weights' header itself says 2 GB of floats, and so does the zip: only ~700 bytes are there.
        byte[] header = SafetensorsTest.file("{\"logits/weights\":{\"dtype\":\"F32\",\"shape\":[536870912],"
                + "\"data_offsets\":[0,2147483648]}}", new byte[0]);
        HandMadeZip.Entry lying = HandMadeZip.Entry.deflated(NsnetFile.WEIGHTS_ENTRY, header);
        lying = lying.declaring(header.length + 2147483648L, lying.compressedSize(), lying.crc());
        Path deflated = write("deflated.nsnet", HandMadeZip.of(List.of(netEntry(), lying)));
        assertThat(Files.size(deflated)).isLessThan(1000);
        assertThat(refused(deflated).getMessage()).isEqualTo(deflated + ": weights.safetensors: the entry would inflate "
                + lying.compressedSize() + " bytes to " + lying.size() + " (more than 100 times), which NetStudio"
                + " refuses as a zip bomb");

        HandMadeZip.Entry stored = HandMadeZip.Entry.stored(NsnetFile.WEIGHTS_ENTRY, header);
        stored = stored.declaring(header.length + 2147483648L, header.length + 2147483648L, stored.crc());
        Path storedFile = write("stored.nsnet", HandMadeZip.of(List.of(netEntry(), stored)));
        assertThat(refused(storedFile).getMessage()).isEqualTo(storedFile + ": weights.safetensors: the entry claims "
                + stored.compressedSize() + " compressed bytes, but the whole file has " + Files.size(storedFile));
    }

    @Test
    void aZipBombIsRefusedFromItsRatioWithoutInflatingIt() throws Exception {
        byte[] zeros = new byte[64 << 20];
        Path bomb = write("bomb.nsnet", HandMadeZip.of(List.of(netEntry(),
                HandMadeZip.Entry.deflated(NsnetFile.WEIGHTS_ENTRY, zeros))));
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertThat(refused(bomb).detail()).startsWith("the entry would inflate ").endsWith(" bytes to 67108864 (more"
                + " than 100 times), which NetStudio refuses as a zip bomb");
    }

    @Test
    void anEntryInflatingToMoreThanItDeclaresStopsAtWhatItDeclares() throws Exception {
        byte[] weights = Safetensors.toBytes(weights());
        byte[] padded = java.util.Arrays.copyOf(weights, weights.length + (8 << 20));
        HandMadeZip.Entry liar = HandMadeZip.Entry.deflated(NsnetFile.WEIGHTS_ENTRY, padded);
        liar = liar.declaring(weights.length, liar.compressedSize(), HandMadeZip.crc(weights));
        Path f = write("liar.nsnet", HandMadeZip.of(List.of(netEntry(), liar)));
        assertThat(refused(f).getMessage()).isEqualTo(f + ": weights.safetensors: the entry holds more than the "
                + weights.length + " bytes it declares");
    }

    @Test
    void truncatedEntriesAreNamedNeverNullOrEof() throws Exception {
        byte[] weights = Safetensors.toBytes(weights());
        HandMadeZip.Entry full = HandMadeZip.Entry.deflated(NsnetFile.WEIGHTS_ENTRY, weights);
        byte[] half = java.util.Arrays.copyOf(full.data(), full.data().length / 2);
        Path cutDeflated = write("cut.nsnet", HandMadeZip.of(List.of(netEntry(),
                full.withData(half).declaring(full.size(), half.length, full.crc()))));
        assertThat(refused(cutDeflated).getMessage()).startsWith(cutDeflated + ": weights.safetensors: the entry ");

        HandMadeZip.Entry stored = HandMadeZip.Entry.stored(NsnetFile.WEIGHTS_ENTRY, weights);
        byte[] shorter = java.util.Arrays.copyOf(weights, weights.length - 100);
        Path cutStored = write("cut-stored.nsnet", HandMadeZip.of(List.of(netEntry(),
                stored.withData(shorter).declaring(shorter.length, shorter.length, HandMadeZip.crc(shorter)))));
        assertThat(refused(cutStored).getMessage()).startsWith(cutStored + " (weights.safetensors): tensor \"")
                .contains("reach past the end of the data");

        HandMadeZip.Entry net = netEntry();
        byte[] netHalf = java.util.Arrays.copyOf(net.data(), net.data().length / 2);
        Path cutNet = write("cut-net.nsnet", HandMadeZip.of(List.of(net.withData(netHalf)
                .declaring(net.size(), netHalf.length, net.crc()), HandMadeZip.Entry.stored(NsnetFile.WEIGHTS_ENTRY, weights))));
        NetFileException e = refused(cutNet);
        assertThat(e.getMessage()).startsWith(cutNet + ": net.json: the entry ").doesNotContain("null");
    }

    @Test
    void everySingleByteFlipIsRefusedOrChangesNothing() throws Exception {
        Path original = dir.resolve("net.nsnet");
        NetDocument small = NetFileReader.read(NetFileReaderTestSupport.HEAD + "\"net\": {\"type\": \"Chain\","
                + " \"input\": {\"shape\": [4]}, \"layers\": [{\"type\": \"Linear\", \"units\": 3, \"name\": \"logits\"}]}}",
                "small.json");
        NsnetFile.write(original, small, Weights.of(List.of(
                WeightArray.of("logits/weights", new long[] {3, 4}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
                WeightArray.of("logits/biases", new long[] {3}, new float[] {1, 2, 3})), Map.of()));
        byte[] bytes = Files.readAllBytes(original);
        LoadedNet expected = NetFiles.read(original);
        List<String> silentlyChanged = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= (byte) (1 << (i % 8));
            Path f = write("flip.nsnet", flipped);
            try {
                if (!NetFiles.read(f).equals(expected)) {
                    silentlyChanged.add("byte " + i);
                }
            } catch (NetFileException e) {
                assertThat(e.getMessage()).startsWith(f.toString());
                refused++;
            }
        }
        assertThat(silentlyChanged).as("flips loaded with changed content").isEmpty();
        assertThat(refused).as("flips refused").isGreaterThan(bytes.length / 2);
    }

    @Test
    void aFlippedWeightIsRefusedByTheChecksumNamingTheEntry() throws Exception {
        Path f = dir.resolve("w.nsnet");
        NsnetFile.write(f, net(), weights());
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 200] ^= 0x10;
        Files.write(f, bytes);
        assertThat(refused(f).getMessage()).isEqualTo(f + ": weights.safetensors: the entry is corrupt: its bytes do not"
                + " match its CRC-32 checksum");
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("weights.safetensors");
    }
}
