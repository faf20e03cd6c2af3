package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.torch.StateDictMapping;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.ArrayDifference;

/**
 * The six torchvision nets of the gallery compute what torchvision computes. Each fixture
 * (torchvision_fixtures.py, run once with PyTorch) holds the 1000 logits the real
 * torchvision.models net gave for a state_dict and an input filled by {@link HashedValues}; here the
 * same state_dict, keyed as torchvision keys it, goes through {@link StateDictMapping} into the
 * gallery net, and the engine must give the same logits. No PyTorch needed, so it runs in CI.
 *
 * <p>The nets end in a softmax, which the random weights would saturate; it is left off so that
 * every logit is compared, not a probability that rounds to 0 or 1.
 */
class TorchvisionNumbersTest {

    /** Largest difference from torchvision allowed, as a fraction of its largest logit. */
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet34", "resnet50", "vgg11", "vgg16", "mobilenet-v2"})
    void theGalleryNetGivesTorchvisionsLogits(String id) throws Exception {
        TorchvisionFixture fixture = TorchvisionFixture.read(id);
        Map<String, WeightArray> stateDict = fixture.stateDict();

        long start = System.nanoTime();
        Weights weights = StateDictMapping.weights(galleryLogits(id), stateDict, id + ".pth");
        float[] actual = logits(id, weights, fixture);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(weights.size()).as("every tensor of the state_dict is used").isEqualTo(stateDict.size());
        ArrayDifference d = ArrayDifference.between(fixture.logits(), actual);
        String report = String.format("%s: largest logit %.4g, largest difference %.3g (%.2g of it; torchvision's own"
                + " float32 vs float64: %.3g); mapping and running took %d ms", id, d.largest(), d.worst(), d.relative(),
                fixture.float32Noise(), millis);
        System.out.println(report);
        assertThat(d.relative()).as(report).isLessThan(TOLERANCE);
        assertThat(TorchvisionFixture.topClass(actual)).as("the top class").isEqualTo(fixture.argmax());
    }

    @Test
    void theWholeNetGivesTheSoftmaxOfTorchvisionsLogits() throws Exception {
        // MobileNetV2's logits here stay within ±11, so its probabilities are not all 0 or 1.
        TorchvisionFixture fixture = TorchvisionFixture.read("mobilenet-v2");
        NetNode net = Gallery.standard().load("mobilenet-v2").net();
        float[] probabilities;
        try (NetRunner runner = NetRunner.load(net, StateDictMapping.weights(net, fixture.stateDict(), "m.pth"))) {
            probabilities = runner.predict(fixture.inputValues()).get(0).values();
        }
        assertThat(fixture.softmax()[fixture.argmax()]).as("a probability far from 0 and 1").isBetween(0.05f, 0.95f);
        assertThat(ArrayDifference.between(fixture.softmax(), probabilities).worst()).isLessThan(1e-5);
    }

    @Test
    void oneBatchNormWithScaleAndShiftSwappedIsCaught() throws Exception {
        // The comparison is not too loose to see a small slip: one of 52 batch norms of MobileNetV2.
        TorchvisionFixture fixture = TorchvisionFixture.read("mobilenet-v2");
        Map<String, WeightArray> stateDict = new LinkedHashMap<>(fixture.stateDict());
        String bn = "features.5.conv.1.1";
        WeightArray gamma = stateDict.get(bn + ".weight");
        WeightArray beta = stateDict.get(bn + ".bias");
        stateDict.put(bn + ".weight", WeightArray.of(bn + ".weight", gamma.shape(), beta.floats()));
        stateDict.put(bn + ".bias", WeightArray.of(bn + ".bias", beta.shape(), gamma.floats()));

        Weights weights = StateDictMapping.weights(galleryLogits("mobilenet-v2"), stateDict, "swapped.pth");
        ArrayDifference d = ArrayDifference.between(fixture.logits(), logits("mobilenet-v2", weights, fixture));

        assertThat(d.relative()).isGreaterThan(100 * TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "vgg11", "mobilenet-v2"})
    void javaMakesTheValuesNumPyMade(String id) {
        TorchvisionFixture fixture = TorchvisionFixture.read(id);
        List<String> wrong = new ArrayList<>();
        for (double[] p : fixture.probes()) {
            float made = fixture.values((int) p[0])[(int) p[1]];
            if (made != (float) p[2]) {
                wrong.add("tensor " + (int) p[0] + " element " + (int) p[1] + ": " + made + ", NumPy " + (float) p[2]);
            }
        }
        assertThat(fixture.probes()).hasSize(9);
        assertThat(wrong).isEmpty();
    }

    private static float[] logits(String id, Weights weights, TorchvisionFixture fixture) {
        try (NetRunner runner = NetRunner.load(galleryLogits(id), weights)) {
            float[] out = runner.predict(fixture.inputValues()).get(0).values();
            assertThat(out).hasSize(1000);
            return out;
        }
    }

    /** The gallery net without its closing softmax, so it gives logits. */
    private static Chain galleryLogits(String id) {
        Chain net = (Chain) Gallery.standard().load(id).net();
        List<Chain.Element> elements = net.elements();
        Chain.Element last = elements.get(elements.size() - 1);
        assertThat(last.node()).isInstanceOfSatisfying(Layer.class, l -> assertThat(l.type()).isEqualTo("Softmax"));
        return net.withElements(elements.subList(0, elements.size() - 1)).withOutput(PortDecl.UNSPECIFIED);
    }
}
