package org.netstudio.trainer.run;

import java.util.concurrent.Executor;
import org.netstudio.trainer.boundary.PlaneBounds;
import org.netstudio.trainer.data.LoadedData;

/**
 * What a training of the panel runs in, whichever engine trains: the examples it learns from and
 * those it holds back, the plane of planar data, the inbox its news goes to and the worker that
 * draws and evaluates.
 *
 * @param held what it trains on and what it holds back (and is evaluated on)
 * @param bounds where planar data lies, for the decision boundary; null for other data
 * @param inbox where news goes
 * @param worker runs the boundary pictures and the final evaluation
 */
record SessionSetting(HeldBack held, PlaneBounds bounds, TrainerInbox<TrainerNews> inbox, Executor worker) {

    static SessionSetting of(LoadedData data, double validationFraction, long seed, TrainerInbox<TrainerNews> inbox,
            Executor worker) {
        return new SessionSetting(HeldBack.of(data, validationFraction, seed),
                data.isPlanar() ? PlaneBounds.around(data.dataset().get()) : null, inbox, worker);
    }

    /** The examples trained on, per epoch. */
    int trainingSize() {
        return held.training().size();
    }
}
