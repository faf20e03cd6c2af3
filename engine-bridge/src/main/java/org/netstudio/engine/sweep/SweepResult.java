package org.netstudio.engine.sweep;

import java.util.List;
import java.util.Optional;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.netgraph.net.NetDocument;

/**
 * What a sweep found.
 *
 * @param sweepId the sweep's id
 * @param space what it varied
 * @param trials one row per trial that ran or failed, by trial number
 * @param best the best trial with its net and trained weights, when any trial completed an epoch
 * @param stopped whether the sweep was stopped before its budget was spent
 */
public record SweepResult(String sweepId, SearchSpace space, List<TrialResult> trials, Optional<Best> best,
                          boolean stopped) {

    /** Copies the list. */
    public SweepResult {
        trials = List.copyOf(trials);
    }

    /**
     * The best trial.
     *
     * @param result its row
     * @param document its net, with the trial's layer parameters
     * @param trained the net trained, with the best epoch's weights
     */
    public record Best(TrialResult result, NetDocument document, TrainedNet trained) {
    }
}
