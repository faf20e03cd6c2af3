package org.netstudio.engine.compile;

import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.NetNode;

/**
 * Compiles a net of the netgraph model into a DJL block ({@link CompiledNet}) that runs on the
 * PyTorch engine. Any valid net compiles: a bare layer, chains, graphs with several inputs and
 * outputs, sequence operators, containers nested to any depth. A Softmax (over the last axis) or Sigmoid feeding a
 * cross-entropy loss is fused into it as a stable log-softmax or softplus.
 *
 * <p>Stateless and thread-safe; compiling allocates no native memory (arrays are created when the
 * block is initialised).
 */
public final class NetCompiler {

    private NetCompiler() {
    }

    /**
     * Compiles a net with seed 0 for its initial values.
     *
     * @param net the net, not null
     * @return the block, not initialised
     * @throws InvalidNetException when inference finds an error, with the first one's message
     */
    public static CompiledNet compile(NetNode net) {
        return compile(net, 0);
    }

    /**
     * Compiles a net.
     *
     * @param net  the net, not null
     * @param seed decides the initial values: each array draws from its own stream, derived from
     *             the seed and the array's key, so they do not depend on the order of
     *             initialisation, on other layers or on the device
     * @return the block, not initialised
     * @throws InvalidNetException when inference finds an error, with the first one's message
     */
    public static CompiledNet compile(NetNode net, long seed) {
        Objects.requireNonNull(net, "net");
        InferenceResult inference = ShapeInference.infer(net);
        List<Diagnostic> errors = inference.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new InvalidNetException(errors);
        }
        return new CompiledNet(net, inference, NetPlan.of(inference).withFusedLosses(), seed);
    }
}
