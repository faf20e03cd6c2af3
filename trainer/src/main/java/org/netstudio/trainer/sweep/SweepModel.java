package org.netstudio.trainer.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.sweep.MedianStoppingRule;
import org.netstudio.engine.sweep.SearchSpace;
import org.netstudio.engine.sweep.Sampling;
import org.netstudio.engine.sweep.Sweep;
import org.netstudio.engine.sweep.SweepListener;
import org.netstudio.engine.sweep.SweepResult;
import org.netstudio.engine.sweep.TrialResult;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.trainer.data.LoadedData;

/**
 * The state of a sweep view: what to vary, the budget, the running sweep and its rows, the best
 * trial. A sweep runs on a thread of its own; its rows arrive on the UI thread. Use on the UI thread.
 */
public final class SweepModel {

    /**
     * The sweep as the form sets it up.
     *
     * @param varied   what to vary, one row per name
     * @param trials   the trial budget
     * @param sampling grid or random
     * @param parallel trials at once
     * @param pruning  whether bad trials stop early by the {@link MedianStoppingRule} (as without {@code --no-pruning})
     */
    public record Settings(ObservableList<VariedRow> varied, IntegerProperty trials, ObjectProperty<Sampling> sampling,
                           IntegerProperty parallel, BooleanProperty pruning) {

        Settings() {
            this(FXCollections.observableArrayList(new VariedRow("learningRate", "1e-4..1e-1", true)),
                    new SimpleIntegerProperty(Sweep.DEFAULT_TRIALS), new SimpleObjectProperty<>(Sampling.RANDOM),
                    new SimpleIntegerProperty(Sweep.DEFAULT_PARALLEL), new SimpleBooleanProperty(true));
        }
    }

    private final SweepSource source;
    private final Executor ui;
    private final Settings settings = new Settings();
    private final ObservableList<TrialResult> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<List<String>> names = new ReadOnlyObjectWrapper<>(List.of());
    private int planned;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SweepResult.Best> best = new ReadOnlyObjectWrapper<>();
    private Sweep sweep;
    private NetDocument sweptFrom;

    /**
     * A model.
     *
     * @param source what to sweep
     * @param ui runs a task on the UI thread (the view passes {@code Platform::runLater})
     */
    public SweepModel(SweepSource source, Executor ui) {
        this.source = Objects.requireNonNull(source, "source");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** What to vary and how: the form's settings for the next sweep. */
    public Settings settings() {
        return settings;
    }

    /** The finished trials of the current (or last) sweep, in the order they ended. */
    public ObservableList<TrialResult> rows() {
        return rows;
    }

    /** The varied names of the current (or last) sweep, the table's columns. */
    public ReadOnlyObjectProperty<List<String>> namesProperty() {
        return names.getReadOnlyProperty();
    }

    /** How many trials the current (or last) sweep planned. */
    public int planned() {
        return planned;
    }

    /** Whether a sweep runs. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What the view says: a wrong row, the sweep's outcome. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The best trial with its net and weights, once the sweep ended. */
    public ReadOnlyObjectProperty<SweepResult.Best> bestProperty() {
        return best.getReadOnlyProperty();
    }

    /** The best row so far (live, while the sweep runs), if any. */
    public Optional<TrialResult> bestRow() {
        TrialResult b = null;
        for (TrialResult r : rows) {
            if (r.betterThan(b)) {
                b = r;
            }
        }
        return Optional.ofNullable(b);
    }

    /** What the net in front lets a person vary: the options and its numeric layer parameters. */
    public List<String> variableNames() {
        NetDocument net = source.net();
        return net == null ? List.of() : SearchSpace.variableNames(net.net());
    }

    /** The rows as {@code --vary} texts. */
    public List<String> specs() {
        List<String> specs = new ArrayList<>();
        for (VariedRow r : settings.varied()) {
            if (!r.nameProperty().get().isBlank() || !r.valuesProperty().get().isBlank()) {
                specs.add(r.spec());
            }
        }
        return specs;
    }

    /** Starts a sweep; says in {@link #messageProperty()} why not when it cannot. */
    public void start() {
        if (running.get()) {
            return;
        }
        Optional<String> problem = source.problem();
        if (problem.isPresent()) {
            message.set(problem.get());
            return;
        }
        LoadedData data = source.data();
        NetDocument doc;
        Sweep s;
        try {
            doc = source.net().withNet(data.trainee(source.net().net()));
            SearchSpace space = SearchSpace.parse(specs(), doc.net());
            ExampleTable validation = data.fixedValidation().orElse(null);
            s = Sweep.on(doc, data.examples(), validation, source.mapping(), source.options()).space(space)
                    .sampling(settings.sampling().get()).trials(settings.trials().get())
                    .parallel(settings.parallel().get())
                    .stoppingRule(settings.pruning().get() ? MedianStoppingRule.standard() : null)
                    .listener(new SweepListener() {
                        @Override
                        public void trialStarted(org.netstudio.engine.sweep.ConfiguredTrial trial,
                                                 org.netstudio.engine.run.PreparedTraining training) {
                            source.record(trial, training);
                        }

                        @Override
                        public void trialEnded(TrialResult result) {
                            ui.execute(() -> rows.add(result));
                        }
                    }).build();
            names.set(space.names());
        } catch (RuntimeException e) {
            message.set(e.getMessage());
            return;
        }
        sweep = s;
        sweptFrom = source.net();
        rows.clear();
        best.set(null);
        planned = s.trials().size();
        message.set("Sweep " + s.id() + ": " + s.trials().size() + " trials.");
        running.set(true);
        Thread thread = new Thread(() -> {
            SweepResult result;
            try {
                result = s.run();
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    message.set("The sweep failed: " + e.getMessage());
                    running.set(false);
                });
                return;
            }
            ui.execute(() -> finished(result));
        }, "netstudio-sweep");
        thread.setDaemon(true);
        thread.start();
    }

    private void finished(SweepResult result) {
        best.set(result.best().orElse(null));
        running.set(false);
        message.set(result.best().map(b -> (result.stopped() ? "Stopped. " : "") + "Best: trial "
                + b.result().trial().number() + ", " + b.result().trial().describe() + ".")
                .orElse("No trial completed an epoch."));
    }

    /** Stops the running sweep; the best trial so far is kept. */
    public void stop() {
        if (sweep != null && running.get()) {
            sweep.stop();
        }
    }

    /** Puts the best trial's layer values and weights into the net in front, undoably. */
    public void useBest() {
        SweepResult.Best b = best.get();
        if (b == null) {
            return;
        }
        if (source.net() == null || sweptFrom == null || !source.net().net().equals(sweptFrom.net())) {
            message.set("The net changed since the sweep; sweep again to get a trial that fits it.");
            return;
        }
        source.useTrained(b.trained());
        message.set("The best trial's values and weights were put into the net.");
    }
}
