package org.netstudio.trainer.sweep;

import java.util.Optional;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.sweep.ConfiguredTrial;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.trainer.data.LoadedData;

/** What a sweep view sweeps, from the trainer panel it belongs to; read on the UI thread. */
public interface SweepSource {

    /** Why nothing can be swept now (no net, no data, a wrong option), or empty. */
    Optional<String> problem();

    /** The net in front. */
    NetDocument net();

    /** The data chosen. */
    LoadedData data();

    /** Which columns feed which ports. */
    DataMapping mapping();

    /** The panel's options, with its validation share; every trial starts from them. */
    TrainingOptions options();

    /**
     * Records a trial's training as a run, where the panel records its runs; called on the trial's
     * thread before it trains. Does nothing by default.
     *
     * @param trial the trial, configured
     * @param training its training, not started
     */
    default void record(ConfiguredTrial trial, PreparedTraining training) {
    }

    /** Puts a trained net (its layer values and weights) into the net in front, undoably. */
    void useTrained(TrainedNet trained);
}
