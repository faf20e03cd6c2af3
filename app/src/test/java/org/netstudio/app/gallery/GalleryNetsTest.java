package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.summary.NetSummary;

/**
 * Every gallery net, loaded from the shipped resources, is valid and has exactly the parameters of
 * the implementation it reproduces.
 *
 * <p>Reference counts of torchvision (learnable parameters, what {@code sum(p.numel() for p in
 * model.parameters())} gives) are the {@code num_params} of each model's IMAGENET1K_V1 weights in
 * torchvision's documentation, e.g. https://pytorch.org/vision/stable/models/generated/torchvision.models.resnet50.html
 * ("num_params 25557032"), …/torchvision.models.vgg16.html (138357544),
 * …/torchvision.models.mobilenet_v2.html (3504872), and the same {@code "num_params"} entries in
 * torchvision/models/resnet.py and vgg.py (resnet18 11689512, resnet34 21797672, vgg11 132863336).
 * They were also re-counted with Debian's python3-torchvision 0.14.1, which gave the same numbers and,
 * for the batch-norm buffers (running mean and variance, which NetStudio counts as non-trainable),
 * resnet18 9,600, resnet34 17,024, resnet50 53,120 and mobilenet_v2 34,112.
 *
 * <p>For the nets without a canonical count the expected count is computed here from the layer
 * sizes with PyTorch's formulas (Conv2d: out·in/groups·k² + out bias; BatchNorm2d: 2c learnable;
 * Linear: out·in + out; LSTM/GRU: gates·units·(in + units) + 2·gates·units; LayerNorm: 2d;
 * Embedding: vocabulary·size).
 */
class GalleryNetsTest {

    private static final Gallery GALLERY = Gallery.standard();

    /**
     * The nets the gallery ships as net files: those NetStudio defines (GalleryNets), and the architectures of
     * models downloaded on request (GalleryModels); models imported when opened are tested on their own.
     */
    static Stream<String> ids() {
        return GALLERY.entries().stream().filter(e -> e.file().endsWith(".json")).map(GalleryEntry::id);
    }

    private static NetDocument load(String id) {
        return GALLERY.load(id);
    }

    private static NetSummary summary(String id) {
        return NetSummary.of(load(id).net());
    }

    private static InferenceResult infer(String id) {
        return ShapeInference.infer(load(id).net());
    }

    @Test
    void theGalleryHasTheNetsAskedFor() {
        assertThat(ids()).containsExactly("bge-small-en-v1.5", "e5-small-v2", "lenet", "mlp", "fashion-cnn", "vgg11", "vgg16",
                "resnet18", "resnet34", "resnet50", "mobilenet-v2", "unet", "char-lstm", "gru-classifier", "transformer-encoder");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void everyNetLoadsAndInfersWithNoDiagnosticsAndEveryShapeKnown(String id) {
        InferenceResult r = infer(id);
        assertThat(r.diagnostics()).as(id).isEmpty();
        for (LayerInfo l : r.layers()) {
            assertThat(l.outputs()).as("%s: %s", id, l.path()).allSatisfy(t -> assertThat(t.dimsKnown()).isTrue());
            assertThat(l.parameterCount()).as("%s: %s", id, l.path()).isNotNegative();
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void theIndexAgreesWithTheNet(String id) {
        GalleryEntry e = GALLERY.find(id).orElseThrow();
        NetSummary s = summary(id);
        assertThat(e.trainableParameters()).isEqualTo(s.trainable()).isEqualTo(e.referenceParameters());
        assertThat(e.totalParameters()).isEqualTo(s.total());
        assertThat(e.nonTrainableParameters()).isEqualTo(s.nonTrainable());
        assertThat(e.layers()).isEqualTo(s.rows().size());
        assertThat(e.nodes()).isEqualTo(GalleryFiles.countNodes(load(id).net()));
        assertThat(e.inputs()).extracting(GalleryEntry.Port::shapeText)
                .containsExactlyElementsOf(s.inputs().stream().map(p -> p.type().shapeText()).toList());
        assertThat(e.outputs()).extracting(GalleryEntry.Port::shapeText)
                .containsExactlyElementsOf(s.outputs().stream().map(p -> p.type().shapeText()).toList());
        assertThat(e.pretrained()).isFalse();
    }

    // ---- torchvision: published counts ---------------------------------------------------------

    @Test
    void torchvisionNetsHaveTorchvisionsParameterCounts() {
        Map<String, Long> numParams = Map.of("resnet18", 11_689_512L, "resnet34", 21_797_672L,
                "resnet50", 25_557_032L, "vgg11", 132_863_336L, "vgg16", 138_357_544L, "mobilenet-v2", 3_504_872L);
        Map<String, Long> bnBuffers = Map.of("resnet18", 9_600L, "resnet34", 17_024L, "resnet50", 53_120L,
                "vgg11", 0L, "vgg16", 0L, "mobilenet-v2", 34_112L);
        numParams.forEach((id, n) -> {
            NetSummary s = summary(id);
            assertThat(s.trainable()).as(id).isEqualTo(n);
            assertThat(s.nonTrainable()).as(id).isEqualTo(bnBuffers.get(id));
            assertThat(s.total()).as(id).isEqualTo(n + bnBuffers.get(id));
        });
    }

    /**
     * The spatial structure (strides, paddings, where the channels change) shows in the work per
     * example: within 3% of torchvision's GFLOPS ("_ops" of the IMAGENET1K_V1 weights; torchvision
     * counts multiply-adds of convolutions and linear layers, NetStudio also batch norms and sums).
     */
    @Test
    void multiplyAddsAreCloseToTorchvisionsOps() {
        Map<String, Double> gflops = Map.of("resnet18", 1.814, "resnet50", 4.089, "vgg11", 7.609, "vgg16", 15.47,
                "mobilenet-v2", 0.301);
        gflops.forEach((id, g) -> assertThat(summary(id).multiplyAdds() / 1e9).as(id)
                .isCloseTo(g, org.assertj.core.data.Percentage.withPercentage(3)));
    }

    @Test
    void resnetStagesEndInTheirPublishedShapes() {
        InferenceResult r = infer("resnet50");
        assertThat(out(r, "conv1")).isEqualTo("64×112×112");
        assertThat(out(r, "maxpool")).isEqualTo("64×56×56");
        assertThat(out(r, "layer1")).isEqualTo("256×56×56");
        assertThat(out(r, "layer2")).isEqualTo("512×28×28");
        assertThat(out(r, "layer3")).isEqualTo("1024×14×14");
        assertThat(out(r, "layer4")).isEqualTo("2048×7×7");
        assertThat(out(r, "avgpool")).isEqualTo("2048");
        assertThat(out(r, "fc")).isEqualTo("1000");
        for (String id : List.of("resnet18", "resnet34")) {
            assertThat(out(infer(id), "layer4")).as(id).isEqualTo("512×7×7");
        }
    }

    @Test
    void resnet50IsVersionOnePointFiveWithProjectionShortcuts() {
        NetNode net = load("resnet50").net();
        assertThat(node(net, "layer2/0")).isInstanceOf(Graph.class);
        assertThat(((Layer) node(net, "layer2/0/conv1")).values()).doesNotContainKey("stride");
        assertThat(((Layer) node(net, "layer2/0/conv2")).values()).containsEntry("stride", 2).containsEntry("kernel", 3);
        Chain down = (Chain) node(net, "layer2/0/downsample");
        assertThat(down.nodes()).extracting(NetNode::typeName).containsExactly("Convolution", "BatchNorm");
        assertThat(((Layer) down.nodes().get(0)).values()).containsEntry("kernel", 1).containsEntry("stride", 2)
                .containsEntry("channels", 512).containsEntry("bias", false);
        // layer1/0 changes 64 → 256 channels at stride 1: a projection too; later blocks are identity shortcuts
        assertThat(((Graph) node(net, "layer1/0")).nodes()).containsKey("downsample");
        assertThat(((Graph) node(net, "layer1/1")).nodes()).doesNotContainKey("downsample");
        assertThat(((Chain) node(net, "layer3")).elements()).hasSize(6);
        // resnet18's first stage keeps 64 channels at stride 1: no projection
        assertThat(((Graph) node(load("resnet18").net(), "layer1/0")).nodes()).doesNotContainKey("downsample");
    }

    @Test
    void vggFeaturesAreFiveHundredTwelveBySevenBySeven() {
        for (String id : List.of("vgg11", "vgg16")) {
            InferenceResult r = infer(id);
            assertThat(out(r, "features")).as(id).isEqualTo("512×7×7");
            assertThat(out(r, "flatten")).as(id).isEqualTo("25088");
            assertThat(out(r, "classifier")).as(id).isEqualTo("1000");
        }
        assertThat(((Chain) node(load("vgg16").net(), "features")).nodes())
                .filteredOn(n -> n.typeName().equals("Convolution")).hasSize(13);
        assertThat(((Chain) node(load("vgg11").net(), "features")).nodes())
                .filteredOn(n -> n.typeName().equals("Convolution")).hasSize(8);
    }

    @Test
    void mobilenetV2HasDepthwiseConvolutionsReluSixAndResidualGraphs() {
        NetNode net = load("mobilenet-v2").net();
        InferenceResult r = infer("mobilenet-v2");
        assertThat(out(r, "features")).isEqualTo("1280×7×7");
        Chain features = (Chain) node(net, "features");
        assertThat(features.elements()).hasSize(19);
        for (int i = 1; i <= 17; i++) {
            assertThat(node(net, "features/" + i)).as("features/%d", i).isInstanceOf(Graph.class);
        }
        // features/2: 16 → 24 channels, stride 2: no residual; features/3: 24 → 24, stride 1: residual
        assertThat(((Graph) node(net, "features/2")).nodes()).containsOnlyKeys("conv");
        assertThat(((Graph) node(net, "features/3")).nodes()).containsOnlyKeys("conv", "add");
        assertThat(((Graph) node(net, "features/1")).nodes()).containsOnlyKeys("conv");
        Layer depthwise = (Layer) node(net, "features/2/conv/1/0");
        assertThat(depthwise.values()).containsEntry("groups", 96).containsEntry("stride", 2).containsEntry("kernel", 3);
        assertThat(r.layer(NodePath.parse("features/2/conv/1/0")).arrays().get(0).shape().toString())
                .isEqualTo("[96, 1, 3, 3]");
        assertThat(((Layer) node(net, "features/2/conv/1/2")).values()).containsEntry("function", "min(max(x, 0), 6)");
        long residuals = features.nodes().stream()
                .filter(n -> n instanceof Graph g && g.nodes().containsKey("add")).count();
        assertThat(residuals).isEqualTo(10);
    }

    // ---- counted by hand -------------------------------------------------------------------

    private static long conv(long in, long out, long k, boolean bias) {
        return out * in * k * k + (bias ? out : 0);
    }

    private static long linear(long in, long out) {
        return in * out + out;
    }

    private static long recurrent(long gates, long in, long units) {
        return gates * units * (in + units) + 2 * gates * units;
    }

    @Test
    void theFashionCnnHasTheCountOfItsLayerSizes() {
        // BatchNorm: gamma and beta learnable, moving mean and variance not.
        long learnable = conv(1, 32, 3, true) + 2 * 32 + conv(32, 64, 3, true) + 2 * 64 + linear(64 * 7 * 7, 128)
                + linear(128, 10);
        assertThat(learnable).isEqualTo(421_834);
        assertThat(summary("fashion-cnn").trainable()).isEqualTo(learnable);
        assertThat(summary("fashion-cnn").nonTrainable()).isEqualTo(2 * 32 + 2 * 64);
        assertThat(out(infer("fashion-cnn"), "pool2")).isEqualTo("64×7×7");
    }

    @Test
    void lenetAndTheMlpHaveTheirKnownCounts() {
        long lenet = conv(1, 6, 5, true) + conv(6, 16, 5, true) + linear(400, 120) + linear(120, 84) + linear(84, 10);
        assertThat(lenet).isEqualTo(61_706);
        assertThat(summary("lenet").total()).isEqualTo(lenet);
        assertThat(out(infer("lenet"), "pool2")).isEqualTo("16×5×5");
        // Keras' mnist_mlp example: model.summary() prints 669,706
        assertThat(summary("mlp").total()).isEqualTo(linear(784, 512) + linear(512, 512) + linear(512, 10))
                .isEqualTo(669_706);
    }

    @Test
    void unetCountedFromItsLayerSizes() {
        long total = 0;
        long nonTrainable = 0;
        long in = 3;
        for (long c : new long[] {64, 128, 256, 512, 1024}) {
            total += conv(in, c, 3, false) + 2 * c + conv(c, c, 3, false) + 2 * c;
            nonTrainable += 4 * c;
            in = c;
        }
        for (long c : new long[] {512, 256, 128, 64}) {
            total += conv(2 * c, c, 2, true);                         // transposed 2×2: in·out·4 + out
            total += conv(2 * c, c, 3, false) + 2 * c + conv(c, c, 3, false) + 2 * c;
            nonTrainable += 4 * c;
        }
        total += conv(64, 2, 1, true);
        assertThat(total).isEqualTo(31_037_698);
        NetSummary s = summary("unet");
        assertThat(s.trainable()).isEqualTo(total);
        assertThat(s.nonTrainable()).isEqualTo(nonTrainable);
        InferenceResult r = infer("unet");
        assertThat(out(r, "down4")).isEqualTo("1024×16×16");
        assertThat(out(r, "up1")).isEqualTo("512×32×32");
        assertThat(r.outputType(NodePath.of("up4", "cat"), "Output").shapeText()).isEqualTo("128×256×256");
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("2×256×256");
    }

    @Test
    void charLstmCountedFromItsLayerSizes() {
        long alphabet = 96;
        long expected = alphabet * 128 + recurrent(4, 128, 512) + recurrent(4, 512, 512) + linear(512, alphabet);
        assertThat(expected).isEqualTo(3_477_600);
        assertThat(summary("char-lstm").total()).isEqualTo(expected);
        InferenceResult r = infer("char-lstm");
        assertThat(r.inputType(NodePath.ROOT, "Input").shapeText()).isEqualTo("n");
        assertThat(r.outputType(NodePath.ROOT, "Output").shapeText()).isEqualTo("n×96");
        assertThat(GalleryNets.charAlphabet()).hasSize(96);
    }

    @Test
    void gruClassifierCountedFromItsLayerSizes() {
        long expected = 20_000L * 100 + recurrent(3, 100, 128) + linear(128, 2);
        assertThat(expected).isEqualTo(2_088_578);
        assertThat(summary("gru-classifier").total()).isEqualTo(expected);
        assertThat(out(infer("gru-classifier"), "gru")).isEqualTo("128");
    }

    @Test
    void transformerEncoderCountedFromItsLayerSizes() {
        long d = 256;
        long attention = 4 * linear(d, d);                             // query, key, value, output projections
        long layer = attention + linear(d, 1024) + linear(1024, d) + 2 * (2 * d);
        long expected = 10_000 * d + 512 * d + 4 * layer + linear(d, 4);
        assertThat(expected).isEqualTo(5_851_140);
        assertThat(summary("transformer-encoder").total()).isEqualTo(expected);
        InferenceResult r = infer("transformer-encoder");
        assertThat(out(r, "layer4")).isEqualTo("n×256");
        assertThat(r.outputType(NodePath.of("layer1", "attention"), "Output").shapeText()).isEqualTo("n×256");
        assertThat(out(r, "pool")).isEqualTo("256");
        assertThat(node(load("transformer-encoder").net(), "layer1")).isInstanceOf(Graph.class);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The output shape of the node at {@code path} (a layer or a container). */
    private static String out(InferenceResult r, String path) {
        return r.outputType(NodePath.parse(path), "Output").shapeText();
    }

    private static NetNode node(NetNode root, String path) {
        NetNode cur = root;
        for (String name : NodePath.parse(path).names()) {
            if (cur instanceof Chain c) {
                int i = c.indexOf(name);
                assertThat(i).as("%s in %s", name, path).isNotNegative();
                cur = c.elements().get(i).node();
            } else if (cur instanceof Graph g) {
                cur = g.nodes().get(name);
                assertThat(cur).as("%s in %s", name, path).isNotNull();
            } else {
                throw new AssertionError(path + " goes through a layer");
            }
        }
        return cur;
    }
}
