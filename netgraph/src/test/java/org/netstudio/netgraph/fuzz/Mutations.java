package org.netstudio.netgraph.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Byte-level mutations shared by the fuzz targets: bit flips, overwrites with sizes that break
 * arithmetic, insertions, deletions, duplications and truncation; and the interesting numbers
 * themselves for structure-aware mutations.
 */
public final class Mutations {

    /** Sizes and values that break naive arithmetic: 0, ±1, powers of two around 2^31 and 2^63. */
    public static final long[] INTERESTING = {0, 1, -1, 2, 3, 7, 8, 255, 256, 65535, 65536, 46341, 1L << 24,
            Integer.MAX_VALUE - 8, Integer.MAX_VALUE, 1L << 31, 1L << 32, (1L << 32) - 1, -(1L << 31), 1L << 33,
            Long.MAX_VALUE, Long.MIN_VALUE, 1L << 62};

    private Mutations() {
    }

    public static long interesting(Random r) {
        return INTERESTING[r.nextInt(INTERESTING.length)];
    }

    /** Applies one to three random byte-level mutations. */
    public static byte[] mutate(byte[] in, Random r) {
        byte[] b = in;
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            b = once(b, r);
        }
        return b;
    }

    /** One random byte-level mutation; the name says which (for the findings). */
    public static byte[] once(byte[] b, Random r) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt()};
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(9)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << r.nextInt(8));
                return c;
            }
            case 1 -> {
                byte[] c = b.clone();
                c[at] = (byte) r.nextInt(256);
                return c;
            }
            case 2 -> {
                byte[] c = b.clone();
                byte[] v = ByteBuffer.allocate(8).order(r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                        .putLong(interesting(r)).array();
                int width = r.nextBoolean() ? 4 : 8;
                System.arraycopy(v, r.nextBoolean() ? 0 : 8 - width, c, at, Math.min(width, c.length - at));
                return c;
            }
            case 3 -> {
                return Arrays.copyOf(b, at);
            }
            case 4 -> {
                int len = 1 + r.nextInt(Math.min(64, b.length - at));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                return c;
            }
            case 5 -> {
                byte[] ins = new byte[1 + r.nextInt(16)];
                r.nextBytes(ins);
                return insert(b, at, ins);
            }
            case 6 -> {
                int len = 1 + r.nextInt(Math.min(256, b.length - at));
                return insert(b, r.nextInt(b.length + 1), Arrays.copyOfRange(b, at, at + len));
            }
            case 7 -> {
                String[] tokens = {"[", "{", "\"", "\\", ",", "(", "-", "0", "1e999", "\u0000", "\uFFFF", "é", "\r\n", "NaN"};
                return insert(b, at, tokens[r.nextInt(tokens.length)].repeat(1 + r.nextInt(3)).getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                byte[] c = b.clone();
                int len = Math.min(1 + r.nextInt(32), c.length - at);
                Arrays.fill(c, at, at + len, r.nextBoolean() ? 0 : (byte) 0xff);
                return c;
            }
        }
    }

    public static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] c = new byte[b.length + ins.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(ins, 0, c, at, ins.length);
        System.arraycopy(b, at, c, at + ins.length, b.length - at);
        return c;
    }
}
