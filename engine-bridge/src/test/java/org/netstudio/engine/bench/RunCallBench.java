package org.netstudio.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The fixed cost of one run call, which previews on every edit and Try It pay: a small MLP (Linear 20→32, GELU,
 * Linear 32→16, LayerNorm, Linear 16→3) on one example, {@link NetRunner#run} against the same net called in
 * PyTorch eager mode from Python, 2 threads each, median of many calls; the net drawn in NetStudio and the same
 * MLP imported from PyTorch's ONNX export. Not a unit test; run with
 * {@code ./bench run-call [calls]} (default 2000).
 */
public final class RunCallBench {

    private RunCallBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = BenchArgs.integer(args, 0, 2000);
        DjlSetup.beforeEngineLoads();
        Chain net = Chain.of(PortDecl.of(TensorType.real(20)), Layer.of("Linear", "units", 32), Layer.of("GELU"),
                Layer.of("Linear", "units", 16), Layer.of("LayerNorm"), Layer.of("Linear", "units", 3));
        double ours;
        try (NetRunner runner = NetRunner.untrained(net, 0)) {
            ours = median(runner, calls);
        }
        // The same MLP as PyTorch exports it (test resource onnx/mlp.onnx, with its Dropout, Tanh and Softmax).
        double imported;
        try (var in = RunCallBench.class.getResourceAsStream("/onnx/mlp.onnx")) {
            OnnxImport mlp = OnnxImporter.read(in.readAllBytes(), "mlp.onnx");
            try (NetRunner runner = NetRunner.load(mlp.document().net(), mlp.weights())) {
                imported = median(runner, calls);
            }
        }
        Process python = new ProcessBuilder(PyTorchPeer.PYTHON.toString(), "src/test/python/run_call.py",
                Integer.toString(calls), "2").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        python.waitFor();
        System.out.printf(Locale.ROOT, "NetStudio NetRunner.run: %.3f ms a call (median of %d, 1 example)%n", ours * 1e3,
                calls);
        System.out.printf(Locale.ROOT, "NetStudio, the MLP imported from PyTorch's ONNX: %.3f ms a call%n", imported * 1e3);
        if (python.exitValue() == 0) {
            double theirs = new ObjectMapper().readTree(out).get("seconds").asDouble();
            System.out.printf(Locale.ROOT, "PyTorch eager (Python): %.3f ms a call; NetStudio's speed against it: %.2f×"
                    + " drawn, %.2f× imported%n", theirs * 1e3, theirs / ours, theirs / imported);
        } else {
            System.out.println("PyTorch side skipped (is python3-torch installed?): " + out);
        }
    }

    private static double median(NetRunner runner, int calls) {
        TensorValue x = TensorValue.of(new float[20], 1, 20);
        for (int i = 0; i < 200; i++) {
            runner.run(List.of(x));
        }
        double[] t = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            runner.run(List.of(x));
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[calls / 2];
    }
}
