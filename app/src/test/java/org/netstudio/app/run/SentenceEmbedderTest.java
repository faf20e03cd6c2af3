package org.netstudio.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.text.SentenceEncoder;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * all-MiniLM-L6-v2 as NetStudio opens it (imported from ONNX, with its weights) embeds sentences as
 * the ONNX model does, and related sentences come out more similar than unrelated ones.
 */
class SentenceEmbedderTest {

    private static OnnxImport miniLm;

    @BeforeAll
    static void importIt() throws Exception {
        try (InputStream in = SentenceEmbedderTest.class.getResourceAsStream(SentenceEncoder.MINILM_MODEL)) {
            miniLm = OnnxImporter.read(in.readAllBytes(), "all-minilm-l6-v2.onnx");
        }
    }

    @Test
    void embedsLikeTheOnnxModelAndRelatedSentencesAreCloser() {
        List<String> sentences = List.of("A man is playing a guitar on stage.",
                "Someone strums an acoustic guitar in front of an audience.",
                "The central bank raised interest rates again.");
        Embeddings e;
        try (SentenceEmbedder embedder = SentenceEmbedder.load(miniLm.document().net(), miniLm.weights())) {
            e = embedder.embed(sentences);
        }
        assertThat(e.dimension()).isEqualTo(384);
        assertThat(e.sentences()).isEqualTo(sentences);
        float[][] reference;
        try (SentenceEncoder encoder = SentenceEncoder.miniLm()) {
            reference = encoder.embed(sentences);
        }
        for (int i = 0; i < sentences.size(); i++) {
            assertThat(SentenceEncoder.cosine(e.vectors()[i], reference[i])).as("sentence " + i)
                    .isCloseTo(1.0, Offset.offset(1e-4));
        }
        double[][] s = e.similarities();
        assertThat(s[0][0]).isEqualTo(1.0);
        assertThat(s[0][1]).isEqualTo(s[1][0]);
        assertThat(s[0][1]).isGreaterThan(s[0][2] + 0.3).isGreaterThan(s[1][2] + 0.3);
    }

    @Test
    void noSentenceIsRefusedInASentence() {
        try (SentenceEmbedder embedder = SentenceEmbedder.load(miniLm.document().net(), miniLm.weights())) {
            assertThatThrownBy(() -> embedder.embed(List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("Write at least one sentence to embed.");
        }
    }

    /**
     * Every node of the imported MiniLM is a catalog layer (its position table too), so without its
     * weights it runs on seeded initial values like any untrained net; only opaque ONNX operators,
     * whose constant tables are among the weights, keep an encoder from running without them.
     */
    @Test
    void withoutWeightsAnEncoderOfCatalogLayersRunsUntrainedAndOpaqueOperatorsAreTold() {
        try (SentenceEmbedder untrained = SentenceEmbedder.load(miniLm.document().net(), null)) {
            float[][] v = untrained.embed(List.of("a cat", "a dog")).vectors();
            double norm = 0;
            for (float x : v[0]) {
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, Offset.offset(1e-4));
        }
        org.netstudio.netgraph.net.Layer opaque = org.netstudio.netgraph.net.Layer.of("OnnxOperator", "op", "Erf",
                "inputs", "wire float", "outputs", "Real 3");
        assertThat(SentenceEmbedder.hasOnnxOperators(miniLm.document().net())).isFalse();
        assertThat(SentenceEmbedder.hasOnnxOperators(org.netstudio.netgraph.net.Chain.of(
                org.netstudio.netgraph.net.PortDecl.UNSPECIFIED, opaque))).isTrue();
    }
}
