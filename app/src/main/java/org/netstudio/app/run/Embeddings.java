package org.netstudio.app.run;

import java.util.List;

/**
 * Sentences and what an encoder made of them.
 *
 * @param sentences    the texts, in order
 * @param vectors      one unit-length embedding per sentence
 * @param similarities the cosine similarity of every two sentences (symmetric, ones on the diagonal)
 */
public record Embeddings(List<String> sentences, float[][] vectors, double[][] similarities) {

    public Embeddings {
        sentences = List.copyOf(sentences);
    }

    /** The length of each embedding (384 for all-MiniLM-L6-v2). */
    public int dimension() {
        return vectors.length == 0 ? 0 : vectors[0].length;
    }
}
