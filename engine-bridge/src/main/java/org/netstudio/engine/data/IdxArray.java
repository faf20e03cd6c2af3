package org.netstudio.engine.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The contents of an IDX file of unsigned bytes (the MNIST format): a list of dimensions and the
 * values, row-major. The first dimension counts the items (images or labels).
 *
 * <p>Immutable: {@link #dims()} returns a copy and the values are only exposed as converted
 * copies.
 */
public final class IdxArray {

    private final Path source;
    private final int[] dims;
    private final byte[] data;

    IdxArray(Path source, int[] dims, byte[] data) {
        this.source = source;
        this.dims = dims.clone();
        this.data = Objects.requireNonNull(data, "data");
    }

    /** The file it was read from (for messages). */
    public Path source() {
        return source;
    }

    /** A copy of the dimensions, e.g. {@code [60000, 28, 28]}. */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of items: the first dimension. */
    public int count() {
        return dims[0];
    }

    /** The number of values in one item: the product of all dimensions but the first. */
    public int itemLength() {
        int length = 1;
        for (int i = 1; i < dims.length; i++) {
            length *= dims[i];
        }
        return length;
    }

    /** One value, 0 to 255. */
    public int value(int index) {
        return data[index] & 0xFF;
    }

    /**
     * Converts every value {@code v} to {@code v × scale} (e.g. {@code 1/255f} for pixels in
     * [0, 1]).
     *
     * @param scale the factor
     * @return a new array of all values
     */
    public float[] toFloats(float scale) {
        float[] table = new float[256];
        for (int i = 0; i < 256; i++) {
            table[i] = i * scale;
        }
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = table[data[i] & 0xFF];
        }
        return out;
    }

    /** Every value as an int, 0 to 255, e.g. class labels. */
    public int[] toInts() {
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i] & 0xFF;
        }
        return out;
    }

    /** The dimensions as text, e.g. "60000 × 28 × 28". */
    public String shapeText() {
        return shapeText(dims);
    }

    static String shapeText(int[] dims) {
        StringJoiner joiner = new StringJoiner(" × ");
        Arrays.stream(dims).forEach(d -> joiner.add(Integer.toString(d)));
        return joiner.toString();
    }

    @Override
    public String toString() {
        return "IdxArray[" + shapeText() + " from " + source + "]";
    }
}
