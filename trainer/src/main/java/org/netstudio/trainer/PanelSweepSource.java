package org.netstudio.trainer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.runs.RunRecorder;
import org.netstudio.engine.runs.RunSubject;
import org.netstudio.engine.sweep.ConfiguredTrial;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.trainer.data.LoadedData;
import org.netstudio.trainer.sweep.SweepSource;

/** What the trainer panel's sweep view sweeps: the panel's net, data, mapping and options. */
final class PanelSweepSource implements SweepSource {

    private final TrainerPanelModel model;

    PanelSweepSource(TrainerPanelModel model) {
        this.model = model;
    }

    @Override
    public Optional<String> problem() {
        if (model.stateProperty().get() == TrainerState.TRAINING || model.stateProperty().get() == TrainerState.STOPPING) {
            return Optional.of("A training is running; stop it before sweeping.");
        }
        return model.canTrainBinding().get() ? Optional.empty() : Optional.of(model.reasonNotToTrain());
    }

    @Override
    public NetDocument net() {
        return model.netProperty().get();
    }

    @Override
    public LoadedData data() {
        return model.dataProperty().get();
    }

    @Override
    public DataMapping mapping() {
        return model.mappingProperty().get();
    }

    @Override
    public TrainingOptions options() {
        // The form leaves the split to the panel; a sweep splits off the same share with the same seed.
        return model.options().toOptions().toBuilder()
                .validationFraction(model.options().validationFraction().value().orElseThrow()).build();
    }

    @Override
    public void record(ConfiguredTrial trial, PreparedTraining training) {
        model.runStore().ifPresent(store -> {
            try {
                RunRecorder.record(training, store, new RunSubject(trial.document(), null, trial.data(), "",
                        trial.trial().origin(), List.of("sweep " + trial.trial().sweepId())));
            } catch (IOException | RuntimeException e) {
                // The trial still trains; its row is in the sweep's table either way.
            }
        });
    }

    @Override
    public void useTrained(TrainedNet trained) {
        model.useTrained(trained);
    }
}
