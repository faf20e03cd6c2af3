package org.netstudio.trainer.run;

import java.util.concurrent.CompletableFuture;
import org.netstudio.engine.run.TrainedNet;

/** One training the panel started, whichever engine runs it; its news goes to the panel's inbox. */
public sealed interface TrainingSession permits PanelTraining, TorchrunTraining {

    /** Asks training to stop; the best net so far comes back as usual. */
    void stop();

    /**
     * For a program that ends: stops training without evaluating the result.
     *
     * @return completes once training has ended and nothing more of it will reach the worker
     */
    CompletableFuture<Void> close();

    /** The future trained net. */
    CompletableFuture<TrainedNet> result();

    /** The examples trained on, per epoch. */
    int trainingSize();
}
