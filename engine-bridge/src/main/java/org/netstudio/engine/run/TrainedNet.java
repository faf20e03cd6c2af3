package org.netstudio.engine.run;

import java.util.Objects;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetNode;

/**
 * What {@link NetTrain} returns: the net as designed (a final Softmax still in place, so it
 * outputs probabilities), its trained weights, and how training went. Self-contained: it holds no
 * native memory and may cross threads. Immutable.
 *
 * @param net     the net that was trained, unchanged
 * @param weights the returned weights (the best epoch's, see {@link TrainingResult}); empty when
 *                training failed before the net was initialised
 * @param result  the loss and metric history, best epoch, stop reason and timings
 */
public record TrainedNet(NetNode net, Weights weights, TrainingResult result) {

    public TrainedNet {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(result, "result");
    }

    /**
     * A runner for the trained net on the CPU.
     *
     * @return the runner; close it when done
     * @throws IllegalArgumentException when weights are missing (training failed before the net
     *                                  was initialised)
     */
    public NetRunner runner() {
        return NetRunner.load(net, weights);
    }
}
