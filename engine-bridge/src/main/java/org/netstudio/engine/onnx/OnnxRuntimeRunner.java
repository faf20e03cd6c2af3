package org.netstudio.engine.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.tensor.TensorValue;

/**
 * Runs an ONNX model as it is in ONNX Runtime (CPU, offline): inputs and outputs as float arrays
 * with their shapes, batch axis included. Inputs are converted to the element type the model
 * declares (token ids to int64, masks to bool …); outputs are converted to float32.
 *
 * <p>Owns a native session until {@link #close()}. Calls are serialised; safe from any thread.
 */
public final class OnnxRuntimeRunner implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final Map<String, TensorInfo> inputInfo = new LinkedHashMap<>();
    /**
     * Per float input, native memory kept from call to call: a call writes its values there once and ONNX
     * Runtime reads them in place (a heap array would be copied twice more, into a fresh native buffer each call).
     */
    private final Map<String, FloatBuffer> staged = new HashMap<>();
    /** The same for token ids and other int64 inputs, which arrive as floats. */
    private final Map<String, java.nio.LongBuffer> stagedLongs = new HashMap<>();

    private OnnxRuntimeRunner(OrtEnvironment env, OrtSession session) throws OrtException {
        this.env = env;
        this.session = session;
        for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t) {
                inputInfo.put(e.getKey(), t);
            }
        }
    }

    /** A runner for a model's bytes; throws IOException with ONNX Runtime's message when it refuses them. */
    public static OnnxRuntimeRunner of(byte[] model) throws IOException {
        return of(model, 1);
    }

    /**
     * A runner for a model's bytes whose operators may use several threads each.
     *
     * @param threads ONNX Runtime's intra-op threads, at least 1
     * @throws IOException with ONNX Runtime's message when it refuses the model
     */
    public static OnnxRuntimeRunner of(byte[] model, int threads) throws IOException {
        OrtEnvironment env = OnnxEnvironment.get();
        // Every processor: the pool all of NetStudio's sessions share (OnnxEnvironment).
        try (OrtSession.SessionOptions options = OnnxEnvironment.options(threads)) {
            return new OnnxRuntimeRunner(env, env.createSession(model, options));
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    public static OnnxRuntimeRunner open(Path file) throws IOException {
        return of(Files.readAllBytes(file));
    }

    public List<String> inputNames() {
        return new ArrayList<>(inputInfo.keySet());
    }

    public synchronized List<String> outputNames() {
        try {
            return new ArrayList<>(session.getOutputNames());
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the model.
     *
     * @param inputs a value for every model input, by name, batch axis first
     * @return every output by name, in the model's order, as float32
     * @throws IOException when ONNX Runtime fails, with its message
     */
    public synchronized Map<String, TensorValue> run(Map<String, TensorValue> inputs) throws IOException {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (Map.Entry<String, TensorValue> e : inputs.entrySet()) {
                TensorInfo info = inputInfo.get(e.getKey());
                if (info == null) {
                    throw new IllegalArgumentException("The model has no input \"" + e.getKey() + "\" (it takes " + inputNames() + ")");
                }
                feed.put(e.getKey(), info.type == OnnxJavaType.FLOAT ? staged(e.getKey(), e.getValue())
                        : info.type == OnnxJavaType.INT64 ? stagedLongs(e.getKey(), e.getValue())
                        : tensor(env, e.getValue().values(), e.getValue().shape(), info.type));
            }
            try (OrtSession.Result result = session.run(feed)) {
                Map<String, TensorValue> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    if (e.getValue() instanceof OnnxTensor t) {
                        out.put(e.getKey(), t.getInfo().type == OnnxJavaType.FLOAT
                                // getFloatBuffer copies the native values into a heap buffer: the tensor takes its array.
                                ? TensorValue.taking(t.getFloatBuffer(), t.getInfo().getShape())
                                : TensorValue.of(floats(t), t.getInfo().getShape()));
                    }
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * A float tensor over the input's native buffer (a new one when a call brings another number of values),
     * the values written in.
     */
    private OnnxTensor staged(String input, TensorValue value) throws OrtException {
        FloatBuffer b = staged.get(input);
        if (b == null || b.capacity() != value.size()) {
            b = ByteBuffer.allocateDirect(value.size() * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            staged.put(input, b);
        }
        b.clear();
        value.copyTo(b);
        b.flip();
        return OnnxTensor.createTensor(env, b, value.shape());
    }

    /** As {@link #staged}, for an int64 input: each value rounded to the whole number it stands for. */
    private OnnxTensor stagedLongs(String input, TensorValue value) throws OrtException {
        java.nio.LongBuffer b = stagedLongs.get(input);
        if (b == null || b.capacity() != value.size()) {
            b = ByteBuffer.allocateDirect(value.size() * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
            stagedLongs.put(input, b);
        }
        b.clear();
        for (int i = 0; i < value.size(); i++) {
            b.put(Math.round(value.value(i)));
        }
        b.flip();
        return OnnxTensor.createTensor(env, b, value.shape());
    }

    /** A tensor of the given element type from float values. */
    static OnnxTensor tensor(OrtEnvironment env, float[] values, long[] shape, OnnxJavaType type) throws OrtException {
        return switch (type) {
            case INT64 -> {
                long[] l = new long[values.length];
                for (int i = 0; i < l.length; i++) {
                    l[i] = Math.round(values[i]);
                }
                yield OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(l), shape);
            }
            case INT32 -> {
                int[] v = new int[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.round(values[i]);
                }
                yield OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(v), shape);
            }
            case DOUBLE -> {
                double[] d = new double[values.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = values[i];
                }
                yield OnnxTensor.createTensor(env, java.nio.DoubleBuffer.wrap(d), shape);
            }
            case BOOL -> {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(values.length);
                for (float v : values) {
                    b.put((byte) (v != 0 ? 1 : 0));
                }
                b.rewind();
                yield OnnxTensor.createTensor(env, b, shape, OnnxJavaType.BOOL);
            }
            default -> OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
        };
    }

    /** The values of a tensor as float32, whatever its element type. */
    static float[] floats(OnnxTensor t) {
        int n = (int) t.getInfo().getNumElements();
        float[] out = new float[n];
        switch (t.getInfo().type) {
            case FLOAT -> t.getFloatBuffer().get(out);
            case DOUBLE -> {
                java.nio.DoubleBuffer d = t.getDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) d.get(i);
                }
            }
            case INT64 -> {
                java.nio.LongBuffer l = t.getLongBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = l.get(i);
                }
            }
            case INT32 -> {
                java.nio.IntBuffer v = t.getIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = v.get(i);
                }
            }
            case BOOL, INT8, UINT8 -> {
                java.nio.ByteBuffer b = t.getByteBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            default -> throw new IllegalArgumentException("Cannot read ONNX values of type " + t.getInfo().type);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing more to free.
        }
    }
}
