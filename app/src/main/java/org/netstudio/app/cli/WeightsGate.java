package org.netstudio.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetCompiler;
import org.netstudio.engine.weights.NetWeights;
import org.netstudio.netgraph.io.NonFiniteValues;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What eval, predict and export check before they run a net's weights (a picocli mixin, with its
 * {@value #ALLOW_OPTION} option): that they fit the net (names, shapes, real numbers), else the
 * file is refused ({@link ExitCodes#UNREADABLE}); and that every value is finite, else the command
 * stops ({@link ExitCodes#INVALID}) unless the person passed {@value #ALLOW_OPTION}, when it warns
 * and goes on. One line either way.
 */
final class WeightsGate {

    /** The option that runs a net whose weights are not finite anyway (to look at what it does). */
    static final String ALLOW_OPTION = "--allow-non-finite";

    @Option(names = ALLOW_OPTION,
            description = "Run the net even when its weights hold NaN or infinite values (its outputs will not be numbers).")
    private boolean allowNonFinite;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /**
     * Checks the weights; a warning goes to standard error as one line.
     *
     * @param source  the NET argument, named in the messages
     * @param net     the net, valid
     * @param weights its weights
     * @throws CommandFailure when the weights do not fit the net, or hold values that are not
     *     finite and {@value #ALLOW_OPTION} was not given
     */
    void check(String source, NetNode net, Weights weights) {
        Optional<String> misfit = misfit(net, weights);
        if (misfit.isPresent()) {
            throw CommandFailure.unreadable(source + ": its weights do not fit its net: " + misfit.get());
        }
        Optional<String> nonFinite = NonFiniteValues.describe(weights);
        if (nonFinite.isEmpty()) {
            return;
        }
        if (!allowNonFinite) {
            throw CommandFailure.invalid(source + ": " + nonFinite.get() + " (training diverged?); retrain it, or pass "
                    + ALLOW_OPTION + " to run it anyway");
        }
        PrintWriter err = command.commandLine().getErr();
        err.println(command.qualifiedName() + ": warning: " + source + ": " + nonFinite.get()
                + "; its outputs will not be numbers");
        err.flush();
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
