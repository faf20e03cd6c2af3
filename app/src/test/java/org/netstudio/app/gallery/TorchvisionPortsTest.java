package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.run.Probe;
import org.netstudio.netgraph.io.torch.StateDictMapping;
import org.netstudio.netgraph.net.NetNode;

/**
 * The gallery's ResNet-18, its weights imported from a torchvision state_dict, gives at its inner
 * ports (layers, blocks, whole stages, by the names the canvas shows) what forward hooks on
 * torchvision's modules give, on the state_dict and input of resnet18.json (see
 * TorchvisionNumbersTest). resnet18-ports.json (torchvision_ports.py) keeps a few values per port.
 */
class TorchvisionPortsTest {

    /** Largest difference allowed, as a share of the port's largest sampled magnitude: float32 noise. */
    private static final double TOLERANCE = 1e-5;

    @Test
    void resNet18sInnerPortsAreWhatTorchvisionsForwardHooksSee() throws IOException {
        JsonNode ports;
        try (InputStream in = TorchvisionPortsTest.class.getResourceAsStream("torchvision-numbers/resnet18-ports.json")) {
            ports = new ObjectMapper().readTree(in).get("ports");
        }
        TorchvisionFixture fixture = TorchvisionFixture.read("resnet18");
        NetNode net = Gallery.standard().load("resnet18").net();
        List<String> names = new ArrayList<>();
        ports.fieldNames().forEachRemaining(names::add);
        Probe probe;
        try (NetRunner runner = NetRunner.load(net, StateDictMapping.weights(net, fixture.stateDict(), "resnet18.pth"))) {
            probe = runner.probe(List.of(runner.example(0, fixture.inputValues())), names, null);
        }
        Map<String, Double> differences = new LinkedHashMap<>();
        for (String name : names) {
            PortSamples expected = new PortSamples(ports.get(name));
            float[] actual = probe.values().get(name).values();
            long size = 1;
            for (long d : expected.shape()) {
                size *= d;
            }
            // torchvision's average pool keeps 1×1 spatial axes (512×1×1) where the gallery's GlobalPooling gives 512.
            assertThat((long) actual.length).as(name).isEqualTo(size);
            differences.put(name, expected.worstDifference(actual));
        }
        System.out.println("ResNet-18 ports, worst difference from torchvision's hooks as a share of the largest value: "
                + differences);
        assertThat(differences).allSatisfy((name, d) -> assertThat(d).as(name).isLessThan(TOLERANCE));
    }
}
