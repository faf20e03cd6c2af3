package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.torch.StateDictMapping;
import org.netstudio.netgraph.io.torch.TorchCheckpoint;
import org.netstudio.netgraph.net.NetNode;

/**
 * torchvision's ResNet-18, written in plain PyTorch by a test script (same module names, random
 * weights, eval mode), saved with torch.save: read through TorchCheckpoint and StateDictMapping into
 * the gallery's resnet18, the engine computes what PyTorch computed. Skipped without PyTorch.
 */
class TorchvisionCheckpointTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path dir;

    private static NetNode resnet18() {
        return Gallery.standard().load("resnet18").net();
    }

    @BeforeAll
    static void makeTheCheckpointWithPyTorch() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        URL script = TorchvisionCheckpointTest.class.getResource("torchvision_resnet18.py");
        Path copy = dir.resolve("torchvision_resnet18.py");
        try (var in = script.openStream()) {
            Files.copy(in, copy);
        }
        Process p = new ProcessBuilder(PYTHON.toString(), copy.toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("python finished").isTrue();
        assumeTrue(!out.contains("No module named 'torch'"), "PyTorch is not installed");
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void theEngineGivesPyTorchsOutputWithTheCheckpointsWeights() throws IOException {
        Map<String, WeightArray> stateDict = TorchCheckpoint.read(dir.resolve("resnet18.pth"));
        Weights weights = StateDictMapping.weights(resnet18(), stateDict, "resnet18.pth");

        // Every tensor but the 20 num_batches_tracked of its batch norms.
        assertThat(weights.size()).isEqualTo(stateDict.size() - 20);
        assertThat(weights.get("layer2/0/downsample/1/movingVar").orElseThrow().floats())
                .containsExactly(stateDict.get("layer2.0.downsample.1.running_var").floats());
        float[] expected = floats(dir.resolve("output.f32"));
        float[] actual;
        try (NetRunner runner = NetRunner.load(resnet18(), weights)) {
            actual = runner.predict(floats(dir.resolve("input.f32"))).get(0).values();
        }
        assertThat(actual).hasSize(1000);
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertThat(worst).as("largest difference from PyTorch's probabilities").isLessThan(1e-4f);
        assertThat(TorchvisionFixture.topClass(actual)).isEqualTo(TorchvisionFixture.topClass(expected));
    }

    @Test
    void aDownloadedCheckpointInTheCacheIsWhatTheGalleryLoadsWith(@TempDir Path cache) throws IOException {
        Gallery gallery = new Gallery(name -> Gallery.class.getResourceAsStream(Gallery.RESOURCES + name), "test",
                new GalleryWeights(cache));
        assertThat(gallery.loadWithWeights("resnet18").weights()).as("nothing downloaded yet").isEmpty();

        Files.copy(dir.resolve("resnet18.pth"), cache.resolve("resnet18-f37072fd.pth"));
        LoadedNet loaded = new Gallery(name -> Gallery.class.getResourceAsStream(Gallery.RESOURCES + name), "test",
                new GalleryWeights(cache)).loadWithWeights("resnet18");

        assertThat(loaded.weights()).isPresent();
        assertThat(loaded.weights().get().arrays()).containsKeys("conv1/weights", "bn1/movingMean", "fc/weights",
                "layer4/1/bn2/beta");
        assertThat(loaded.weights().get().get("fc/weights").orElseThrow().shape()).containsExactly(1000, 512);
    }

    @Test
    void aCheckpointThatDoesNotFitTheNetIsRefusedListingEveryMismatch() throws IOException {
        Map<String, WeightArray> stateDict = new LinkedHashMap<>(TorchCheckpoint.read(dir.resolve("resnet18.pth")));
        stateDict.remove("layer1.0.bn1.running_mean");
        stateDict.put("fc.weight", WeightArray.of("fc.weight", new long[] {10, 512}, new float[5120]));
        stateDict.put("head.weight", WeightArray.of("head.weight", new long[] {2}, new float[2]));

        assertThatThrownBy(() -> StateDictMapping.weights(resnet18(), stateDict, "other.pth"))
                .isInstanceOf(NetFileException.class)
                .hasMessageStartingWith("other.pth: does not fit the net (3 mismatches): ")
                .hasMessageContaining("no layer1.0.bn1.running_mean for layer1/0/bn1/movingMean [64]")
                .hasMessageContaining("fc.weight is [10, 512], but fc/weights is [1000, 512]")
                .hasMessageContaining("head.weight [2] belongs to no array of the net");
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / Float.BYTES];
        b.asFloatBuffer().get(out);
        return out;
    }
}
