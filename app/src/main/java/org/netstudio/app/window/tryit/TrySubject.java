package org.netstudio.app.window.tryit;

import java.nio.file.Path;
import java.util.Optional;

import org.netstudio.app.run.TryableInput;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.summary.NetSummary;

/**
 * The net in front as Try It sees it, taken on the FX thread and handed to the Try It thread.
 *
 * @param title   the net's tab title
 * @param net     the net (an immutable value)
 * @param weights the weights its tab holds, or null: then it runs with seeded initial values
 * @param input   what it can be given
 * @param problem the first error that keeps it from running, if it does not check
 * @param folder  the folder of the net's file, where a tokenizer path in it starts; null for a net not saved
 */
record TrySubject(String title, NetNode net, Weights weights, TryableInput input, Optional<String> problem,
                  Path folder) {

    static TrySubject of(String title, NetNode net, Weights weights, Path file) {
        Weights w = weights == null || weights.isEmpty() ? null : weights;
        NetSummary summary = NetSummary.of(net);
        return new TrySubject(title, net, w, TryableInput.of(net, summary), TryableInput.problem(summary),
                file == null ? null : file.toAbsolutePath().getParent());
    }

    boolean untrained() {
        return weights == null;
    }
}
