package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;

/**
 * Decodes and encodes ONNX tensors ({@code TensorProto}): real types become float32, whole-number
 * and boolean types int64. Sizes are checked against the bytes present before anything is
 * allocated. Stateless.
 */
final class OnnxTensors {

    private OnnxTensors() {
    }

    /** A decoded constant: its shape and values (exactly one of floats, longs is set). */
    record Constant(long[] shape, float[] floats, long[] longs, int dataType) {

        boolean isReal() {
            return floats != null;
        }

        int count() {
            return floats != null ? floats.length : longs.length;
        }

        double value(int i) {
            return floats != null ? floats[i] : longs[i];
        }

        String typeName() {
            return typeName(dataType);
        }

        static String typeName(int dataType) {
            TensorProto.DataType t = TensorProto.DataType.forNumber(dataType);
            return t == null ? "unknown" : t.name().toLowerCase(Locale.ROOT);
        }
    }

    static boolean isRealType(int dataType) {
        return dataType == TensorProto.DataType.FLOAT_VALUE || dataType == TensorProto.DataType.DOUBLE_VALUE
                || dataType == TensorProto.DataType.FLOAT16_VALUE || dataType == TensorProto.DataType.BFLOAT16_VALUE;
    }

    /**
     * Decodes a tensor.
     *
     * @throws IllegalArgumentException with a sentence when it cannot be read (external data,
     *                                  strings, sizes that do not match the data)
     */
    static Constant decode(TensorProto t) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new IllegalArgumentException("tensor \"" + t.getName() + "\" keeps its data in an external file, which NetStudio does not read");
        }
        long[] shape = new long[t.getDimsCount()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.getDims(i);
            if (shape[i] < 0) {
                throw new IllegalArgumentException("tensor \"" + t.getName() + "\" has a negative size " + shape[i]);
            }
            count = Math.multiplyExact(count, shape[i]);
        }
        int type = t.getDataType();
        ByteString raw = t.getRawData();
        int width = width(type);
        if (width == 0) {
            throw unreadable(t);
        }
        if (!raw.isEmpty()) {
            if (raw.size() != count * width) {
                throw new IllegalArgumentException("tensor \"" + t.getName() + "\" declares " + count + " values but holds "
                        + raw.size() + " bytes");
            }
            ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            return fromBuffer(b, shape, (int) count, type);
        }
        return switch (TensorProto.DataType.forNumber(type)) {
            case FLOAT -> listedReals(t, shape, count, t.getFloatDataCount(), t::getFloatData);
            case DOUBLE -> listedReals(t, shape, count, t.getDoubleDataCount(), t::getDoubleData);
            case INT64 -> listedWholes(t, shape, count, t.getInt64DataCount(), t::getInt64Data);
            case UINT64, UINT32 -> listedWholes(t, shape, count, t.getUint64DataCount(), t::getUint64Data);
            case INT32, INT16, INT8, UINT16, UINT8, BOOL -> listedWholes(t, shape, count, t.getInt32DataCount(),
                    t::getInt32Data);
            default -> throw unreadable(t);
        };
    }

    /** A tensor's values listed in its typed field ({@code present} of them, read by {@code value}) as reals. */
    private static Constant listedReals(TensorProto t, long[] shape, long count, int present,
            IntToDoubleFunction value) {
        check(t, count, present);
        return new Constant(shape, reals(present, value), null, t.getDataType());
    }

    /** A tensor's values listed in its typed field as whole numbers. */
    private static Constant listedWholes(TensorProto t, long[] shape, long count, int present, IntToLongFunction value) {
        check(t, count, present);
        return new Constant(shape, null, wholes(present, value), t.getDataType());
    }

    /** The values 0 to n-1 of {@code value}, in order, as float32. */
    private static float[] reals(int n, IntToDoubleFunction value) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) value.applyAsDouble(i);
        }
        return f;
    }

    /** The values 0 to n-1 of {@code value}, in order. */
    private static long[] wholes(int n, IntToLongFunction value) {
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = value.applyAsLong(i);
        }
        return l;
    }

    private static IllegalArgumentException unreadable(TensorProto t) {
        return new IllegalArgumentException("tensor \"" + t.getName() + "\" holds " + Constant.typeName(t.getDataType())
                + " values, which NetStudio does not read");
    }

    private static void check(TensorProto t, long count, int present) {
        if (present != count) {
            throw new IllegalArgumentException("tensor \"" + t.getName() + "\" declares " + count + " values but holds " + present);
        }
    }

    private static int width(int type) {
        return switch (TensorProto.DataType.forNumber(type) == null ? TensorProto.DataType.UNDEFINED
                : TensorProto.DataType.forNumber(type)) {
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64, UINT64 -> 8;
            case INT16, UINT16, FLOAT16, BFLOAT16 -> 2;
            case INT8, UINT8, BOOL -> 1;
            default -> 0;
        };
    }

    /** The n values of a raw little-endian buffer; each reader below takes the next value from {@code b}. */
    private static Constant fromBuffer(ByteBuffer b, long[] shape, int n, int type) {
        return switch (TensorProto.DataType.forNumber(type)) {
            case FLOAT -> {
                float[] f = new float[n];
                b.asFloatBuffer().get(f);
                yield new Constant(shape, f, null, type);
            }
            case DOUBLE -> new Constant(shape, reals(n, i -> b.getDouble()), null, type);
            case FLOAT16 -> new Constant(shape, reals(n, i -> halfToFloat(b.getShort())), null, type);
            case BFLOAT16 -> new Constant(shape, reals(n, i -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16)), null,
                    type);
            default -> new Constant(shape, null, wholes(n, i -> switch (width(type)) {
                case 8 -> b.getLong();
                case 4 -> type == TensorProto.DataType.UINT32_VALUE ? b.getInt() & 0xffffffffL : b.getInt();
                case 2 -> type == TensorProto.DataType.UINT16_VALUE ? b.getShort() & 0xffff : b.getShort();
                default -> type == TensorProto.DataType.INT8_VALUE ? b.get() : b.get() & 0xff;
            }), type);
        };
    }

    /** IEEE half precision to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant / 1024f / 16384f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** A float tensor with raw little-endian data. */
    static TensorProto floats(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return raw(name, TensorProto.DataType.FLOAT_VALUE, shape, b);
    }

    /** An int64 tensor with raw little-endian data. */
    static TensorProto longs(String name, long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return raw(name, TensorProto.DataType.INT64_VALUE, shape, b);
    }

    private static TensorProto raw(String name, int dataType, long[] shape, ByteBuffer littleEndian) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType)
                .setRawData(ByteString.copyFrom(littleEndian));
        for (long s : shape) {
            t.addDims(s);
        }
        return t.build();
    }
}
