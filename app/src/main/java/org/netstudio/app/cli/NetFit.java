package org.netstudio.app.cli;

import java.util.List;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.summary.NetSummary;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * What train and eval check before any work: that a net is valid, and that a dataset's examples fit
 * its input and its targets fit its output, with a sentence naming both sides when they don't.
 *
 * @param problems the net's diagnostics, empty when valid
 * @param input    the type of the net's (first) input
 * @param output   the type of the net's (first) output
 * @param inputs   how many inputs the net has
 * @param outputs  how many outputs the net has
 */
record NetFit(List<String> problems, TensorType input, TensorType output, int inputs, int outputs) {

    static NetFit of(NetNode net) {
        NetSummary s = NetSummary.of(net);
        List<String> problems = s.diagnostics().stream().map(Diagnostic::message).toList();
        TensorType in = s.inputs().isEmpty() ? TensorType.ANY : s.inputs().get(0).type();
        TensorType out = s.outputs().isEmpty() ? TensorType.ANY : s.outputs().get(0).type();
        return new NetFit(problems, in, out, s.inputs().size(), s.outputs().size());
    }

    /**
     * Stops the command when the net is invalid, listing its problems one per line.
     *
     * @param source the NET argument, named in the message
     * @throws CommandFailure ({@link ExitCodes#INVALID}) when the net has problems
     */
    void requireValid(String source) {
        if (!problems.isEmpty()) {
            throw CommandFailure.invalid(source + " is not a valid net:" + problems.stream()
                    .map(p -> System.lineSeparator() + "  " + p).collect(java.util.stream.Collectors.joining()));
        }
    }

    /**
     * Requires a valid net with one input, for the commands that run a net on one input.
     *
     * @param source the NET argument, named in the message
     * @param command the command's name, as the message says it: {@code predict}
     * @throws CommandFailure ({@link ExitCodes#INVALID}) naming the first problem, or how many inputs the net takes
     */
    void requireOneInput(String source, String command) {
        if (!problems.isEmpty() || inputs != 1) {
            throw CommandFailure.invalid(source + (problems.isEmpty() ? " takes " + inputs + " inputs; " + command
                    + " runs nets with one" : " is not a valid net: " + problems.get(0)));
        }
    }

    /** Why the dataset cannot feed this net, or null when it fits. */
    String mismatch(Dataset data) {
        if (inputs != 1 || outputs != 1) {
            return "the net has " + inputs + " inputs and " + outputs + " outputs; training and evaluating from the"
                    + " command line need one of each";
        }
        String examples = "the examples of '" + data.name() + "' are " + shape(data) + " (" + data.featureLength()
                + " values)";
        if (input.isFullyKnown() && input.elementCount() != data.featureLength()) {
            return examples + ", but the net's input takes " + input.describe() + " (" + input.elementCount()
                    + " values)";
        }
        if (input.rankKnown() && !input.isFullyKnown() && input.rank() != data.featureShape().dimension()) {
            return examples + ", but the net's input takes " + input.describe();
        }
        if (data.targets() instanceof Targets.Classes c) {
            if (output.isFullyKnown() && (output.rank() != 1 || output.elementCount() != c.classCount())) {
                return "'" + data.name() + "' has " + c.classCount() + " classes, but the net outputs "
                        + output.describe() + "; a classifier for it ends in a vector of " + c.classCount()
                        + " (e.g. Linear with units " + c.classCount() + ", then Softmax)";
            }
        } else if (data.targets() instanceof Targets.Values v) {
            if (output.isFullyKnown() && output.elementCount() != v.width()) {
                return "'" + data.name() + "' has " + v.width() + " real-valued target" + (v.width() == 1 ? "" : "s")
                        + " per example, but the net outputs " + output.describe();
            }
        }
        return null;
    }

    private static String shape(Dataset data) {
        long[] dims = data.featureShape().getShape();
        if (dims.length == 1) {
            return "vectors of size " + dims[0];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return sb.toString() + " arrays";
    }
}
