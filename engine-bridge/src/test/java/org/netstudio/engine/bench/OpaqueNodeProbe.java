package org.netstudio.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.netstudio.engine.onnx.OnnxNodeSession;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;

/**
 * The cost of one opaque node of the imported MiniLM, called as the engine calls it ({@link
 * OnnxNodeSession#forward}: DJL array → Java array → ONNX Runtime tensor → one-node session → back),
 * beside the copy out of PyTorch alone and the same operation in PyTorch. Shape carries no
 * arithmetic, so its time is the per-call cost of the route; Erf (GELU's) is the costliest elementwise
 * one. Not thread-safe.
 */
final class OpaqueNodeProbe {

    private static final int CALLS = 50;

    private OpaqueNodeProbe() {}

    static void run(NetNode net, int rows) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hidden = manager.randomNormal(new Shape(rows, 384));
            NDArray wide = manager.randomNormal(new Shape(rows, 1536));
            double copy = perCall(() -> hidden.toFloatArray());
            System.out.printf(Locale.ROOT, "copying a %d×384 activation out of PyTorch into a Java array: %.3f ms%n",
                    rows, copy * 1e3);
            opaque(net, "Shape").ifPresent(layer -> {
                try (OnnxNodeSession node = new OnnxNodeSession(layer.params())) {
                    double t = perCall(() -> node.forward(new NDList(hidden), new NDArray[0]).close());
                    NDArray tiny = manager.zeros(new Shape(1, 1));
                    double fixed = perCall(() -> node.forward(new NDList(tiny), new NDArray[0]).close());
                    System.out.printf(Locale.ROOT, "opaque Shape of a %d×384 activation through ONNX Runtime: %.3f ms a"
                            + " call, of a 1×1 array %.3f ms (49 such nodes a run)%n", rows, t * 1e3, fixed * 1e3);
                }
            });
            opaque(net, "Erf").ifPresent(layer -> {
                try (OnnxNodeSession node = new OnnxNodeSession(layer.params())) {
                    double t = perCall(() -> node.forward(new NDList(wide), new NDArray[0]).close());
                    double torch = perCall(() -> wide.erf().close());
                    System.out.printf(Locale.ROOT, "opaque Erf of a %d×1536 activation through ONNX Runtime: %.3f ms a"
                            + " call; PyTorch's erf on it: %.3f ms (6 such nodes a run)%n", rows, t * 1e3, torch * 1e3);
                }
            });
        }
    }

    private static Optional<Layer> opaque(NetNode net, String op) {
        if (net instanceof Layer l) {
            return l.type().equals("OnnxOperator") && op.equals(l.params().getString("op")) ? Optional.of(l) : Optional.empty();
        }
        Iterable<NetNode> children = net instanceof Chain c ? c.nodes() : ((Graph) net).nodes().values();
        for (NetNode child : children) {
            Optional<Layer> found = opaque(child, op);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The median seconds of one call, after a few not counted. */
    private static double perCall(Runnable call) {
        for (int i = 0; i < 5; i++) {
            call.run();
        }
        double[] t = new double[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            call.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[CALLS / 2];
    }
}
