package org.netstudio.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A sequence of varying length per example: token or class indices ({@code n} integers in
 * {@code 0 … vocabulary−1}, e.g. the characters of a word) or vectors of real numbers
 * ({@code n×width}). Stored flat with offsets. A batch is padded at the end to its longest
 * sequence (with index 0 or 0.0) and comes with each example's length, so that the engine can
 * make padding change nothing.
 */
public final class SequenceColumn implements Column {

    private final int[] offsets;
    private final int[] indices;
    private final float[] values;
    private final int vocabulary;
    private final int width;
    private final String what;

    private SequenceColumn(int[] offsets, int[] indices, float[] values, int vocabulary, int width, String what) {
        this.offsets = offsets;
        this.indices = indices;
        this.values = values;
        this.vocabulary = vocabulary;
        this.width = width;
        this.what = Objects.requireNonNull(what, "what");
    }

    /**
     * A column of index sequences.
     *
     * @param sequences  one sequence per example (may be empty); copied
     * @param vocabulary how many distinct indices there are; every index is in {@code [0, vocabulary)}
     * @param what       what the indices stand for, for messages ("characters", "words")
     * @throws IllegalArgumentException when an index is out of range
     */
    public static SequenceColumn ofIndices(List<int[]> sequences, int vocabulary, String what) {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("A vocabulary needs at least one entry, but has " + vocabulary);
        }
        int[] offsets = offsets(sequences.size(), i -> sequences.get(i).length);
        int[] flat = new int[offsets[sequences.size()]];
        for (int i = 0; i < sequences.size(); i++) {
            int[] s = sequences.get(i);
            for (int j = 0; j < s.length; j++) {
                if (s[j] < 0 || s[j] >= vocabulary) {
                    throw new IllegalArgumentException("Example " + i + " holds index " + s[j] + " at position " + j
                            + ", outside 0 to " + (vocabulary - 1));
                }
            }
            System.arraycopy(s, 0, flat, offsets[i], s.length);
        }
        return new SequenceColumn(offsets, flat, null, vocabulary, 0, what);
    }

    /**
     * A column of sequences of real vectors.
     *
     * @param sequences one {@code length × width} array per example, row after row; copied
     * @param width     the size of each vector
     */
    public static SequenceColumn ofVectors(List<float[]> sequences, int width, String what) {
        if (width < 1) {
            throw new IllegalArgumentException("Vectors need a width of at least 1, but got " + width);
        }
        int[] offsets = offsets(sequences.size(), i -> {
            float[] s = sequences.get(i);
            if (s.length % width != 0) {
                throw new IllegalArgumentException("Example " + i + " holds " + s.length + " values, not a whole"
                        + " number of vectors of " + width);
            }
            return s.length / width;
        });
        float[] flat = new float[Math.toIntExact((long) offsets[sequences.size()] * width)];
        for (int i = 0; i < sequences.size(); i++) {
            System.arraycopy(sequences.get(i), 0, flat, offsets[i] * width, sequences.get(i).length);
        }
        return new SequenceColumn(offsets, null, flat, 0, width, what);
    }

    /** Where each example's elements start, then where the last one's end: the running total of the lengths. */
    private static int[] offsets(int examples, IntUnaryOperator length) {
        int[] offsets = new int[examples + 1];
        long total = 0;
        for (int i = 0; i < examples; i++) {
            total += length.applyAsInt(i);
            offsets[i + 1] = Math.toIntExact(total);
        }
        return offsets;
    }

    /** Whether the elements are indices (else real vectors). */
    public boolean holdsIndices() {
        return indices != null;
    }

    /** The number of distinct indices, 0 for real vectors. */
    public int vocabulary() {
        return vocabulary;
    }

    /** The length of one example's sequence. */
    public int length(int example) {
        return offsets[example + 1] - offsets[example];
    }

    /** One example's indices (a copy); only for index sequences. */
    public int[] indices(int example) {
        return java.util.Arrays.copyOfRange(indices, offsets[example], offsets[example + 1]);
    }

    /** One example's vectors, {@code length × width} values row-major (a copy); only for real sequences. */
    public float[] vectors(int example) {
        return java.util.Arrays.copyOfRange(values, offsets[example] * width, offsets[example + 1] * width);
    }

    /** The width of each vector of a real sequence; 0 for indices. */
    public int width() {
        return width;
    }

    /** The length of the longest sequence. */
    public int longest() {
        int max = 0;
        for (int i = 0; i < size(); i++) {
            max = Math.max(max, length(i));
        }
        return max;
    }

    @Override
    public int size() {
        return offsets.length - 1;
    }

    @Override
    public TensorType type() {
        if (holdsIndices()) {
            return new TensorType(ElementKind.index(vocabulary), List.of(Dim.symbolic("n")));
        }
        return TensorType.real(List.of(Dim.symbolic("n"), Dim.of(width)));
    }

    @Override
    public String describe() {
        return holdsIndices() ? "sequences of " + what + " (" + vocabulary + " distinct)"
                : "sequences of vectors of " + width + " real numbers";
    }

    @Override
    public SequenceColumn subset(int[] rows) {
        int[] off = new int[rows.length + 1];
        long total = 0;
        for (int i = 0; i < rows.length; i++) {
            total += length(rows[i]);
            off[i + 1] = Math.toIntExact(total);
        }
        int w = holdsIndices() ? 1 : width;
        int[] idx = holdsIndices() ? new int[(int) total] : null;
        float[] val = holdsIndices() ? null : new float[Math.toIntExact(total * w)];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (holdsIndices()) {
                System.arraycopy(indices, offsets[r], idx, off[i], length(r));
            } else {
                System.arraycopy(values, offsets[r] * w, val, off[i] * w, length(r) * w);
            }
        }
        return new SequenceColumn(off, idx, val, vocabulary, width, what);
    }

    @Override
    public Batcher batcher(int maxBatch) {
        return new Reader();
    }

    private final class Reader implements Batcher {
        private ByteBuffer data = ByteBuffer.allocateDirect(0);
        private ByteBuffer lengthBytes = ByteBuffer.allocateDirect(0);
        private int count;
        private int longest;

        @Override
        public void prepare(int[] examples, int from, int count) {
            this.count = count;
            longest = 0;
            for (int i = from; i < from + count; i++) {
                longest = Math.max(longest, length(examples[i]));
            }
            // An empty sequence still occupies one padded element, so that arrays never have a zero axis.
            longest = Math.max(longest, 1);
            int elementBytes = holdsIndices() ? Long.BYTES : width * Float.BYTES;
            long needed = (long) count * longest * elementBytes;
            if (data.capacity() < needed) {
                data = ByteBuffer.allocateDirect(Math.toIntExact(Math.max(needed, data.capacity() * 3L / 2)))
                        .order(ByteOrder.nativeOrder());
            }
            data.clear();
            if (lengthBytes.capacity() < count * Long.BYTES) {
                lengthBytes = ByteBuffer.allocateDirect(count * Long.BYTES).order(ByteOrder.nativeOrder());
            }
            lengthBytes.clear();
            LongBuffer lengthOut = lengthBytes.asLongBuffer();
            if (holdsIndices()) {
                LongBuffer out = data.asLongBuffer();
                for (int i = from; i < from + count; i++) {
                    int e = examples[i];
                    int n = length(e);
                    for (int j = offsets[e]; j < offsets[e + 1]; j++) {
                        out.put(indices[j]);
                    }
                    for (int j = n; j < longest; j++) {
                        out.put(0L);
                    }
                    lengthOut.put(n);
                }
            } else {
                FloatBuffer out = data.asFloatBuffer();
                float[] zeros = new float[width];
                for (int i = from; i < from + count; i++) {
                    int e = examples[i];
                    int n = length(e);
                    out.put(values, offsets[e] * width, n * width);
                    for (int j = n; j < longest; j++) {
                        out.put(zeros);
                    }
                    lengthOut.put(n);
                }
            }
            data.limit((int) needed);
            lengthBytes.limit(count * Long.BYTES);
        }

        @Override
        public NDArray array(NDManager manager) {
            return holdsIndices() ? manager.create(data, new Shape(count, longest), DataType.INT64)
                    : manager.create(data, new Shape(count, longest, width), DataType.FLOAT32);
        }

        @Override
        public NDArray lengths(NDManager manager) {
            return manager.create(lengthBytes, new Shape(count), DataType.INT64);
        }
    }
}
