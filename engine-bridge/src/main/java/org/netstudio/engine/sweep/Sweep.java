package org.netstudio.engine.sweep;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.EpochMetrics;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Trains a net once per trial of a search space and keeps the best (see {@link
 * TrialResult#betterThan}). Every trial starts from the net's seeded initial values with the same
 * seed, data and validation split, so trials differ only in what the space varies. Trials run one
 * after another, or {@code parallel} at once on threads of their own; a {@link MedianStoppingRule}
 * stops bad ones early. Build with {@link #on}; {@link #run()} once, {@link #stop()} from any thread.
 */
public final class Sweep {

    /** The trial budget when none is given. */
    public static final int DEFAULT_TRIALS = 20;
    /** Trials at once when not said: one (on 2 cores two at once were only a little faster for the spirals MLP; see the user guide). */
    public static final int DEFAULT_PARALLEL = 1;

    private final Builder setup;
    private final List<Trial> trials;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final List<SweepListener> listeners;
    private final Set<PreparedTraining> running = ConcurrentHashMap.newKeySet();
    private SweepResult.Best best;

    private Sweep(Builder setup) {
        this.setup = setup;
        this.trials = TrialPlanner.plan(setup.id, setup.space, setup.sampling, setup.trials, setup.seed);
        this.listeners = List.copyOf(setup.listeners);
    }

    /**
     * Starts describing a sweep.
     *
     * @param net the net, valid; every trial changes a copy of it
     * @param data the training data
     * @param validation validation data with the same columns, or null to split off the options' share
     * @param mapping which columns feed which ports
     * @param options the options every trial starts from
     * @return a builder
     */
    public static Builder on(NetDocument net, ExampleTable data, ExampleTable validation, DataMapping mapping,
                             TrainingOptions options) {
        return new Builder(net, data, validation, mapping, options);
    }

    /** An id for a sweep started now: its UTC time, "20261206-200512". */
    public static String newId() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    /** The sweep's id. */
    public String id() {
        return setup.id;
    }

    /** The planned trials, in order. */
    public List<Trial> trials() {
        return trials;
    }

    /** Asks the sweep to stop: running trials stop before their next batch, no new one starts. */
    public void stop() {
        stopRequested.set(true);
        running.forEach(PreparedTraining::stop);
    }

    /**
     * Runs the trials on the calling thread (and {@code parallel - 1} more) and waits for them.
     *
     * @return the table and the best trial
     * @throws IllegalStateException when this sweep already ran
     */
    public SweepResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("This sweep already ran; build a new one");
        }
        List<TrialResult> rows = Collections.synchronizedList(new ArrayList<>());
        if (setup.parallel == 1) {
            for (Trial t : trials) {
                runTrial(t, rows);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(setup.parallel, r -> {
                Thread thread = new Thread(r, "netstudio-sweep-trial");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (Trial t : trials) {
                    futures.add(pool.submit(() -> runTrial(t, rows)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("A sweep trial failed unexpectedly: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        List<TrialResult> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparingInt(r -> r.trial().number()));
        return new SweepResult(setup.id, setup.space, ordered, java.util.Optional.ofNullable(bestSoFar()),
                stopRequested.get());
    }

    private synchronized SweepResult.Best bestSoFar() {
        return best;
    }

    private void runTrial(Trial trial, List<TrialResult> rows) {
        if (stopRequested.get()) {
            return;
        }
        long start = System.nanoTime();
        ConfiguredTrial configured;
        PreparedTraining training;
        try {
            configured = ConfiguredTrial.of(trial, setup.space, setup.net, setup.options, setup.data.name());
            training = NetTrain.prepare(configured.document().net(), null, setup.data, setup.validation,
                    setup.mapping, configured.options());
        } catch (RuntimeException e) {
            finish(rows, new TrialResult(trial, TrialStatus.FAILED, Double.NaN, OptionalDouble.empty(), 0,
                    seconds(start), e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        }
        AtomicBoolean pruned = new AtomicBoolean();
        double[] bestLoss = {Double.POSITIVE_INFINITY};
        int maxEpochs = configured.options().maxEpochs();
        training.addListener(event -> {
            if (event instanceof TrainingEvent.EpochEnded ended) {
                EpochMetrics m = ended.metrics();
                bestLoss[0] = Math.min(bestLoss[0], m.referenceLoss());
                listeners.forEach(l -> l.trialEpoch(trial, m));
                if (setup.rule != null && m.epoch() < maxEpochs && setup.rule.report(trial.number(), m.epoch(), bestLoss[0])) {
                    pruned.set(true);
                    training.stop();
                }
            }
        });
        listeners.forEach(l -> l.trialStarted(configured, training));
        running.add(training);
        if (stopRequested.get()) {
            training.stop();
        }
        TrainedNet trained;
        try {
            trained = training.run();
        } catch (RuntimeException e) {
            finish(rows, new TrialResult(trial, TrialStatus.FAILED, Double.NaN, OptionalDouble.empty(), 0,
                    seconds(start), e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        } finally {
            running.remove(training);
        }
        TrainingResult r = trained.result();
        TrialStatus status = r.failed() ? TrialStatus.FAILED : pruned.get() ? TrialStatus.PRUNED
                : r.stopReason() == StopReason.STOPPED ? TrialStatus.STOPPED : TrialStatus.COMPLETED;
        double loss = r.finalMetrics().map(EpochMetrics::referenceLoss).orElse(Double.NaN);
        OptionalDouble accuracy = r.finalMetrics().map(m -> m.validation().map(Metrics::accuracy)
                .orElse(m.training().accuracy())).orElse(OptionalDouble.empty());
        TrialResult row = new TrialResult(trial, status, loss, accuracy, r.epochsCompleted(), seconds(start), r.message());
        synchronized (this) {
            if (!trained.weights().isEmpty() && row.betterThan(best == null ? null : best.result())) {
                best = new SweepResult.Best(row, configured.document(), trained);
            }
        }
        finish(rows, row);
    }

    private void finish(List<TrialResult> rows, TrialResult row) {
        rows.add(row);
        listeners.forEach(l -> l.trialEnded(row));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Describes a sweep; not thread-safe. */
    public static final class Builder {
        private final NetDocument net;
        private final ExampleTable data;
        private final ExampleTable validation;
        private final DataMapping mapping;
        private final TrainingOptions options;
        private SearchSpace space;
        private Sampling sampling = Sampling.RANDOM;
        private int trials = DEFAULT_TRIALS;
        private int parallel = DEFAULT_PARALLEL;
        private long seed;
        private MedianStoppingRule rule = MedianStoppingRule.standard();
        private String id;
        private final List<SweepListener> listeners = new ArrayList<>();

        private Builder(NetDocument net, ExampleTable data, ExampleTable validation, DataMapping mapping,
                        TrainingOptions options) {
            this.net = Objects.requireNonNull(net, "net");
            this.data = Objects.requireNonNull(data, "data");
            this.validation = validation;
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            this.options = Objects.requireNonNull(options, "options");
            this.seed = options.seed();
        }

        /** What to vary (required). */
        public Builder space(SearchSpace value) {
            this.space = Objects.requireNonNull(value, "space");
            return this;
        }

        /** Grid or random (default random). */
        public Builder sampling(Sampling value) {
            this.sampling = Objects.requireNonNull(value, "sampling");
            return this;
        }

        /** The trial budget (default {@value Sweep#DEFAULT_TRIALS}). */
        public Builder trials(int value) {
            this.trials = value;
            return this;
        }

        /** Trials at once (default {@value Sweep#DEFAULT_PARALLEL}). */
        public Builder parallel(int value) {
            this.parallel = value;
            return this;
        }

        /** The seed of random sampling (default the options' seed). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Early stopping of bad trials, or null for none (default {@link MedianStoppingRule#standard()}). */
        public Builder stoppingRule(MedianStoppingRule value) {
            this.rule = value;
            return this;
        }

        /** The sweep's id (default {@link Sweep#newId()}). */
        public Builder id(String value) {
            this.id = value;
            return this;
        }

        /** Adds a listener. */
        public Builder listener(SweepListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * Checks the description and plans the trials.
         *
         * @return the sweep, not started
         * @throws IllegalArgumentException naming the first wrong value
         */
        public Sweep build() {
            if (space == null) {
                throw new IllegalArgumentException("A sweep needs a search space");
            }
            if (trials < 1) {
                throw new IllegalArgumentException("A sweep needs at least 1 trial, but the budget was " + trials);
            }
            if (parallel < 1) {
                throw new IllegalArgumentException("A sweep runs at least 1 trial at once, but parallel was " + parallel);
            }
            if (id == null || id.isBlank()) {
                id = newId();
            }
            return new Sweep(this);
        }
    }
}
