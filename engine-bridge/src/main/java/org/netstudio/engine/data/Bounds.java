package org.netstudio.engine.data;

/**
 * Checks of counts and shares given to the engine, so that a refused value reads the same
 * wherever it is given: "The batch size must be at least 1, but was 0".
 */
public final class Bounds {

    private Bounds() {
    }

    /**
     * @param what  the value's name at the start of a sentence, e.g. "The batch size"
     * @param value the value
     * @throws IllegalArgumentException when {@code value} is less than 1
     */
    public static void atLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, but was " + value);
        }
    }

    /**
     * @param what  the value's name at the start of a sentence, e.g. "The validation fraction"
     * @param value the value
     * @throws IllegalArgumentException when {@code value} is not in [0, 1)
     */
    public static void share(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be at least 0 and less than 1, but was " + value);
        }
    }
}
