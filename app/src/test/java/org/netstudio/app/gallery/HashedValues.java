package org.netstudio.app.gallery;

/**
 * The formula torchvision_fixtures.py fills a state_dict and an input with, reproduced bit for bit:
 * element i of tensor t is lowbias32((t * 0x9E3779B9 + i) mod 2^32) >> 8, read as a fraction u of
 * 2^24, and lo + (hi - lo) * u in double rounded to float. An integer hash rather than a random
 * generator, so Java and NumPy agree without sharing a generator's state.
 */
final class HashedValues {

    private static final double TWO_TO_MINUS_24 = 0x1p-24;

    private HashedValues() {
    }

    /** The {@code size} values of tensor {@code tensor}, spread over [lo, hi). */
    static float[] of(int tensor, int size, double lo, double hi) {
        float[] out = new float[size];
        int base = tensor * 0x9E3779B9;
        double span = hi - lo;
        for (int i = 0; i < size; i++) {
            out[i] = (float) (lo + span * ((lowbias32(base + i) >>> 8) * TWO_TO_MINUS_24));
        }
        return out;
    }

    /** Chris Wellons' 32-bit integer hash "lowbias32". */
    static int lowbias32(int x) {
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= x >>> 15;
        x *= 0x846ca68b;
        x ^= x >>> 16;
        return x;
    }
}
