package org.netstudio.engine.data;

import java.util.Random;

/**
 * Orders of examples: the identity and a random shuffle (Fisher–Yates, drawing from the given
 * generator, so that a seed gives the same order everywhere: splits, generated sets, epochs).
 */
public final class Permutations {

    private Permutations() {
    }

    /** 0, 1, …, n − 1. */
    public static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Shuffles {@code a} in place. */
    public static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
