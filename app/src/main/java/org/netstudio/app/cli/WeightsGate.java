package org.netstudio.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetCompiler;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.io.NonFiniteValues;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * What eval, predict and export check before they run a net's weights: that they fit the net
 * (names, shapes, real numbers), else the file is refused ({@link ExitCodes#UNREADABLE}); and that
 * every value is finite, else the command stops ({@link ExitCodes#INVALID}) unless the person
 * passed {@value #ALLOW_OPTION}, when it warns and goes on. One line either way.
 */
final class WeightsGate {

    /** The option that runs a net whose weights are not finite anyway (to look at what it does). */
    static final String ALLOW_OPTION = "--allow-non-finite";

    private WeightsGate() {
    }

    /**
     * Checks the weights, printing one line to {@code err} when something is wrong.
     *
     * @param command        the command's name for the message ("netstudio eval")
     * @param source         the NET argument, named in the message
     * @param net            the net, valid
     * @param weights        its weights
     * @param allowNonFinite whether non-finite values only warn
     * @return the exit code to stop with, or empty to go on
     */
    static OptionalInt check(String command, String source, NetNode net, Weights weights, boolean allowNonFinite,
            PrintWriter err) {
        Optional<String> misfit = misfit(net, weights);
        if (misfit.isPresent()) {
            err.println(command + ": " + source + ": its weights do not fit its net: " + misfit.get());
            err.flush();
            return OptionalInt.of(ExitCodes.UNREADABLE);
        }
        Optional<String> nonFinite = NonFiniteValues.describe(weights);
        if (nonFinite.isEmpty()) {
            return OptionalInt.empty();
        }
        if (allowNonFinite) {
            err.println(command + ": warning: " + source + ": " + nonFinite.get() + "; its outputs will not be numbers");
            err.flush();
            return OptionalInt.empty();
        }
        err.println(command + ": " + source + ": " + nonFinite.get() + " (training diverged?); retrain it, or pass "
                + ALLOW_OPTION + " to run it anyway");
        err.flush();
        return OptionalInt.of(ExitCodes.INVALID);
    }

    /** Why the weights do not fit the net, or empty; a net that does not compile is left to the command. */
    private static Optional<String> misfit(NetNode net, Weights weights) {
        CompiledNet compiled;
        try {
            compiled = NetCompiler.compile(net);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        List<String> problems = NetWeights.problems(compiled, weights);
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
