package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netstudio.netgraph.io.torch.StateDictMapping;

/**
 * For every gallery net whose torchvision weights the index offers, the state_dict it expects
 * (keys and shapes) is exactly the one torchvision's architecture has, as written out in plain
 * PyTorch by a test script: so the downloaded file will load. Skipped without PyTorch.
 */
class TorchvisionNamesTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static JsonNode torch;

    @BeforeAll
    static void listTorchvisionsStateDicts() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Path script = Files.createTempFile("torchvision_state_dicts", ".py");
        try (InputStream in = TorchvisionNamesTest.class.getResourceAsStream("torchvision_state_dicts.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), script.toString()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assumeTrue(!err.contains("No module named 'torch'"), "PyTorch is not installed");
            assertThat(p.exitValue()).as(err).isZero();
            torch = new ObjectMapper().readTree(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet34", "resnet50", "vgg11", "vgg16", "mobilenet-v2"})
    void theNetExpectsTorchvisionsStateDict(String id) {
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        torch.get(id).forEach(t -> {
            List<Long> shape = new java.util.ArrayList<>();
            t.get(1).forEach(d -> shape.add(d.longValue()));
            expected.put(t.get(0).asText(), shape);
        });
        Map<String, List<Long>> actual = new LinkedHashMap<>();
        StateDictMapping.expectedTensors(Gallery.standard().load(id).net())
                .forEach((k, v) -> actual.put(k, Arrays.stream(v).boxed().toList()));

        assertThat(Gallery.standard().find(id).orElseThrow().weightsDownload()).isPresent();
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
