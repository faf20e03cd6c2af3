package org.netstudio.netgraph.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/** Writes an array's values as the file formats store them: little-endian float32 or int64, row-major. */
final class LittleEndianValues {

    private LittleEndianValues() {}

    /**
     * Writes the values of {@code array} to {@code out} through {@code buffer}.
     *
     * @param array  the array
     * @param out    where to write (not flushed)
     * @param buffer scratch space, its length a multiple of 8
     */
    static void write(WeightArray array, OutputStream out, byte[] buffer) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        if (array.isReal()) {
            FloatBuffer values = array.floatView();
            while (values.hasRemaining()) {
                bb.putInt(Float.floatToRawIntBits(values.get()));
                if (!bb.hasRemaining()) {
                    out.write(buffer, 0, bb.position());
                    bb.clear();
                }
            }
        } else {
            LongBuffer values = array.longView();
            while (values.hasRemaining()) {
                bb.putLong(values.get());
                if (!bb.hasRemaining()) {
                    out.write(buffer, 0, bb.position());
                    bb.clear();
                }
            }
        }
        out.write(buffer, 0, bb.position());
    }
}
