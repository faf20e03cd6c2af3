package org.netstudio.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** all-MiniLM-L6-v2 from its Maven artifact, run through ONNX Runtime. */
class SentenceEncoderTest {

    private static final String FOOD = "A man is eating food.";
    private static final String BREAD = "A man is eating a piece of bread.";
    private static final String BABY = "The girl is carrying a baby.";

    private static SentenceEncoder encoder;

    @BeforeAll
    static void open() {
        encoder = SentenceEncoder.miniLm();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void embeddingsHave384ValuesOfUnitLength() {
        float[] e = encoder.embed(FOOD);
        assertThat(encoder.dimension()).isEqualTo(384);
        assertThat(e).hasSize(384);
        assertThat(norm(e)).isCloseTo(1.0, within(1e-5));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float x : e) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertThat(max - min).as("spread of the values").isGreaterThan(0.1f);
    }

    @Test
    void relatedSentencesAreMoreSimilarThanUnrelatedOnes() {
        float[][] e = encoder.embed(List.of(FOOD, BREAD, BABY));
        double related = SentenceEncoder.cosine(e[0], e[1]);
        double unrelated = SentenceEncoder.cosine(e[0], e[2]);
        assertThat(related).isGreaterThan(unrelated + 0.3);
        assertThat(related).isBetween(0.5, 1.0);
        assertThat(unrelated).isBetween(-0.2, 0.3);
        double[][] m = SentenceEncoder.similarities(e);
        assertThat(m[0][1]).isEqualTo(related).isEqualTo(m[1][0]);
        assertThat(m[2][2]).isEqualTo(1.0);
    }

    /**
     * The similarities sentence-transformers prints for all-MiniLM-L6-v2 in its quickstart
     * (model.similarity on these three sentences), to the four decimals it shows.
     */
    @Test
    void computesWhatSentenceTransformersComputes() {
        float[][] e = encoder.embed(List.of("The weather is lovely today.", "It's so sunny outside!",
                "He drove to the stadium."));
        double[][] m = SentenceEncoder.similarities(e);
        assertThat(m[0][1]).isCloseTo(0.6660, within(1e-4));
        assertThat(m[0][2]).isCloseTo(0.1046, within(1e-4));
        assertThat(m[1][2]).isCloseTo(0.1411, within(1e-4));
    }

    @Test
    void aBatchEmbedsAsOneByOne() {
        List<String> sentences = List.of(BABY, FOOD, "A much longer sentence, which needs padding of every shorter one "
                + "in its batch, about nothing much at all.", "", BREAD);
        float[][] batch = encoder.embed(sentences);
        for (int i = 0; i < sentences.size(); i++) {
            float[] alone = encoder.embed(sentences.get(i));
            for (int k = 0; k < alone.length; k++) {
                assertThat(batch[i][k]).as("sentence %d, value %d", i, k).isCloseTo(alone[k], within(1e-4f));
            }
        }
    }

    @Test
    void manySentencesRunInSeveralBatchesInTheirOrder() {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            sentences.add(i % 2 == 0 ? FOOD : "word ".repeat(i) + BABY);
        }
        float[][] e = encoder.embed(sentences);
        assertThat(e).hasNumberOfRows(70);
        float[] food = encoder.embed(FOOD);
        for (int i = 0; i < 70; i += 2) {
            assertThat(SentenceEncoder.cosine(e[i], food)).isCloseTo(1.0, within(1e-5));
        }
        assertThat(encoder.embed(List.of())).isEmpty();
    }

    @Test
    void anEmptyTextHasAnEmbeddingToo() {
        float[] e = encoder.embed("");
        assertThat(norm(e)).isCloseTo(1.0, within(1e-5));
        assertThat(e).doesNotContain(Float.NaN);
    }

    @Test
    void aVeryLongTextIsEmbeddedFromItsBeginning() {
        String start = "The girl is carrying a baby across the street. ".repeat(30); // over 256 tokens
        assertThat(encoder.tokenizer().encode(start).truncated()).isTrue();
        float[] longText = encoder.embed(start + "Nothing after the first 256 tokens counts. ".repeat(2000));
        assertThat(norm(longText)).isCloseTo(1.0, within(1e-5));
        assertThat(SentenceEncoder.cosine(longText, encoder.embed(start))).isCloseTo(1.0, within(1e-5));
        assertThat(encoder.tokenizer().maxLength()).isEqualTo(SentenceEncoder.MINILM_MAX_TOKENS);
    }

    @Test
    void threadsShareOneSession() throws Exception {
        float[] expected = encoder.embed(BREAD);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<float[]>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> encoder.embed(BREAD));
            }
            for (Future<float[]> f : pool.invokeAll(calls)) {
                assertThat(SentenceEncoder.cosine(f.get(), expected)).isCloseTo(1.0, within(1e-6));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void opensLazilyAndRefusesWorkOnceClosed() {
        SentenceEncoder own = SentenceEncoder.miniLm();
        assertThat(own.isOpen()).isFalse();
        assertThat(own.tokenizer().encode("hello").length()).isEqualTo(3);
        assertThat(own.isOpen()).as("tokenizing needs no model").isFalse();
        own.embed("hello");
        assertThat(own.isOpen()).isTrue();
        own.close();
        own.close();
        assertThat(own.isOpen()).isFalse();
        assertThatThrownBy(() -> own.embed("hello")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void cosineOfVectors() {
        assertThat(SentenceEncoder.cosine(new float[] {1, 0}, new float[] {2, 0})).isEqualTo(1.0);
        assertThat(SentenceEncoder.cosine(new float[] {1, 0}, new float[] {0, 3})).isEqualTo(0.0);
        assertThat(SentenceEncoder.cosine(new float[] {1, 1}, new float[] {-1, -1})).isCloseTo(-1.0, within(1e-12));
        assertThat(SentenceEncoder.cosine(new float[] {0, 0}, new float[] {1, 1})).isEqualTo(0.0);
        assertThatThrownBy(() -> SentenceEncoder.cosine(new float[1], new float[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
