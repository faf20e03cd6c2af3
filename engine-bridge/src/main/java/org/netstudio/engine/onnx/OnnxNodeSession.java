package org.netstudio.engine.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.InvalidProtocolBufferException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.netstudio.netgraph.catalog.OnnxInputs;
import org.netstudio.netgraph.catalog.Params;

/**
 * Runs one opaque {@code OnnxOperator} node of an imported net on DJL arrays: operators PyTorch
 * computes with ONNX's meaning run where the arrays are ({@link OnnxNativeOps}, and Shape from the
 * dimensions); the others in ONNX Runtime, the node wrapped in a one-node ONNX model whose inputs
 * are the node's wires and constant arrays (batch axis first, as in ONNX). Inference only: the
 * result carries no gradient, so nothing before an opaque node learns through it.
 *
 * <p>The ONNX session is made on the first call, from the element types that arrive, and kept
 * until {@link #close()}. Calls are serialised.
 */
public final class OnnxNodeSession implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    /** Every node that may hold a session, weakly: what {@link #closeAll()} frees when the program ends. */
    private static final Set<OnnxNodeSession> LIVE = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private final NodeProto node;
    private final List<OnnxInputs.Entry> entries;
    private final long opset;
    private final int output;
    private final boolean nativeOps;
    private OrtSession session;
    private List<String> feedNames;

    /**
     * @param params the OnnxOperator layer's parameters (its {@code node}, {@code inputs}, {@code opset})
     * @throws IllegalArgumentException when the layer holds no readable ONNX node
     */
    public OnnxNodeSession(Params params) {
        this(params, true);
    }

    /**
     * @param nativeOps whether operators PyTorch computes with ONNX's meaning run here rather than
     *                  in ONNX Runtime ({@link OnnxNativeOps}); off only to compare the two
     */
    OnnxNodeSession(Params params, boolean nativeOps) {
        this.nativeOps = nativeOps;
        String encoded = params.getString("node");
        if (encoded == null) {
            throw new IllegalArgumentException("The ONNX operator " + params.getString("op")
                    + " has no node to run (its \"node\" parameter is empty)");
        }
        try {
            this.node = NodeProto.parseFrom(Base64.getDecoder().decode(encoded));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The ONNX operator " + params.getString("op")
                    + " holds a node that cannot be read: " + e.getMessage(), e);
        }
        this.entries = OnnxInputs.parse(params.getString("inputs"));
        this.opset = params.has("opset") ? params.getInt("opset") : 13;
        this.output = params.has("output") ? params.getInt("output") - 1 : 0;
        LIVE.add(this);
    }

    /**
     * Frees the ONNX Runtime session of every node now (each waits for a call in progress): for a
     * program about to end, so that no session is torn down by the runtime's own exit while in use.
     * A node called afterwards makes its session again.
     */
    public static void closeAll() {
        List<OnnxNodeSession> nodes;
        synchronized (LIVE) {
            nodes = new ArrayList<>(LIVE);
        }
        nodes.forEach(OnnxNodeSession::close);
    }

    /**
     * Computes the node.
     *
     * @param wires  the arrays on the node's wires, in port order
     * @param arrays the node's constant arrays, in the order of its array specs
     * @return its output (the layer's {@code output}-th), with the element type ONNX gives it
     */
    public synchronized NDList forward(NDList wires, NDArray[] arrays) {
        NDManager manager = wires.isEmpty() ? arrays[0].getManager() : wires.head().getManager();
        if (node.getOpType().equals("Shape") && node.getDomain().isEmpty() && output == 0 && !wires.isEmpty()) {
            // Shape reads only the dimensions: no need to copy the whole tensor into ONNX Runtime
            // (MiniLM runs 49 of them per batch).
            return new NDList(manager.create(shape(wires.head().getShape().getShape())));
        }
        List<NDArray> feed = new ArrayList<>();
        List<String> types = new ArrayList<>();
        int w = 0;
        int a = 0;
        for (OnnxInputs.Entry e : entries) {
            if (e.kind() == OnnxInputs.Kind.ORDER) {
                w++;
            }
            if (e.kind() == OnnxInputs.Kind.NONE || e.kind() == OnnxInputs.Kind.ORDER) {
                continue;
            }
            NDArray x = e.kind() == OnnxInputs.Kind.WIRE ? wires.get(w++) : arrays[a++];
            String type = e.elementType().isEmpty() ? onnxType(x.getDataType()) : e.elementType();
            feed.add(x);
            types.add(type);
        }
        // What the node computes from its inputs belongs to the input's owner, which for a constant
        // is the net itself (its weights live as long as it does): a layer scale, Mul(constant, x),
        // left every output and every type conversion there, run after run. So everything is computed
        // in a scratch manager, the inputs lent to it, and only the output is handed to the caller's.
        Set<NDArray> lent = Collections.newSetFromMap(new IdentityHashMap<>());
        try (NDManager scratch = manager.newSubManager()) {
            for (NDArray x : feed) {
                if (lent.add(x)) {
                    x.tempAttach(scratch);
                }
            }
            NDArray out = compute(feed, types, scratch);
            if (!lent.contains(out)) {
                out.attach(manager);
            }
            return new NDList(out);
        }
    }

    /** The node's output from its inputs, allocated in {@code scratch}. */
    private NDArray compute(List<NDArray> feed, List<String> types, NDManager scratch) {
        if (nativeOps && output == 0) {
            // Float arithmetic, MatMul, Erf, ReduceMean…: computed by PyTorch where the arrays are
            // (ImportedMiniLmBench: copying each through ONNX Runtime was most of an imported model's time).
            Optional<NDArray> here = OnnxNativeOps.run(node, feed, types);
            if (here.isPresent()) {
                return here.get();
            }
        }
        OrtEnvironment env = OnnxEnvironment.get();
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            if (session == null) {
                OrtSession created;
                try (OrtSession.SessionOptions options = singleNodeOptions()) {
                    created = env.createSession(model(types).toByteArray(), options);
                }
                session = created;
                // A compiled net has no close of its own: free the native session when this node is collected.
                CLEANER.register(this, () -> closeQuietly(created));
            }
            for (int i = 0; i < feed.size(); i++) {
                tensors.put(feedNames.get(i), tensor(env, feed.get(i), types.get(i)));
            }
            try (OrtSession.Result r = session.run(tensors)) {
                OnnxValue v = r.get(0);
                if (!(v instanceof OnnxTensor t)) {
                    throw new IllegalStateException("The ONNX operator " + node.getOpType() + " gave no tensor");
                }
                return array(scratch, t);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + node.getOpType() + " \"" + node.getName() + "\": "
                    + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private ModelProto model(List<String> types) {
        NodeProto.Builder n = node.toBuilder().clearInput().clearOutput();
        GraphProto.Builder g = GraphProto.newBuilder().setName("node");
        feedNames = new ArrayList<>();
        int k = 0;
        for (OnnxInputs.Entry e : entries) {
            if (e.kind() == OnnxInputs.Kind.ORDER) {
                continue;
            }
            if (e.kind() == OnnxInputs.Kind.NONE) {
                n.addInput("");
                continue;
            }
            String name = "in" + feedNames.size();
            n.addInput(name);
            feedNames.add(name);
            g.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType(types.get(k++))))));
        }
        for (int i = 0; i < Math.max(output + 1, node.getOutputCount()); i++) {
            n.addOutput("out" + i);
        }
        g.addNode(n);
        g.addOutput(ValueInfoProto.newBuilder().setName("out" + output));
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(opset <= 17 ? 8 : 9).setGraph(g);
        if (node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx")) {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        } else {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17));
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(node.getDomain()).setVersion(opset));
        }
        return m.build();
    }

    private static int elementType(String word) {
        try {
            return TensorProto.DataType.valueOf(word.toUpperCase(Locale.ROOT)).getNumber();
        } catch (IllegalArgumentException e) {
            return TensorProto.DataType.FLOAT_VALUE;
        }
    }

    private static String onnxType(DataType t) {
        return switch (t) {
            case INT64 -> "int64";
            case INT32 -> "int32";
            case BOOLEAN -> "bool";
            case FLOAT64 -> "double";
            default -> "float";
        };
    }

    private static OnnxTensor tensor(OrtEnvironment env, NDArray x, String type) throws OrtException {
        long[] shape = x.getShape().getShape();
        return switch (type) {
            case "int64" -> OnnxTensor.createTensor(env, LongBuffer.wrap(x.toType(DataType.INT64, false).toLongArray()), shape);
            case "int32" -> OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(x.toType(DataType.INT32, false).toIntArray()), shape);
            case "double" -> OnnxTensor.createTensor(env, java.nio.DoubleBuffer.wrap(x.toType(DataType.FLOAT64, false).toDoubleArray()), shape);
            case "bool" -> {
                boolean[] b = x.toType(DataType.BOOLEAN, false).toBooleanArray();
                ByteBuffer buf = ByteBuffer.allocateDirect(b.length);
                for (boolean v : b) {
                    buf.put((byte) (v ? 1 : 0));
                }
                buf.rewind();
                yield OnnxTensor.createTensor(env, buf, shape, OnnxJavaType.BOOL);
            }
            default -> OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(x.toType(DataType.FLOAT32, false).toFloatArray()), shape);
        };
    }

    private static NDArray array(NDManager m, OnnxTensor t) {
        Shape shape = new Shape(t.getInfo().getShape());
        return switch (t.getInfo().type) {
            case INT64 -> m.create(t.getLongBuffer(), shape);
            case INT32 -> m.create(t.getIntBuffer(), shape);
            case BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                boolean[] v = new boolean[b.remaining()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = b.get(i) != 0;
                }
                yield m.create(v, shape);
            }
            case DOUBLE -> m.create(t.getDoubleBuffer(), shape).toType(DataType.FLOAT32, false);
            default -> m.create(OnnxRuntimeRunner.floats(t), shape);
        };
    }

    /** ONNX Shape: the dimensions from {@code start} to {@code end} (opset 15; negative from the end, clamped). */
    long[] shape(long[] dims) {
        int rank = dims.length;
        long start = 0;
        long end = rank;
        for (var a : node.getAttributeList()) {
            if (a.getName().equals("start")) {
                start = a.getI();
            } else if (a.getName().equals("end")) {
                end = a.getI();
            }
        }
        int from = (int) Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
        int to = (int) Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
        return java.util.Arrays.copyOfRange(dims, from, Math.max(from, to));
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException | IllegalStateException e) {
            // Already closed, or nothing more to free.
        }
    }

    /** Frees the ONNX session now (it is also freed when this object is collected). */
    @Override
    public synchronized void close() {
        if (session != null) {
            closeQuietly(session);
            session = null;
        }
    }

    /**
     * Options for a one-node session: it runs on the calling thread, without a pool of its own
     * and without spinning. A net holds one session per opaque node (MiniLM: 271); with the
     * defaults each started its own worker threads, which kept spinning between calls and starved
     * PyTorch's own threads (measured by ImportedMiniLmBench).
     */
    private static OrtSession.SessionOptions singleNodeOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }
}
