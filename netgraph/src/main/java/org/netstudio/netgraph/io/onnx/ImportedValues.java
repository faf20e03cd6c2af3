package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashMap;
import java.util.Map;
import org.netstudio.netgraph.net.PortRef;

/**
 * What the import knows about each ONNX value so far: its constant value (initializers and folded
 * Constant nodes), its per-example type, the port of the net that computes it, and the shape
 * vectors the model computes. The context the operator mappings and the shape rules read.
 */
final class ImportedValues implements OperatorMappings.Context {

    private final ModelGraph model;
    private final Map<String, OnnxTensors.Constant> constants = new HashMap<>();
    private final Map<String, ValueInfo> infos = new HashMap<>();
    private final Map<String, PortRef> sources = new HashMap<>();
    /** The shape vectors the model computes (Shape and what follows it), for the shapes of opaque nodes. */
    private final ShapeValues shapes = new ShapeValues();

    ImportedValues(ModelGraph model) {
        this.model = model;
    }

    @Override
    public boolean isConstant(String value) {
        return constants.containsKey(value);
    }

    @Override
    public OnnxTensors.Constant constant(String value) {
        return constants.get(value);
    }

    @Override
    public ValueInfo info(String value) {
        return infos.getOrDefault(value, ValueInfo.UNKNOWN);
    }

    @Override
    public long opset() {
        return model.opset();
    }

    void putConstant(String value, OnnxTensors.Constant constant) {
        constants.put(value, constant);
    }

    /** What the model declares or the import found out about a value, or null when nothing yet. */
    ValueInfo known(String value) {
        return infos.get(value);
    }

    void putInfo(String value, ValueInfo info) {
        infos.put(value, info);
    }

    /** Whether a port of the net computes the value. */
    boolean isComputed(String value) {
        return sources.containsKey(value);
    }

    /** The port of the net that computes the value, or null. */
    PortRef source(String value) {
        return sources.get(value);
    }

    void putSource(String value, PortRef port) {
        sources.put(value, port);
    }

    /** The value is computed where {@code of} is, and has its type. */
    void alias(String value, String of) {
        sources.put(value, sources.get(of));
        infos.put(value, info(of));
    }

    /**
     * A constant value, or that of a Constant node, which may come later in the graph than a
     * node looking ahead at its readers; null when it is neither.
     */
    OnnxTensors.Constant constantInput(String value) {
        OnnxTensors.Constant k = constants.get(value);
        NodeProto producer = model.producer(value);
        if (k == null && producer != null && producer.getOpType().equals("Constant")) {
            k = ModelGraph.constantOf(new OnnxNode(producer));
        }
        return k;
    }

    @Override
    public ShapeValues.Value shapeVector(String value) {
        return value.isEmpty() || isConstant(value) ? null : shapes.value(value, this);
    }

    ShapeValues shapes() {
        return shapes;
    }
}
