package org.netstudio.engine.data;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.netstudio.netgraph.fuzz.FuzzInput;
import org.netstudio.netgraph.fuzz.FuzzTarget;
import org.netstudio.netgraph.fuzz.Mutations;

/**
 * Fuzzes the IDX reader: small image and label files, plain and gzipped, with headers declaring
 * sizes that break arithmetic, gzip trailers that lie, truncation, byte mutations and gzip bombs
 * of real zeros. Reading is {@link IdxReader#read} and {@link IdxReader#readScaled}, as loading
 * MNIST does. Refusal: a {@link DatasetFormatException}.
 */
public final class IdxFuzz implements FuzzTarget {

    @Override
    public String name() {
        return "IDX";
    }

    @Override
    public FuzzInput input(Random r, Path dir) throws Exception {
        int rank = 1 + r.nextInt(3);
        int[] dims = new int[rank];
        int count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = 1 + r.nextInt(i == 0 ? 50 : 12);
            count *= dims[i];
        }
        byte[] values = new byte[count];
        r.nextBytes(values);
        byte[] raw = IdxFiles.ubyte(dims, values);
        String made;
        switch (r.nextInt(6)) {
            case 0 -> made = "valid";
            case 1 -> {
                ByteBuffer b = ByteBuffer.wrap(raw);
                b.putInt(4 + 4 * r.nextInt(rank), (int) Mutations.interesting(r));
                made = "dimension set";
            }
            case 2 -> {
                raw[2 + r.nextInt(2)] = (byte) Mutations.interesting(r);
                made = "type or rank set";
            }
            case 3 -> {
                raw = Mutations.mutate(raw, r);
                made = "bytes mutated";
            }
            case 4 -> {
                int zeros = (1 + r.nextInt(4)) << 20;
                raw = IdxFiles.ubyte(new int[] {zeros}, new byte[zeros]);
                made = "zeros";
            }
            default -> {
                ByteBuffer b = ByteBuffer.wrap(raw);
                b.putInt(4, Integer.MAX_VALUE / Math.max(1, count / dims[0]) - r.nextInt(3));
                made = "header declares nearly 2^31 values";
            }
        }
        byte[] file = raw;
        if (r.nextBoolean()) {
            file = IdxFiles.gzip(raw);
            made += ", gzipped";
            switch (r.nextInt(4)) {
                case 0 -> {
                    long declared = r.nextBoolean() ? Mutations.interesting(r) : declaredLength(raw);
                    for (int i = 0; i < 4; i++) {
                        file[file.length - 4 + i] = (byte) (declared >>> (8 * i));
                    }
                    made += ", trailer lying";
                }
                case 1 -> {
                    file = Mutations.mutate(file, r);
                    made += ", gzip bytes mutated";
                }
                default -> {
                }
            }
        }
        return new FuzzInput(Files.write(dir.resolve("data-idx-ubyte"), file), made);
    }

    /** The length the header of {@code raw} declares (header and values), as a gzip trailer would record it. */
    private static long declaredLength(byte[] raw) {
        if (raw.length < 4) {
            return raw.length;
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        int rank = raw[3] & 0xff;
        long values = 1;
        for (int i = 0; i < rank && 8 + 4 * i <= raw.length; i++) {
            values *= b.getInt(4 + 4 * i) & 0xffffffffL;
        }
        return 4L + 4L * rank + values;
    }

    @Override
    public Object read(Path input) throws Exception {
        IdxReader.read(input);
        IdxReader.readScaled(input, 1f / 255);
        return null;
    }

    @Override
    public boolean isRefusal(Throwable t) {
        return t instanceof DatasetFormatException && FuzzTarget.isSentence(t.getMessage());
    }
}
