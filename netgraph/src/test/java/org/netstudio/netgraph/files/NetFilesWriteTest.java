package org.netstudio.netgraph.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;

/** A net saved as .json with its weights beside it is saved whole or not at all (issue 15). */
class NetFilesWriteTest {

    private static final String NET = """
            { "format": "netstudio.net", "version": 1, "name": "tiny",
              "net": { "type": "Chain", "input": { "shape": [2] },
                "layers": [ { "type": "Linear", "units": 1, "name": "out" } ] } }
            """;

    @TempDir
    Path dir;

    private static Weights weights() {
        return Weights.of(List.of(WeightArray.of("out/weights", new long[] {1, 2}, new float[] {1, 2}),
                WeightArray.of("out/biases", new long[] {1}, new float[] {3})), Map.of());
    }

    @Test
    void whenTheWeightsCannotBeWrittenTheNetFileIsNotWrittenEither() throws IOException {
        NetDocument doc = NetFileReader.read(NET, "tiny.json");
        // Something in the way of the weights file: a folder of that name, not empty.
        Path blocker = Files.createDirectory(dir.resolve("m.safetensors"));
        Files.writeString(blocker.resolve("keep"), "x");

        assertThatThrownBy(() -> NetFiles.write(dir.resolve("m.json"), doc, weights())).isInstanceOf(IOException.class);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.safetensors");
        }
    }

    @Test
    void aNetAndItsWeightsSavedAsJsonReadBackWhole() throws IOException {
        NetDocument doc = NetFileReader.read(NET, "tiny.json");

        NetFiles.write(dir.resolve("m.json"), doc, weights());

        LoadedNet back = NetFiles.read(dir.resolve("m.json"));
        assertThat(back.document().net()).isEqualTo(doc.net());
        assertThat(back.weights()).contains(weights());
    }
}
