package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.netstudio.app.run.Embeddings;
import org.netstudio.app.run.SentenceEmbedder;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * The real bge-small-en-v1.5 and e5-small-v2, when their jars are in the weights cache (after
 * {@code netstudio gallery download ID}; skipped otherwise, as tests never download): the model
 * imports to the architecture the gallery ships, with no opaque node, and the imported BGE embeds
 * as ONNX Runtime does on the jar's model file.
 */
class DownloadedEncodersTest {

    private static final List<String> SENTENCES = List.of("A man is eating food.", "The girl is carrying a baby.");

    /**
     * ONNX Runtime on bge-small-en-v1.5.onnx from the jar, pooled at [CLS] and normalised (computed once
     * with {@code Gallery.standard().encoder("bge-small-en-v1.5")}): the first 8 values and the last.
     */
    private static final float[][] BGE_FIRST = {
        {-0.0227333f, 0.0559590f, -0.0011629f, -0.0658104f, -0.0198609f, -0.0214760f, 0.1123761f, -0.0404227f},
        {0.0096398f, -0.0375644f, 0.0054026f, -0.0502430f, 0.0118290f, 0.0136367f, 0.0643615f, 0.0107457f}};
    private static final float[] BGE_LAST = {-0.04025129f, 0.029017737f};
    private static final double BGE_COSINE = 0.38774137;

    private static GalleryEntry downloaded(String id) {
        GalleryEntry e = Gallery.standard().find(id).orElseThrow();
        Assumptions.assumeTrue(Gallery.standard().downloads().cached(e).isPresent(),
                id + "'s jar is not in " + Gallery.standard().downloads().folder() + " (netstudio gallery download " + id + ")");
        return e;
    }

    /** The sentences embedded by the encoder as NetStudio imports it, read as the weights' recipe says. */
    private static Embeddings embedImported(GalleryEntry e) {
        LoadedNet net = Gallery.standard().loadWithWeights(e.id());
        Weights w = net.weights().orElseThrow();
        try (SentenceEmbedder embedder = SentenceEmbedder.load(net.document().net(), w, Gallery.standard().recipe(w))) {
            return embedder.embed(SENTENCES);
        }
    }

    @Test
    void bothImportToTheShippedArchitectureWithoutOpaqueNodes() {
        for (String id : List.of("bge-small-en-v1.5", "e5-small-v2")) {
            if (Gallery.standard().downloads().cached(Gallery.standard().find(id).orElseThrow()).isEmpty()) {
                continue;
            }
            NetNode shipped = GalleryModels.architecture(id).net();
            LoadedNet loaded = Gallery.standard().loadWithWeights(id);
            assertThat(loaded.document().net()).as(id).isEqualTo(shipped);
            assertThat(SentenceEmbedder.hasOnnxOperators(loaded.document().net())).as(id + " opaque nodes").isFalse();
            assertThat(loaded.weights()).as(id).isPresent();
        }
    }

    @Test
    void theImportedBgeEmbedsAsOnnxRuntimeDoesOnItsFile() {
        Embeddings run = embedImported(downloaded("bge-small-en-v1.5"));
        for (int i = 0; i < SENTENCES.size(); i++) {
            float[] v = run.vectors()[i];
            assertThat(v).hasSize(384);
            assertThat(java.util.Arrays.copyOf(v, 8)).as(SENTENCES.get(i)).containsExactly(BGE_FIRST[i], Offset.offset(1e-4f));
            assertThat(v[383]).isCloseTo(BGE_LAST[i], Offset.offset(1e-4f));
        }
        assertThat(run.similarities()[0][1]).isCloseTo(BGE_COSINE, Offset.offset(1e-4));
    }

    /** E5, whose recipe writes "query: " before each text and pools the mean, the same both ways too. */
    @Test
    void theImportedE5EmbedsAsOnnxRuntimeDoesOnItsFile() {
        GalleryEntry e = downloaded("e5-small-v2");
        Embeddings run = embedImported(e);
        float[][] onFile;
        try (org.netstudio.engine.text.SentenceEncoder ort = Gallery.standard().encoder(e.id())) {
            assertThat(ort.recipe().prefix()).isEqualTo("query: ");
            assertThat(ort.recipe().pooling()).isEqualTo(org.netstudio.engine.text.Pooling.MEAN);
            onFile = ort.embed(SENTENCES);
        }
        for (int i = 0; i < SENTENCES.size(); i++) {
            assertThat(run.vectors()[i]).as(SENTENCES.get(i)).containsExactly(onFile[i], Offset.offset(1e-4f));
        }
    }

    /**
     * A sentence classifier made of BGE pools its tokens at [CLS], as BGE's embeddings do: cut before its
     * head, it gives the embedding's direction (the sentence's own [CLS] vector, not yet at unit length).
     */
    @Test
    void aClassifierMadeOfBgeReadsItsClsToken() {
        downloaded("bge-small-en-v1.5");
        LoadedNet classifier = SentenceClassifier.of(Gallery.standard(), "bge-small-en-v1.5", List.of("cooking", "sport"));
        org.netstudio.netgraph.net.Graph g = (org.netstudio.netgraph.net.Graph) classifier.document().net();
        assertThat(g.nodes()).containsKeys("reversed", "cls").doesNotContainKey("mean");
        org.netstudio.netgraph.net.Graph head = g.withoutNode("probabilities").withoutNode("classes");
        head = new org.netstudio.netgraph.net.Graph(head.inputs(), head.nodes(), java.util.stream.Stream.concat(
                head.edges().stream(), java.util.stream.Stream.of(new org.netstudio.netgraph.net.Edge(
                        org.netstudio.netgraph.net.PortRef.of("cls", "Output"),
                        org.netstudio.netgraph.net.PortRef.graphPort("Output")))).toList(),
                java.util.Map.of("Output", org.netstudio.netgraph.net.PortDecl.UNSPECIFIED));
        int[] ids = Gallery.standard().recipe("bge-small-en-v1.5").tokenizer().encode(SENTENCES.get(0)).ids();
        float[] tokens = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = ids[i];
        }
        float[] cls;
        Weights w = classifier.weights().orElseThrow();
        Weights headWeights = w.without("classes/weights").without("classes/biases");
        try (org.netstudio.engine.run.NetRunner runner = org.netstudio.engine.run.NetRunner.load(head, headWeights)) {
            cls = runner.run(java.util.Map.of("Input", org.netstudio.engine.tensor.TensorValue.of(tokens, 1, ids.length)))
                    .get("Output").values();
        }
        double norm = 0;
        for (float v : cls) {
            norm += v * v;
        }
        float[] unit = new float[8];
        for (int k = 0; k < 8; k++) {
            unit[k] = (float) (cls[k] / Math.sqrt(norm));
        }
        assertThat(cls).hasSize(384);
        assertThat(unit).containsExactly(BGE_FIRST[0], Offset.offset(1e-4f));
    }
}
