package org.netstudio.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.netstudio.engine.compile.GradientReach;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.data.NetFacts;
import org.netstudio.engine.device.Devices;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.data.TextTables;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.StopReason;
import org.netstudio.engine.train.TrainingEvent;
import org.netstudio.netgraph.io.NonFiniteValues;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.trainer.boundary.BoundaryPicture;
import org.netstudio.trainer.charts.TrainingHistory;
import org.netstudio.trainer.data.CsvTable;
import org.netstudio.trainer.data.DataFit;
import org.netstudio.trainer.data.DataLoader;
import org.netstudio.trainer.data.DataSummary;
import org.netstudio.trainer.data.LoadedData;
import org.netstudio.trainer.options.OptionField;
import org.netstudio.trainer.options.OptionsForm;
import org.netstudio.trainer.results.HistoryCsv;
import org.netstudio.trainer.results.Outcome;
import org.netstudio.trainer.run.TrainerInbox;
import org.netstudio.trainer.run.TrainerNews;
import org.netstudio.trainer.run.PanelTraining;

/**
 * The trainer panel's view-model: which data, which options, the running training and what it
 * produced, as observable properties. It holds no scene-graph types.
 *
 * <p><b>Embedding.</b> The app sets the current net with {@link #netProperty()} and receives
 * trained weights through {@link #setOnUseWeights}: when the person presses "Use these weights"
 * the callback gets the weights of the trained net (for the net the training started from), to
 * put into the document as one undoable command.
 *
 * <p><b>Threads.</b> Properties are read and written on the UI thread. Loading data, training,
 * drawing decision boundaries and evaluating run on background threads and post their news to an
 * inbox; {@link #applyPending()} applies everything that arrived, and the panel calls it once per
 * animation frame, so training never waits for the UI and the UI redraws at most once per frame.
 */
public final class TrainerPanelModel {

    /**
     * The curves of the current (or last) run, drawn as they grow.
     *
     * @param history  the curves
     * @param revision changes (once per frame at most) when the history gained points
     */
    public record Curves(TrainingHistory history, int revision) {

        /** The same curves, after they gained points. */
        Curves grown() {
            return new Curves(history, revision + 1);
        }
    }

    private final TrainerInbox<TrainerNews> inbox = new TrainerInbox<>();
    private final javafx.collections.ObservableList<org.netstudio.engine.run.LearningRateFinder.Point> finderPoints =
            javafx.collections.FXCollections.observableArrayList();
    private final ObjectProperty<org.netstudio.engine.run.LearningRateFinder.Result> finderResult =
            new SimpleObjectProperty<>(this, "finderResult");
    private final javafx.beans.property.BooleanProperty finding =
            new javafx.beans.property.SimpleBooleanProperty(this, "finding");
    private final Executor worker;
    /** The worker this model made itself, which {@link #close()} ends; null for one it was given. */
    private final ExecutorService ownWorker;
    private final DataLoader loader;

    private final ObjectProperty<NetDocument> net = new SimpleObjectProperty<>(this, "net");
    private final ObjectProperty<java.nio.file.Path> netFolder = new SimpleObjectProperty<>(this, "netFolder");
    private final ObjectProperty<Weights> netWeights = new SimpleObjectProperty<>(this, "netWeights");
    private final javafx.beans.property.BooleanProperty startFromNetWeights =
            new javafx.beans.property.SimpleBooleanProperty(this, "startFromNetWeights", true);
    private final ObjectProperty<DataChoice> choice = new SimpleObjectProperty<>(this, "choice");
    private final ReadOnlyObjectWrapper<LoadedData> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyObjectWrapper<DataStatus> dataStatus = new ReadOnlyObjectWrapper<>(this, "dataStatus",
            DataStatus.NONE);
    private final ReadOnlyObjectWrapper<DataFit> fit = new ReadOnlyObjectWrapper<>(this, "fit", DataFit.NONE);
    private final ObjectProperty<DataMapping> mapping = new SimpleObjectProperty<>(this, "mapping",
            DataMapping.AUTOMATIC);
    private final javafx.beans.property.ReadOnlyListWrapper<String> fileColumns =
            new javafx.beans.property.ReadOnlyListWrapper<>(this, "fileColumns",
                    javafx.collections.FXCollections.observableArrayList());
    private final ObjectProperty<String> textColumn = new SimpleObjectProperty<>(this, "textColumn");
    private final OptionField<Integer> window = new OptionField<>("Window", Integer.toString(TextTables.DEFAULT_WINDOW),
            OptionField.integer("The window length", 1, 100_000));
    private final OptionsForm options = new OptionsForm();
    private final org.netstudio.trainer.launch.TargetForm target = new org.netstudio.trainer.launch.TargetForm();

    private final ReadOnlyObjectWrapper<TrainerState> state = new ReadOnlyObjectWrapper<>(this, "state",
            TrainerState.IDLE);
    private final ReadOnlyObjectWrapper<TrainingProgress> progress = new ReadOnlyObjectWrapper<>(this, "progress",
            TrainingProgress.NONE);
    private final ReadOnlyObjectWrapper<TrainerMessage> message = new ReadOnlyObjectWrapper<>(this, "message",
            TrainerMessage.NONE);
    private final ReadOnlyObjectWrapper<FailedNode> failedNode = new ReadOnlyObjectWrapper<>(this, "failedNode");
    private final ReadOnlyObjectWrapper<TrainingEvent.Health> health = new ReadOnlyObjectWrapper<>(this, "health");
    private final javafx.collections.ObservableList<TrainingEvent.Health> healthHistory =
            javafx.collections.FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Curves> curves = new ReadOnlyObjectWrapper<>(this, "curves",
            new Curves(new TrainingHistory(), 0));
    private final ReadOnlyObjectWrapper<BoundaryPicture> boundary = new ReadOnlyObjectWrapper<>(this, "boundary");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final BooleanBinding canTrain;

    private org.netstudio.trainer.run.TrainingSession session;
    /** Where the PyTorch target writes its projects, one folder per training; null: the temporary folder. */
    private Path projectsFolder;
    /** Whether the search for a Python with PyTorch ran (it runs once, when the PyTorch target is first chosen). */
    private boolean pythonSearched;
    private org.netstudio.engine.runs.RunStore runStore;
    /** The run the next {@link #train()} continues, or null for a new run. */
    private String resumeRun;
    private NetDocument trainedFrom;
    private long startNanos;
    private long totalExamples;
    private Consumer<TrainedNet> onUseWeights = w -> { };
    /** What the loaded (or loading) data was fitted to: the data follows the net where the source says so. */
    private NetFacts dataFacts = NetFacts.UNKNOWN;
    /** The text encoder the loaded (or loading) data was read for, or null: text is read again when it changes. */
    private Object dataCoder;
    /** Counts loads, so that a load overtaken by a newer one is dropped. */
    private long loads;

    /** A model with its own background thread (ended by {@link #close()}) and the standard dataset locations. */
    public TrainerPanelModel() {
        this(newWorker(), new DataLoader(), true);
    }

    /**
     * A model with a given background executor and data loader (tests).
     *
     * @param worker runs data loading, boundary pictures and evaluation, one job at a time
     * @param loader loads data
     */
    public TrainerPanelModel(Executor worker, DataLoader loader) {
        this(worker, loader, false);
    }

    private TrainerPanelModel(Executor worker, DataLoader loader, boolean ownsWorker) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.ownWorker = ownsWorker ? (ExecutorService) worker : null;
        this.loader = Objects.requireNonNull(loader, "loader");
        canTrain = Bindings.createBooleanBinding(this::readyToTrain, state, options.valid(), target.valid(), data,
                dataStatus, fit, net);
        choice.addListener((o, was, now) -> {
            // Another file or set has other columns: the mapping starts again from names and defaults.
            mapping.set(DataMapping.AUTOMATIC);
            if (was == null || now == null || !java.util.Objects.equals(was.path(), now.path())) {
                fileColumns.clear();
                textColumn.set(null);
            }
            reload();
        });
        textColumn.addListener((o, was, now) -> {
            DataChoice c = choice.get();
            if (c != null && c.source() == DatasetSource.CSV && c.path() != null && readsText()) {
                reload();
            }
        });
        net.addListener((o, was, now) -> netChanged());
        target.targetProperty().addListener((o, was, now) -> {
            if (now == org.netstudio.trainer.launch.TrainingTarget.TORCHRUN) {
                findPython();
            }
        });
        mapping.addListener((o, was, now) -> recheckFit());
        // A plain text is cut into windows and held back by share when it loads.
        window.textProperty().addListener((o, was, now) -> reloadText(true));
        options.validationFraction().textProperty().addListener((o, was, now) -> reloadText(false));
        options.seed().textProperty().addListener((o, was, now) -> reloadText(false));
        worker.execute(() -> {
            try {
                inbox.post(new TrainerNews.Devices(Devices.system().list()));
            } catch (RuntimeException | LinkageError e) {
                // No engine: the CPU entry the form starts with stays the only choice.
            }
        });
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netstudio-trainer-worker");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- embedding ----

    /**
     * The net to train: the app keeps it current. A change checks the data against it again, and
     * reloads data that follows the net (spiral arms, linear inputs, image size) when that changed.
     */
    public ObjectProperty<NetDocument> netProperty() {
        return net;
    }

    /**
     * The folder of the net's file, or null for a net not saved: a tokenizer path in the net's
     * Subwords encoder starts there, as it does for the command line. The app keeps it current.
     */
    public ObjectProperty<java.nio.file.Path> netFolderProperty() {
        return netFolder;
    }

    /**
     * The weights the net holds (pretrained, imported or trained before), or null: what training
     * starts from while {@link #startFromNetWeightsProperty()} is set. The app keeps it current.
     */
    public ObjectProperty<Weights> netWeightsProperty() {
        return netWeights;
    }

    /**
     * Whether training starts from the net's weights (fine-tuning; the default) rather than from
     * seeded initial values. Has no effect while the net has no weights.
     */
    public javafx.beans.property.BooleanProperty startFromNetWeightsProperty() {
        return startFromNetWeights;
    }

    /** The weights the next training starts from, or null for initial values. */
    public Weights startingWeights() {
        Weights w = netWeights.get();
        return startFromNetWeights.get() && w != null && !w.isEmpty() ? w : null;
    }

    /**
     * Sets who receives the trained weights when the person presses "Use these weights".
     *
     * @param receiver gets the weights of the net training started from, on the UI thread
     */
    public void setOnUseWeights(Consumer<Weights> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        this.onUseWeights = trained -> receiver.accept(trained.weights());
    }

    /**
     * Sets who receives the trained net when the person presses "Use these weights": its weights,
     * and the net as trained, which differs from the one training started from where the data
     * filled something in (a text encoder's alphabet or vocabulary, built from the text).
     *
     * @param receiver gets the trained net, on the UI thread
     */
    public void setOnUseTrained(Consumer<TrainedNet> receiver) {
        this.onUseWeights = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * Hands a net trained elsewhere (a sweep's best trial: its layer values and weights) to whoever
     * receives "Use these weights", as one undoable change of the net in front.
     *
     * @param trained the net and its weights
     */
    public void useTrained(TrainedNet trained) {
        if (!trained.weights().isEmpty()) {
            onUseWeights.accept(trained);
        }
    }

    /**
     * Hands the trained weights to the app; does nothing before a result exists, and refuses with
     * a message when the net was edited since training started (the weights fit the net as it was).
     */
    public void useWeights() {
        Outcome o = outcome.get();
        NetDocument current = net.get();
        if (o != null && (current == null || trainedFrom == null || !current.net().equals(trainedFrom.net()))) {
            sayProblem("The net changed since it was trained; train again to get weights that fit it.");
            return;
        }
        Optional<String> nonFinite = o == null ? Optional.empty() : NonFiniteValues.describe(o.trained().weights());
        if (nonFinite.isPresent()) {
            sayProblem("The trained weights were not put into the net: " + nonFinite.get() + ".");
            return;
        }
        if (o != null && !o.trained().weights().isEmpty()) {
            onUseWeights.accept(o.trained());
            say(session instanceof org.netstudio.trainer.run.TorchrunTraining
                    ? "PyTorch's best weights (epoch " + o.trained().result().bestEpoch()
                            + ") were put into the net; Undo takes them out."
                    : "The trained weights were put into the net.", MessageTone.DONE);
        }
    }

    // ---- data ----

    /** What data is chosen; setting it loads the data in the background. */
    public ObjectProperty<DataChoice> choiceProperty() {
        return choice;
    }

    /** Chooses a source that needs no file (or keeps the current file for the same source). */
    public void choose(DatasetSource source) {
        DataChoice now = choice.get();
        if (now != null && now.source() == source) {
            return;
        }
        choice.set(DataChoice.of(source));
    }

    /** The loaded data, or null while none is. */
    public ReadOnlyObjectProperty<LoadedData> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /** A line about the data, whether it is loading, and its download. */
    public ReadOnlyObjectProperty<DataStatus> dataStatusProperty() {
        return dataStatus.getReadOnlyProperty();
    }

    /** Downloads the chosen IDX set, then loads it. */
    public void download() {
        DataChoice c = choice.get();
        if (c == null || c.source().kind() != DatasetSource.Kind.IDX || dataStatus.get().loading()) {
            return;
        }
        dataStatus.set(new DataStatus("Downloading " + c.source().label() + "…", true,
                dataStatus.get().download().started()));
        long request = ++loads;
        worker.execute(() -> {
            try {
                loader.download(c.source(), (file, done, total) -> inbox.post(new TrainerNews.Download(
                        total > 0 ? (double) done / total : -1, file.fileName())));
                load(request, c, dataFacts, netNow(), null);
            } catch (IOException | RuntimeException e) {
                inbox.post(new TrainerNews.Problem("The download failed: " + e.getMessage()));
            }
        });
    }

    private void reload() {
        DataChoice c = choice.get();
        loads++;
        data.set(null);
        fit.set(DataFit.NONE);
        if (c == null) {
            return;
        }
        if (c.source().needsPath() && c.path() == null) {
            DataStatus now = dataStatus.get();
            dataStatus.set(new DataStatus(switch (c.source().kind()) {
                case CSV -> "Choose a CSV file.";
                case TEXT_FILE -> "Choose a text file.";
                default -> "Choose a folder.";
            }, now.loading(), now.download().found()));
            return;
        }
        TextDatasets.Options text = textOptions();
        if (text == null) {
            dataStatus.set(dataStatus.get().saying("Set a valid window length and validation share to read the text."));
            return;
        }
        dataStatus.set(new DataStatus("Loading " + c.source().label().replace("…", "") + "…", true,
                dataStatus.get().download()));
        NetNode current = net.get() == null ? null : net.get().net();
        NetFacts facts = c.source().followsTheNet() ? NetFacts.of(current) : NetFacts.UNKNOWN;
        dataFacts = facts;
        dataCoder = textCoder(current);
        long request = loads;
        worker.execute(() -> {
            if (!loader.isAvailable(c.source())) {
                inbox.post(new TrainerNews.Missing(c.source()));
                return;
            }
            load(request, c, facts, current, text);
        });
    }

    /** Reads a plain text again when how it is cut changed (a window, or the validation share and seed). */
    private void reloadText(boolean windowChanged) {
        DataChoice c = choice.get();
        if (c == null || c.path() == null && !c.source().isTexts() || data.get() == null && !dataStatus.get().loading()
                || textCoder(netNow()) == null) {
            return;
        }
        boolean plain = c.source() == DatasetSource.TEXT_FILE;
        // Labelled texts (a file, or a built-in set of sentences) build their encoder from the texts training
        // keeps, so they follow the split too.
        if (windowChanged ? plain : plain || c.source() == DatasetSource.CSV || c.source() == DatasetSource.IMAGE_FOLDER
                || c.source().isTexts()) {
            reload();
        }
    }

    /** How text is read now, or null while a field it needs is invalid. */
    private TextDatasets.Options textOptions() {
        Optional<Integer> w = window.value();
        Optional<Double> v = options.validationFraction().value();
        Optional<Integer> seed = options.seed().value();
        if (w.isEmpty() || v.isEmpty() || seed.isEmpty()) {
            return textCoder(netNow()) == null ? TextDatasets.Options.defaults(null, 0, 0) : null;
        }
        return new TextDatasets.Options(null, textColumn.get(), w.get(), w.get(), v.get(), seed.get(), netFolder.get());
    }

    private NetNode netNow() {
        return net.get() == null ? null : net.get().net();
    }

    /** The encoder declared at the net's text input, or null when it reads no text. */
    private static Object textCoder(NetNode net) {
        if (net == null) {
            return null;
        }
        return TextDatasets.textInput(net).map(port -> (Object) PortDecls.inputs(net).get(port).coder()).orElse(null);
    }

    /** On the worker: loads and checks the data against the current net. */
    private void load(long request, DataChoice c, NetFacts facts, NetNode forNet, TextDatasets.Options text) {
        if (c.source() == DatasetSource.CSV && c.path() != null) {
            // The columns first: a person can then choose the target (or text) column a failed load asks for.
            try {
                inbox.post(new TrainerNews.Columns(request, CsvTable.read(c.path()).columns()));
            } catch (IOException | RuntimeException e) {
                // The load below says what is wrong with the file.
            }
        }
        try {
            LoadedData loaded = loader.load(c, facts, forNet, text);
            Fitting fitting = fit(loaded);
            inbox.post(new TrainerNews.DataReady(request, loaded, fitting.fit(), fitting.mapping()));
        } catch (IOException | RuntimeException e) {
            inbox.post(new TrainerNews.Problem(e.getMessage()));
        }
    }

    /** How the data fits the net, and the mapping it was checked with. */
    private record Fitting(DataFit fit, DataMapping mapping) {
    }

    /** On the worker: binds the data's columns to the net's ports with the chosen mapping, and checks the rest. */
    private Fitting fit(LoadedData loaded) {
        NetDocument doc = net.get();
        DataMapping chosen = mapping.get();
        if (doc == null) {
            return new Fitting(DataFit.NONE, chosen);
        }
        try {
            NetNode trainee = loaded.trainee(doc.net());
            NetTrain.Fit fit = NetTrain.fit(trainee, loaded.examples(), chosen);
            return new Fitting(new DataFit(fit.binding(), fit.problem().orElse("")), chosen);
        } catch (RuntimeException e) {
            return new Fitting(new DataFit(null, e.getMessage() == null ? e.toString() : e.getMessage()), chosen);
        }
    }

    private void netChanged() {
        DataChoice c = choice.get();
        NetNode current = netNow();
        if (c != null && (c.source().followsTheNet() && !NetFacts.of(current).equals(dataFacts)
                || !Objects.equals(textCoder(current), dataCoder))) {
            reload();
        } else {
            recheckFit();
        }
    }

    private void recheckFit() {
        LoadedData loaded = data.get();
        if (loaded != null) {
            worker.execute(() -> {
                Fitting fitting = fit(loaded);
                inbox.post(new TrainerNews.Fit(loaded, fitting.fit()));
            });
        }
    }

    /**
     * Which columns feed which ports and targets, and the loss weights, as the person chose them;
     * ports not named take the column of their name, or the obvious default. Changing it checks
     * the data against the net again.
     */
    public ObjectProperty<DataMapping> mappingProperty() {
        return mapping;
    }

    /** How the data feeds the net now (columns to ports, targets, losses), and why it does not fit. */
    public ReadOnlyObjectProperty<DataFit> fitProperty() {
        return fit.getReadOnlyProperty();
    }

    /** The columns of the chosen CSV file (its header), once read; empty for other sources. */
    public javafx.beans.property.ReadOnlyListProperty<String> fileColumnsProperty() {
        return fileColumns.getReadOnlyProperty();
    }

    /**
     * The column of a CSV file that holds the texts, for a net that reads text; null for the only
     * column besides the target. Changing it reads the file again.
     */
    public ObjectProperty<String> textColumnProperty() {
        return textColumn;
    }

    /** Whether the net in front reads text (an input with a Characters, Tokens or Subwords encoder). */
    public boolean readsText() {
        return textCoder(netNow()) != null;
    }

    /** The characters (or words) per window a plain text is cut into. */
    public OptionField<Integer> window() {
        return window;
    }

    // ---- options and training ----

    /** The training options form. */
    public OptionsForm options() {
        return options;
    }

    /** Where training runs: NetStudio, or PyTorch under torchrun (processes, Python, the cluster command). */
    public org.netstudio.trainer.launch.TargetForm target() {
        return target;
    }

    /** The options as the engine takes them, with the net's own learning-rate multipliers (its frozen layers). */
    private org.netstudio.engine.train.TrainingOptions chosenOptions() {
        return options.toOptions().toBuilder().multipliers(net.get().multipliers()).build();
    }

    /**
     * What a PyTorch project of this net holds besides the net: the options and the loaded data
     * (File › Export › PyTorch Project writes what the PyTorch target trains).
     *
     * @throws IllegalStateException saying what is missing (no data chosen, data that does not fit, an invalid option)
     */
    public org.netstudio.trainer.run.ProjectRecipe projectRecipe() {
        LoadedData loaded = data.get();
        if (net.get() == null) {
            throw new IllegalStateException("Open a net to export.");
        }
        if (loaded == null || dataStatus.get().loading()) {
            throw new IllegalStateException("Choose the data to train on in the trainer panel first: the project holds"
                    + " its examples.");
        }
        if (!fit.get().fits()) {
            throw new IllegalStateException(fit.get().problem());
        }
        if (!options.valid().get()) {
            throw new IllegalStateException(options.firstProblem());
        }
        // train.py holds back the share itself, with NetStudio's split of the same seed.
        org.netstudio.engine.train.TrainingOptions withShare = chosenOptions().toBuilder()
                .validationFraction(options.validationFraction().value().orElseThrow()).build();
        return new org.netstudio.trainer.run.ProjectRecipe(net.get().withNet(loaded.trainee(net.get().net())),
                withShare, org.netstudio.trainer.run.ProjectRecipe.examples(loaded, mapping.get()));
    }

    /** Where the PyTorch target writes its projects (one folder per training); null: the temporary folder. */
    public void setProjectsFolder(Path folder) {
        projectsFolder = folder;
    }

    /** Looks for a Python with PyTorch once, off the UI thread; the form gets it unless the person chose one. */
    private void findPython() {
        if (pythonSearched) {
            return;
        }
        pythonSearched = true;
        Thread t = new Thread(() -> {
            var found = org.netstudio.engine.torchrun.PythonFinder.find();
            inbox.post(new TrainerNews.PythonFound(found.map(org.netstudio.engine.torchrun.PythonFinder.Found::python),
                    found.map(org.netstudio.engine.torchrun.PythonFinder.Found::torchVersion).orElse("")));
        }, "netstudio-python-finder");
        t.setDaemon(true);
        t.start();
    }

    private org.netstudio.engine.torchrun.TorchrunLaunch torchrunLaunch() {
        return org.netstudio.engine.torchrun.TorchrunLaunch.local(target.python().value().orElseThrow(),
                target.processes().value().orElseThrow());
    }

    /** A new folder for the project of one training: the net's name and the time, under the projects folder. */
    private Path newProjectFolder() {
        Path parent = projectsFolder != null ? projectsFolder : Path.of(System.getProperty("java.io.tmpdir"), "netstudio-pytorch");
        String name = net.get().name().replaceAll("[^A-Za-z0-9._-]+", "-") + "-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        return parent.resolve(name);
    }

    /** Whether Train may be pressed. */
    public BooleanBinding canTrainBinding() {
        return canTrain;
    }

    private boolean readyToTrain() {
        // Read every dependency: a lazy property that nobody reads fires no further invalidations.
        state.get();
        data.get();
        dataStatus.get();
        fit.get();
        net.get();
        return options.valid().get() && target.valid().get() && reasonNotToTrain().isEmpty();
    }

    /** Why Train cannot be pressed now, for its tooltip, or empty. */
    public String reasonNotToTrain() {
        if (state.get() == TrainerState.TRAINING || state.get() == TrainerState.STOPPING) {
            return "Training is running.";
        }
        if (net.get() == null) {
            return "Open a net to train.";
        }
        if (dataStatus.get().loading()) {
            return "The data is still loading.";
        }
        if (data.get() == null) {
            return "Choose data to train on.";
        }
        if (!fit.get().fits()) {
            return fit.get().problem();
        }
        String optionsProblem = options.firstProblem();
        return optionsProblem.isEmpty() ? target.firstProblem() : optionsProblem;
    }

    /** The learning-rate finder's points so far, in order of rising rate. */
    public javafx.collections.ObservableList<org.netstudio.engine.run.LearningRateFinder.Point> finderPoints() {
        return finderPoints;
    }

    /** The learning-rate finder's last result, or null. */
    public ReadOnlyObjectProperty<org.netstudio.engine.run.LearningRateFinder.Result> finderResultProperty() {
        return finderResult;
    }

    /** Whether the learning-rate finder is running. */
    public javafx.beans.property.ReadOnlyBooleanProperty findingProperty() {
        return finding;
    }

    /**
     * Runs the learning-rate finder ({@link org.netstudio.engine.run.LearningRateFinder}) on the
     * current net, data and options, on its own thread; the net's weights are not changed. Does
     * nothing while training or finding, or when training could not start.
     */
    public void findLearningRate() {
        if (!canTrain.get() || finding.get()) {
            return;
        }
        LoadedData loaded = data.get();
        NetNode trainee;
        org.netstudio.engine.train.TrainingOptions opts;
        try {
            trainee = loaded.trainee(net.get().net());
            opts = options.toOptions().toBuilder().multipliers(net.get().multipliers()).build();
        } catch (RuntimeException e) {
            sayProblem(e.getMessage());
            return;
        }
        Weights initial = startingWeights();
        DataMapping map = mapping.get();
        finderPoints.clear();
        finderResult.set(null);
        finding.set(true);
        say("Finding a learning rate: the rate rises from 1e-7 to 10 over 100 batches…", MessageTone.NOTICE);
        Thread t = new Thread(() -> {
            try {
                var r = org.netstudio.engine.run.LearningRateFinder.find(trainee, initial, loaded.examples(), map, opts,
                        p -> inbox.post(new TrainerNews.FinderPoint(p)));
                inbox.post(new TrainerNews.FinderDone(r, r.points().size() < 2
                        ? "The loss was not finite from the first batches on; there is no curve to suggest a rate from."
                        : null));
            } catch (RuntimeException e) {
                inbox.post(new TrainerNews.FinderDone(null, "The learning-rate finder failed: " + e.getMessage()));
            }
        }, "netstudio-lr-finder");
        t.setDaemon(true);
        t.start();
    }

    /** Puts the finder's suggestion into the learning-rate field. */
    public void useSuggestedRate() {
        var r = finderResult.get();
        if (r != null && Double.isFinite(r.suggestion())) {
            options.learningRate().textProperty().set(formatRate(r.suggestion()));
        }
    }

    /** A rate with 2 significant digits, as the field shows it: 0.0029. */
    static String formatRate(double rate) {
        return new java.math.BigDecimal(rate).round(new java.math.MathContext(2)).stripTrailingZeros().toString()
                .replace("E", "e");
    }

    /** Starts training the current net on the current data; does nothing when it cannot. */
    public void train() {
        if (!canTrain.get()) {
            return;
        }
        LoadedData loaded = data.get();
        double fraction = options.validationFraction().value().orElseThrow();
        Weights initial = startingWeights();
        GradientReach reach;
        NetNode trainee;
        try {
            trainee = loaded.trainee(net.get().net());
            reach = GradientReach.of(trainee);
        } catch (RuntimeException e) {
            sayProblem(e.getMessage());
            return;
        }
        if (reach.nothingLearns()) {
            sayProblem("Training would change nothing: " + reach.describe().orElseThrow() + ".");
            return;
        }
        org.netstudio.engine.train.TrainingOptions chosen;
        try {
            chosen = chosenOptions();
        } catch (RuntimeException e) {
            sayProblem(e.getMessage());
            return;
        }
        if (target.isTorchrun()) {
            try {
                session = org.netstudio.trainer.run.TorchrunTraining.start(projectRecipe(), initial, loaded,
                        torchrunLaunch(), newProjectFolder(), inbox, worker);
            } catch (RuntimeException e) {
                sayProblem(e.getMessage());
                return;
            }
        } else {
            org.netstudio.engine.runs.RunRecorder recorder;
            try {
                recorder = startRecord(trainee, initial, loaded);
            } catch (IllegalArgumentException e) {
                sayProblem(e.getMessage());
                return;
            }
            try {
                session = PanelTraining.start(trainee, initial, loaded, mapping.get(),
                        recorder == null ? chosen : recorder.withCheckpoints(chosen), fraction, inbox, worker, recorder);
            } catch (RuntimeException e) {
                if (recorder != null) {
                    recorder.abandon(e.getMessage());
                }
                sayProblem(e.getMessage());
                return;
            }
        }
        trainedFrom = net.get();
        failedNode.set(null);
        health.set(null);
        healthHistory.clear();
        curves.set(new Curves(new TrainingHistory(), curves.get().revision() + 1));
        boundary.set(null);
        outcome.set(null);
        progress.set(new TrainingProgress(0, "Starting…"));
        startNanos = System.nanoTime();
        totalExamples = (long) session.trainingSize() * options.epochs().value().orElseThrow();
        String start = initial == null || !(session instanceof PanelTraining p) ? "" : fineTuningMessage(p.freshArrays());
        sayProblem(reach.describe().map(d -> (start.isEmpty() ? "" : start + " ") + d + ".").orElse(start));
        if (target.isTorchrun()) {
            say("Exporting the net as a PyTorch project and starting torchrun with "
                    + target.processes().value().orElseThrow() + " processes…", MessageTone.NOTICE);
        }
        state.set(TrainerState.TRAINING);
    }

    /** "Fine-tuning from the net's weights; 2 arrays start fresh (new or resized layers): fc/weights, fc/biases." */
    static String fineTuningMessage(java.util.List<String> fresh) {
        if (fresh.isEmpty()) {
            return "Fine-tuning from the net's weights.";
        }
        return "Fine-tuning from the net's weights; " + fresh.size() + (fresh.size() == 1 ? " array starts" : " arrays start")
                + " fresh (new or resized layers): " + String.join(", ", fresh.stream().limit(4).toList())
                + (fresh.size() > 4 ? ", …" : "") + ".";
    }

    /**
     * Where this panel records its runs (the window's runs folder, shared with the command line);
     * null, the default, records none.
     */
    public void setRunStore(org.netstudio.engine.runs.RunStore store) {
        this.runStore = store;
    }

    /** Where this panel records its runs, or empty when it records none (a sweep's trials go there too). */
    public Optional<org.netstudio.engine.runs.RunStore> runStore() {
        return Optional.ofNullable(runStore);
    }

    /**
     * Continues a recorded run of this net from its last checkpoint, with this panel's data and
     * options (which must be the run's; the number of epochs may be larger), into the same record.
     * Does nothing but say why when it cannot.
     *
     * @param runId the run's id in the panel's store
     */
    public void resume(String runId) {
        if (runStore == null) {
            sayProblem("Runs are not recorded here, so none can be resumed.");
            return;
        }
        if (!canTrain.get()) {
            sayProblem("To resume the run, first choose its data: " + reasonNotToTrain());
            return;
        }
        resumeRun = runId;
        try {
            train();
        } finally {
            resumeRun = null;
        }
    }

    /** Starts the record of a training, or returns null when there is no store or it cannot be written. */
    private org.netstudio.engine.runs.RunRecorder startRecord(NetNode trainee, Weights initial, LoadedData loaded) {
        if (runStore == null) {
            return null;
        }
        if (resumeRun != null) {
            try {
                return org.netstudio.engine.runs.RunRecorder.resume(runStore, resumeRun);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        NetDocument doc = net.get().withNet(trainee);
        try {
            return org.netstudio.engine.runs.RunRecorder.start(runStore, new org.netstudio.engine.runs.RunSubject(doc,
                    initial, loaded.name(), "", "panel", java.util.List.of()));
        } catch (java.io.IOException | RuntimeException e) {
            // Training still goes ahead; the person hears why it is not kept.
            inbox.post(new org.netstudio.trainer.run.TrainerNews.Warning("This run is not recorded: " + e.getMessage()));
            return null;
        }
    }

    /** Stops the running training; the best net so far becomes the result. */
    public void stop() {
        if (session != null && state.get() == TrainerState.TRAINING) {
            state.set(TrainerState.STOPPING);
            progress.set(progress.get().withText(progress.get().text() + " · stopping…"));
            session.stop();
        }
    }

    /**
     * For a program that ends: stops a running training (its result is not evaluated) and waits
     * for the panel's background work (data loading, pictures) to finish. Call on the UI thread.
     *
     * @return completes once no engine work of this panel is running or queued
     */
    public CompletableFuture<Void> shutDown() {
        CompletableFuture<Void> training = session == null ? CompletableFuture.completedFuture(null) : session.close();
        return training.thenCompose(v -> {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            worker.execute(() -> drained.complete(null));
            return drained;
        });
    }

    /**
     * For a net that closes: as {@link #shutDown()}, then the model's own background thread ends.
     * The model is not used afterwards. Call on the UI thread.
     *
     * @return completes once the training stopped and the thread has no work left
     */
    public CompletableFuture<Void> close() {
        return shutDown().whenComplete((v, e) -> {
            if (ownWorker != null) {
                ownWorker.shutdown();
            }
        });
    }

    /** The trained net of the current (or last) run, completed when training ends; empty before any. */
    public Optional<CompletableFuture<TrainedNet>> run() {
        return session == null ? Optional.empty() : Optional.of(session.result());
    }

    /** Where the panel is in its cycle. */
    public ReadOnlyObjectProperty<TrainerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** How far the run got, and what it is doing. */
    public ReadOnlyObjectProperty<TrainingProgress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** How each layer was doing at the last measurement of the training (every few batches), or null. */
    public ReadOnlyObjectProperty<TrainingEvent.Health> healthProperty() {
        return health.getReadOnlyProperty();
    }

    /** Every measurement of the layers' health in this training, oldest first. */
    public javafx.collections.ObservableList<TrainingEvent.Health> healthHistory() {
        return javafx.collections.FXCollections.unmodifiableObservableList(healthHistory);
    }

    /**
     * The node the last training failed at (where its first NaN or infinity came from), or null;
     * null again when the next training starts.
     */
    public ReadOnlyObjectProperty<FailedNode> failedNodeProperty() {
        return failedNode.getReadOnlyProperty();
    }

    /** The latest message for people (a failure, a confirmation) and its tone; empty text for none. */
    public ReadOnlyObjectProperty<TrainerMessage> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Shows a message in a tone other than a problem's. */
    private void say(String text, MessageTone how) {
        message.set(new TrainerMessage(text, how));
    }

    /** Shows a message about something in the way: the tone a message has unless said otherwise. */
    private void sayProblem(String text) {
        message.set(TrainerMessage.problem(text));
    }

    /** The curves of the current (or last) run; a new value each time they gained points. */
    public ReadOnlyObjectProperty<Curves> curvesProperty() {
        return curves.getReadOnlyProperty();
    }

    /** The decision boundary after the latest epoch, for planar data. */
    public ReadOnlyObjectProperty<BoundaryPicture> boundaryProperty() {
        return boundary.getReadOnlyProperty();
    }

    /** The evaluated result once training ended. */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Writes the training history as CSV (see {@link HistoryCsv}). */
    public void exportHistory(Path file) throws IOException {
        HistoryCsv.write(file, curves.get().history().epochs());
    }

    // ---- news from the background ----

    /**
     * Applies everything background work posted since the last call; the panel calls it once per
     * frame. Many training events cost one history revision.
     *
     * @return the number of news applied
     */
    public int applyPending() {
        List<TrainerNews> news = inbox.drain();
        boolean curvesChanged = false;
        for (TrainerNews n : news) {
            curvesChanged |= apply(n);
        }
        if (curvesChanged) {
            curves.set(curves.get().grown());
        }
        return news.size();
    }

    /** Whether background work left news that {@link #applyPending()} has not applied yet. */
    public boolean hasPending() {
        return !inbox.isEmpty();
    }

    private boolean apply(TrainerNews news) {
        if (news instanceof TrainerNews.Training t) {
            return applyTraining(t);
        }
        if (news instanceof TrainerNews.DataReady r) {
            if (r.request() == loads) {
                // Data last, so that its listeners see the rest already settled (e.g. Train enabled).
                fit.set(r.fit());
                dataStatus.set(new DataStatus(DataSummary.describe(r.data()), false,
                        dataStatus.get().download().found().ended()));
                data.set(r.data());
                if (!r.mapping().equals(mapping.get())) {
                    // The mapping changed while the data loaded.
                    recheckFit();
                }
            }
        } else if (news instanceof TrainerNews.Columns c) {
            if (c.request() == loads) {
                fileColumns.setAll(c.columns());
            }
        } else if (news instanceof TrainerNews.Fit f) {
            if (f.data() == data.get()) {
                fit.set(f.fit());
            }
        } else if (news instanceof TrainerNews.Boundary b) {
            boundary.set(b.picture());
        } else if (news instanceof TrainerNews.Evaluated e) {
            outcome.set(e.outcome());
            state.set(TrainerState.FINISHED);
            if (session instanceof org.netstudio.trainer.run.TorchrunTraining
                    && e.outcome().trained().result().stopReason() != StopReason.FAILED) {
                // As the trainer brings PyTorch's result back itself, it goes into the net at once (Undo takes it out);
                // after a failure the message stays, and "Use these weights" offers the best epoch before it.
                useWeights();
            }
        } else if (news instanceof TrainerNews.ProjectWritten w) {
            target.setClusterCommand("cd " + w.folder() + "\n" + w.clusterCommand());
            say("Training with PyTorch in " + w.folder() + "…", MessageTone.NOTICE);
        } else if (news instanceof TrainerNews.PythonFound p) {
            target.found(p.python(), p.python().isPresent() ? "Found, with PyTorch " + p.torchVersion() + "."
                    : "No Python with PyTorch was found; choose one (or set " + org.netstudio.engine.torchrun.PythonFinder.VARIABLE + ").");
        } else if (news instanceof TrainerNews.Warning w) {
            sayProblem(w.message());
        } else if (news instanceof TrainerNews.Problem p) {
            if (state.get() == TrainerState.TRAINING || state.get() == TrainerState.STOPPING) {
                sayProblem(p.message());
                if (session != null && session.result().isDone()) {
                    state.set(TrainerState.FINISHED);
                }
            } else {
                dataStatus.set(new DataStatus(p.message(), false, dataStatus.get().download().ended()));
            }
        } else if (news instanceof TrainerNews.Download d) {
            DataStatus now = dataStatus.get();
            dataStatus.set(new DataStatus("Downloading " + d.text() + "…", now.loading(),
                    now.download().at(d.fraction())));
        } else if (news instanceof TrainerNews.Missing m) {
            if (m.source() == currentSource() && m.source().kind() == DatasetSource.Kind.PACKAGED) {
                // Installed by a Debian package, never downloaded: no download button, the package to install.
                dataStatus.set(new DataStatus(m.source().label()
                        + " is not on this computer; install Debian's package wordnet-base.", false,
                        dataStatus.get().download()));
            } else if (m.source() == currentSource()) {
                dataStatus.set(new DataStatus(String.format(Locale.ROOT,
                        "%s is not on this computer; download it (%.0f MB).", m.source().label(),
                        loader.downloadSize(m.source()) / 1e6), false, dataStatus.get().download().missing()));
            }
        } else if (news instanceof TrainerNews.FinderPoint f) {
            finderPoints.add(f.point());
        } else if (news instanceof TrainerNews.FinderDone f) {
            finding.set(false);
            finderResult.set(f.result());
            if (f.problem() != null) {
                sayProblem(f.problem());
            } else if (f.result() != null && Double.isFinite(f.result().suggestion())) {
                say("Suggested learning rate: " + formatRate(f.result().suggestion()) + " (a tenth of "
                        + formatRate(f.result().minimumRate()) + ", where the smoothed loss is lowest).", MessageTone.NOTICE);
            }
        } else if (news instanceof TrainerNews.Devices d) {
            options.devices().setAll(d.devices());
            options.deviceProperty().set(d.devices().get(0));
        }
        return false;
    }

    private DatasetSource currentSource() {
        return choice.get() == null ? null : choice.get().source();
    }

    private boolean applyTraining(TrainerNews.Training t) {
        TrainingEvent event = t.event();
        if (event instanceof TrainingEvent.BatchEnded b) {
            curves.get().history().add(b);
            updateProgress(b, t.nanos());
            return true;
        }
        if (event instanceof TrainingEvent.EpochEnded e) {
            curves.get().history().add(e);
            return true;
        }
        if (event instanceof TrainingEvent.Health h) {
            healthHistory.add(h);
            health.set(h);
            return false;
        }
        if (event instanceof TrainingEvent.Finished f) {
            // A stopped run keeps the share it got through, so that the bar does not claim it all ran.
            double done = f.result().stopReason() != StopReason.STOPPED ? 1 : progress.get().fraction();
            progress.set(new TrainingProgress(done, f.result().message()));
        } else if (event instanceof TrainingEvent.Failed f) {
            sayProblem(f.message());
            failedNode.set(f.result().nonFiniteAt().map(node -> new FailedNode(node, f.message())).orElse(null));
            progress.set(progress.get().withText("Failed"));
        }
        return false;
    }

    private void updateProgress(TrainingEvent.BatchEnded b, long nanos) {
        double seconds = Math.max(1e-9, (nanos - startNanos) / 1e9);
        double rate = b.examplesTrained() / seconds;
        long total = Math.max(1, totalExamples);
        long left = Math.max(0, total - b.examplesTrained());
        String eta = rate > 0 ? duration(left / rate) + " left" : "";
        progress.set(new TrainingProgress(Math.min(1, (double) b.examplesTrained() / total),
                String.format(Locale.ROOT, "Epoch %d/%d · batch %d/%d · %,.0f samples/s · %s",
                        b.epoch(), b.maxEpochs(), b.batch(), b.batchesPerEpoch(), rate, eta)));
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
