package org.netstudio.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** Builds graphs around one layer, and random batches for their inputs. */
public final class OneLayerNets {

    static final String NODE = "layer";

    private OneLayerNets() {
    }

    /** A graph with the layer's ports as its own, each input declared with the given type. */
    public static Graph around(Layer layer, List<TensorType> inputs) {
        Map<String, PortDecl> ins = new LinkedHashMap<>();
        Map<String, PortDecl> outs = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        List<String> inNames = layer.inputNames();
        for (int i = 0; i < inNames.size(); i++) {
            ins.put(inNames.get(i), PortDecl.of(inputs.get(i)));
            edges.add(new Edge(PortRef.graphPort(inNames.get(i)), PortRef.of(NODE, inNames.get(i))));
        }
        for (String out : layer.outputNames()) {
            outs.put(out, PortDecl.UNSPECIFIED);
            edges.add(new Edge(PortRef.of(NODE, out), PortRef.graphPort(out)));
        }
        return new Graph(ins, Map.<String, NetNode>of(NODE, layer), edges, outs);
    }

    static TensorType real(int... dims) {
        return TensorType.real(dims);
    }

    static TensorType indices(int range, int... dims) {
        List<Dim> d = new ArrayList<>();
        for (int x : dims) {
            d.add(Dim.of(x));
        }
        return new TensorType(ElementKind.index(range), d);
    }

    /** A batch for each input type: reals uniform in [0.05, 0.95), indices uniform in their range (as int64). */
    static NDList batch(NDManager m, List<TensorType> types, int batch) {
        NDList list = new NDList();
        for (TensorType t : types) {
            long[] dims = new long[t.rank() + 1];
            dims[0] = batch;
            for (int d = 0; d < t.rank(); d++) {
                dims[d + 1] = t.dim(d).size();
            }
            Shape s = new Shape(dims);
            if (t.kind() instanceof ElementKind.Index idx) {
                list.add(m.randomInteger(0, idx.size(), s, DataType.INT64));
            } else {
                list.add(m.randomUniform(0.05f, 0.95f, s));
            }
        }
        return list;
    }

    /** The per-example shape with the batch axis in front. */
    static Shape batched(int batch, TensorType t) {
        long[] dims = new long[t.rank() + 1];
        dims[0] = batch;
        for (int d = 0; d < t.rank(); d++) {
            dims[d + 1] = t.dim(d).size();
        }
        return new Shape(dims);
    }

    static float[] floats(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
