package org.netstudio.engine.encoding;

/**
 * True/false ↔ 1/0, and a probability of "true" back to a boolean (true from 0.5 up). Stateless.
 */
public final class BooleanEncoder {

    /** The only instance. */
    public static final BooleanEncoder INSTANCE = new BooleanEncoder();

    private BooleanEncoder() {}

    /** 1 for true, 0 for false. */
    public float encode(boolean value) {
        return value ? 1f : 0f;
    }

    /**
     * Decodes a probability of "true".
     *
     * @param probability a number in [0, 1]; NaN is rejected
     * @return whether it is at least 0.5
     */
    public boolean decode(float probability) {
        if (Float.isNaN(probability)) {
            throw new IllegalArgumentException("Cannot decode NaN as a boolean");
        }
        return probability >= 0.5f;
    }
}
