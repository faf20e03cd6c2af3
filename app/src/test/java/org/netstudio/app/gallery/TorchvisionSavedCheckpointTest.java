package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.torch.TorchCheckpoint;

/**
 * A real torchvision model's state_dict saved with torch.save, as torchvision's published .pth
 * files are (with its _metadata and int64 num_batches_tracked), put in the weights cache under its
 * published name: the gallery loads it and gives torchvision's probabilities. Needs PyTorch and
 * torchvision at /usr/bin/python3 to write the file, so it is skipped without them (as in CI);
 * {@link TorchvisionNumbersTest} checks the numbers without them.
 */
class TorchvisionSavedCheckpointTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void aSavedTorchvisionCheckpointInTheCacheGivesTorchvisionsProbabilities(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path pth = cache.resolve(TorchvisionWeights.FILES.get("mobilenet-v2"));
        saveWithPyTorch("mobilenet-v2", pth, dir);
        TorchvisionFixture fixture = TorchvisionFixture.read("mobilenet-v2");

        Map<String, WeightArray> read = TorchCheckpoint.read(pth);
        Map<String, WeightArray> made = fixture.stateDict();
        assertThat(read.keySet()).as("the tensors besides the batch norms' step counters").filteredOn(
                k -> !k.endsWith("num_batches_tracked")).containsExactlyInAnyOrderElementsOf(made.keySet());
        List<String> differing = new ArrayList<>();
        made.forEach((k, v) -> {
            if (!Arrays.equals(read.get(k).floats(), v.floats())) {
                differing.add(k);
            }
        });
        assertThat(differing).as("tensors whose values differ from the formula's").isEmpty();

        LoadedNet loaded = new Gallery(name -> Gallery.class.getResourceAsStream(Gallery.RESOURCES + name), "test",
                new GalleryWeights(cache)).loadWithWeights("mobilenet-v2");
        float[] probabilities;
        try (NetRunner runner = NetRunner.load(loaded.document().net(), loaded.weights().orElseThrow())) {
            probabilities = runner.predict(fixture.inputValues()).get(0).values();
        }
        assertThat(org.netstudio.netgraph.tensor.ArrayDifference.between(fixture.softmax(), probabilities).worst())
                .isLessThan(1e-5);
    }

    private static void saveWithPyTorch(String id, Path pth, Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        URL script = TorchvisionSavedCheckpointTest.class.getResource("torchvision_fixtures.py");
        Path copy = dir.resolve("torchvision_fixtures.py");
        try (var in = script.openStream()) {
            Files.copy(in, copy);
        }
        Process p = new ProcessBuilder(PYTHON.toString(), copy.toString(), "--checkpoint", id, pth.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("python finished").isTrue();
        assumeTrue(!out.contains("ModuleNotFoundError"), "PyTorch, torchvision or NumPy is not installed");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
