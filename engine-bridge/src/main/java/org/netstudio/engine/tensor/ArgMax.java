package org.netstudio.engine.tensor;

/**
 * Which of a row of scores is the largest: a net's predicted class, a decoded sequence element, the
 * greedy next character. On ties the first wins, as PyTorch's and NumPy's argmax do.
 */
public final class ArgMax {

    private ArgMax() {
    }

    /** The index (from 0, counted from {@code from}) of the largest of the {@code width} values at {@code from}. */
    public static int of(float[] values, int from, int width) {
        int best = 0;
        for (int i = 1; i < width; i++) {
            if (values[from + i] > values[from + best]) {
                best = i;
            }
        }
        return best;
    }

    /** The index of the largest value of each of {@code rows} rows of {@code width} values, row after row. */
    public static int[] rows(float[] values, int rows, int width) {
        int[] best = new int[rows];
        for (int r = 0; r < rows; r++) {
            best[r] = of(values, r * width, width);
        }
        return best;
    }
}
