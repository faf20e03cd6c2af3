package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.NetDocument;

/** The Gallery API: listing from the index alone, lookup by id, lazy and cached loading, clear failures. */
class GalleryTest {

    private static final String LENET = """
            { "format": "netstudio.net", "version": 1, "name": "Tiny",
              "net": { "type": "Chain", "input": { "shape": [4] }, "layers": [ { "type": "Linear", "units": 2 } ] } }
            """;

    private static String index(String file) {
        return """
                { "format": "netstudio.gallery", "version": 1, "nets": [
                  { "id": "tiny", "name": "Tiny", "task": "Testing", "file": "%s", "description": "d", "source": "s",
                    "inputs": [ { "name": "Input", "shape": [4], "type": "Real", "description": "four numbers" } ],
                    "outputs": [ { "name": "Output", "shape": [2], "type": "Real", "description": "two numbers" } ],
                    "parameters": { "total": 10, "trainable": 10, "nonTrainable": 0 },
                    "referenceParameters": 10, "layers": 1, "nodes": 1, "pretrained": false } ] }
                """.formatted(file);
    }

    /** A gallery over in-memory resources that records which ones were opened. */
    private static final class Resources implements Function<String, InputStream> {
        final Map<String, String> files;
        final List<String> opened = new ArrayList<>();

        Resources(Map<String, String> files) {
            this.files = files;
        }

        @Override
        public InputStream apply(String name) {
            opened.add(name);
            String text = files.get(name);
            return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theStandardGalleryListsEveryNetWithWhatTheIndexSays() {
        List<GalleryEntry> entries = Gallery.standard().entries();
        assertThat(entries).hasSize(17);
        assertThat(entries).extracting(GalleryEntry::id).doesNotHaveDuplicates();
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.name()).isNotBlank();
            assertThat(e.task()).isNotBlank();
            assertThat(e.description()).isNotBlank();
            assertThat(e.source()).isNotBlank();
            assertThat(e.file()).isIn(e.id() + ".json", e.id() + ".nsnet", "/all-minilm-l6-v2.onnx");
            assertThat(e.inputs()).isNotEmpty().allSatisfy(p -> assertThat(p.description()).isNotBlank());
            assertThat(e.outputs()).isNotEmpty().allSatisfy(p -> assertThat(p.description()).isNotBlank());
            assertThat(e.trainableParameters()).isPositive();
            assertThat(e.layers()).isPositive();
            assertThat(e.nodes()).isGreaterThanOrEqualTo(e.layers());
        });
        GalleryEntry resnet = Gallery.standard().find("resnet50").orElseThrow();
        assertThat(resnet.name()).isEqualTo("ResNet-50");
        assertThat(resnet.referenceParameters()).isEqualTo(25_557_032);
        assertThat(resnet.inputs().get(0).typeText()).isEqualTo("3×224×224 (Image)");
        assertThat(resnet.outputs().get(0).typeText()).isEqualTo("1000 (Class)");
        GalleryEntry gru = Gallery.standard().find("gru-classifier").orElseThrow();
        assertThat(gru.inputs().get(0).typeText()).isEqualTo("n indices < 20000");
        assertThat(Gallery.standard().find("transformer-encoder").orElseThrow().inputs())
                .extracting(GalleryEntry.Port::name).containsExactly("Tokens", "Positions");
    }

    @Test
    void pretrainedNetsComeFirstThenDownloadedModelsThenTheOthersInTheIndexsOrder() {
        String net = """
                { "id": "%s", "name": "%s", "file": "%s.json", "pretrained": %s,
                  "inputs": [ { "name": "Input", "shape": [4], "type": "Real", "description": "four numbers" } ],
                  "outputs": [ { "name": "Output", "shape": [2], "type": "Real", "description": "two numbers" } ],
                  "parameters": { "total": 10, "trainable": 10, "nonTrainable": 0 },
                  "referenceParameters": 10, "layers": 1, "nodes": 1 }""";
        String index = "{ \"format\": \"netstudio.gallery\", \"version\": 1, \"nets\": ["
                + String.join(",", net.formatted("a", "A", "a", false), net.formatted("b", "B", "b", true),
                net.formatted("c", "C", "c", false), net.formatted("d", "D", "d", true)) + "] }";
        Gallery g = new Gallery(new Resources(Map.of(Gallery.INDEX, index)), "test resources");
        assertThat(g.entries()).extracting(GalleryEntry::id).containsExactly("b", "d", "a", "c");

        assertThat(Gallery.standard().entries()).extracting(GalleryEntry::id)
                .as("the pretrained nets, the pretrained models downloaded on request, then the architectures")
                .startsWith("minilm", "fashion-cnn-pretrained", "bge-small-en-v1.5", "e5-small-v2", "lenet", "mlp")
                .endsWith("char-lstm", "gru-classifier", "transformer-encoder");
    }

    @Test
    void idsMatchIgnoringCaseWithUnderscoresForDashes() {
        assertThat(Gallery.standard().find("MobileNet_V2")).map(GalleryEntry::id).contains("mobilenet-v2");
        assertThat(Gallery.standard().find(" ResNet50 ")).map(GalleryEntry::id).contains("resnet50");
        assertThat(Gallery.standard().find("resnet")).isEmpty();
        assertThat(Gallery.standard().find(null)).isEmpty();
    }

    @Test
    void loadingGivesTheNamedDocumentOnceAndKeepsIt() {
        NetDocument a = Gallery.standard().load("vgg16");
        assertThat(a.name()).isEqualTo("VGG-16");
        assertThat(Gallery.standard().load("VGG16")).isSameAs(a);
    }

    @Test
    void anUnknownIdNamesTheKnownOnes() {
        assertThatThrownBy(() -> Gallery.standard().load("resnet51"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the gallery has no net \"resnet51\"")
                .hasMessageContaining("resnet50");
    }

    @Test
    void theIndexIsReadLazilyOnceAndANetFileOnlyWhenLoaded() {
        Resources r = new Resources(Map.of(Gallery.INDEX, index("tiny.json"), "tiny.json", LENET));
        Gallery g = new Gallery(r, "test resources");
        assertThat(r.opened).isEmpty();
        assertThat(g.entries()).extracting(GalleryEntry::id).containsExactly("tiny");
        assertThat(g.find("TINY")).isPresent();
        assertThat(r.opened).containsExactly(Gallery.INDEX);
        NetDocument doc = g.load("tiny");
        assertThat(doc.name()).isEqualTo("Tiny");
        assertThat(g.load("tiny")).isSameAs(doc);
        assertThat(r.opened).containsExactly(Gallery.INDEX, "tiny.json");
    }

    @Test
    void missingOrBrokenResourcesAreGalleryExceptionsNamingWhatIsWrong() {
        assertThatThrownBy(() -> new Gallery(new Resources(Map.of()), "test resources").entries())
                .isInstanceOf(GalleryException.class).hasMessage("test resources have no index.json");
        assertThatThrownBy(() -> new Gallery(new Resources(Map.of(Gallery.INDEX, "{ nope")), "r").entries())
                .isInstanceOf(GalleryException.class).hasMessageContaining("cannot read the gallery's index.json");
        assertThatThrownBy(() -> new Gallery(new Resources(Map.of(Gallery.INDEX, "{\"format\": \"x\"}")), "r").entries())
                .isInstanceOf(GalleryException.class).hasMessageContaining("is not a \"netstudio.gallery\" index");
        String noName = index("tiny.json").replace("\"name\": \"Tiny\", ", "");
        assertThatThrownBy(() -> new Gallery(new Resources(Map.of(Gallery.INDEX, noName)), "r").entries())
                .isInstanceOf(GalleryException.class).hasMessageContaining("nets[0].name");
        Gallery missingFile = new Gallery(new Resources(Map.of(Gallery.INDEX, index("gone.json"))), "test resources");
        assertThatThrownBy(() -> missingFile.load("tiny"))
                .isInstanceOf(GalleryException.class).hasMessageContaining("have no gone.json for the net \"tiny\"");
        Gallery badFile = new Gallery(new Resources(Map.of(Gallery.INDEX, index("tiny.json"),
                "tiny.json", LENET.replace("Linear", "Lineer"))), "r");
        assertThatThrownBy(() -> badFile.load("tiny"))
                .isInstanceOf(GalleryException.class).hasMessageContaining("tiny.json").hasMessageContaining("Lineer");
    }
}
