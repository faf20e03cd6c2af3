package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/** all-MiniLM-L6-v2, a pretrained ONNX model, comes out of the gallery with its trained weights. */
class PretrainedOnnxGalleryTest {

    @Test
    void miniLmLoadsWithTheWeightsItsOnnxModelCarries() throws Exception {
        LoadedNet loaded = Gallery.standard().loadWithWeights("minilm");

        Weights w = loaded.weights().orElseThrow(() -> new AssertionError("MiniLM opened without its weights"));
        byte[] model;
        try (var in = Gallery.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            model = in.readAllBytes();
        }
        Weights imported = OnnxImporter.read(model, "all-minilm-l6-v2.onnx").weights();
        assertThat(w.arrays()).isEqualTo(imported.arrays());
        assertThat(w.metadata()).as("says whose they are, so Try It reads sentences as MiniLM does")
                .containsAllEntriesOf(imported.metadata()).containsEntry(Gallery.ENCODER_KEY, "minilm");
        assertThat(loaded.document().name()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(Gallery.standard().loadWithWeights("minilm").weights().orElseThrow()).as("kept once read").isSameAs(w);
    }

    @Test
    void anUntrainedOnnxFreeNetStillLoadsWithoutWeights() {
        assertThat(Gallery.standard().loadWithWeights("lenet").weights()).isEmpty();
    }
}
