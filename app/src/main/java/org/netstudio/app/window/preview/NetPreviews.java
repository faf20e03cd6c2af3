package org.netstudio.app.window.preview;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.netstudio.app.document.OpenNet;
import org.netstudio.app.run.NetValues;
import org.netstudio.app.window.background.BackgroundJobs;
import org.netstudio.canvas.CanvasModel;
import org.netstudio.canvas.preview.PortPicture;
import org.netstudio.canvas.preview.Previews;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.io.NonFiniteValues;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The previews of one open net: while {@link #activeProperty() active}, runs the chosen example
 * through the net on a background thread and puts what flows out of each node on its canvas, again
 * whenever the net, its weights, the source or the example change. Runs never overlap and a run
 * whose question is out of date is dropped, so the canvas shows the newest answer and the FX
 * thread never waits.
 */
public final class NetPreviews implements AutoCloseable {

    private final OpenNet net;
    private final CanvasModel canvas;
    private final Supplier<Optional<Dataset>> data;
    private final Supplier<Optional<Path>> imageChooser;
    private final BackgroundJobs jobs = new BackgroundJobs("netstudio-previews");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active");
    private final ObjectProperty<PreviewSource> source = new SimpleObjectProperty<>(this, "source", PreviewSource.RANDOM);
    private final IntegerProperty example = new SimpleIntegerProperty(this, "example", 1);
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final Runnable onNetChange = this::refresh;
    private Path image;
    /** The newest question asked; a run that finds a newer one skips its work. */
    private long asked;
    /** Used on the worker thread only. */
    private NetValues loaded;
    private NetNode loadedNet;
    private Weights loadedWeights;

    /**
     * @param net          the open net (its document and weights)
     * @param canvas       the canvas that shows the previews
     * @param data         the data loaded in the net's trainer panel, if any
     * @param dataChanged  tells when that data changes (loaded, or another chosen)
     * @param imageChooser asks the person for an image file (empty when cancelled)
     */
    public NetPreviews(OpenNet net, CanvasModel canvas, Supplier<Optional<Dataset>> data,
                       javafx.beans.Observable dataChanged, Supplier<Optional<Path>> imageChooser) {
        this.net = net;
        this.canvas = canvas;
        this.data = data;
        this.imageChooser = imageChooser;
        // The weights change with the document (OpenNet tells); the net's check comes after an edit
        // (the canvas infers again), so an edit is answered when its inference is there.
        net.addListener(onNetChange);
        canvas.inferenceProperty().addListener((o, a, b) -> refresh());
        dataChanged.addListener(o -> {
            if (source.get() == PreviewSource.DATA) {
                refresh();
            }
        });
        active.addListener((o, a, b) -> refresh());
        source.addListener((o, a, b) -> {
            if (b == PreviewSource.IMAGE && !chooseImage()) {
                Platform.runLater(() -> source.set(a));
                return;
            }
            example.set(1);
            refresh();
        });
        example.addListener((o, a, b) -> refresh());
    }

    /** Whether previews are shown (and computed) for this net. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** Where the example comes from. */
    public ObjectProperty<PreviewSource> sourceProperty() {
        return source;
    }

    /** Which example (from 1): the random seed, or the example of the data. */
    public IntegerProperty exampleProperty() {
        return example;
    }

    /** What the shown previews are of ("test example 3 of 10,000: Pullover"). */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** Why there are no previews, in a sentence; empty when they show. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether a run is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return jobs.busyProperty();
    }

    /** Asks for another image file (source Image file…); false when the person cancels. */
    public boolean chooseImage() {
        Optional<Path> chosen = imageChooser.get();
        chosen.ifPresent(p -> image = p);
        if (chosen.isPresent() && source.get() == PreviewSource.IMAGE) {
            refresh();
        }
        return chosen.isPresent();
    }

    /** Runs the example again through the net as it is now; called on every change. */
    public void refresh() {
        long question = ++asked;
        if (!active.get()) {
            canvas.previewsProperty().set(Previews.NONE);
            caption.set("");
            message.set("");
            return;
        }
        InferenceResult inference = canvas.inferenceProperty().get();
        if (inference != null && !inference.valid()) {
            show(question, Shown.problem("Previews show when the net checks: it has problems (see the problems list)."));
            return;
        }
        NetDocument doc = net.document();
        Weights weights = net.weights().orElse(null);
        PreviewSource from = source.get();
        int n = example.get();
        Optional<Dataset> dataset = from == PreviewSource.DATA ? data.get() : Optional.empty();
        Path file = image;
        // A run that finds a newer question when its turn comes skips its work.
        jobs.submit(() -> question == asked ? run(doc, weights, from, n, dataset, file) : null, shown -> {
            if (shown != null) {
                show(question, shown);
            }
        }, failure -> show(question, Shown.problem(failure.toString())));
    }

    /** What a run puts on the canvas and says: the previews and their caption, or why there are none. */
    private record Shown(Previews previews, String caption, String problem) {

        static Shown problem(String why) {
            return new Shown(Previews.NONE, "", why);
        }
    }

    /** On the worker: the example through the net as it was asked. */
    private Shown run(NetDocument doc, Weights weights, PreviewSource from, int n, Optional<Dataset> dataset,
                      Path file) {
        try {
            NetValues values = valuesOf(doc.net(), weights);
            PreviewExample ex = example(from, n, dataset, file, doc.net(), values.inputTypes());
            return new Shown(previews(ex, values.run(ex.inputs())),
                    ex.caption() + (values.untrained() ? " · initial values, not trained weights" : ""), "");
        } catch (org.netstudio.engine.compile.InvalidNetException e) {
            return Shown.problem("Previews show when the net checks: " + e.getMessage());
        } catch (RuntimeException | java.io.IOException e) {
            return Shown.problem(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void show(long question, Shown shown) {
        if (question != asked) {
            return;
        }
        canvas.previewsProperty().set(shown.previews());
        caption.set(shown.caption());
        message.set(shown.problem());
    }

    /** On the worker: the net loaded with these weights, reusing the last one when nothing changed. */
    private NetValues valuesOf(NetNode n, Weights w) {
        if (loaded != null && n == loadedNet && w == loadedWeights) {
            return loaded;
        }
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
        if (w != null && NonFiniteValues.describe(w).isPresent()) {
            throw new IllegalArgumentException("This net's weights hold values that are not numbers; previews would"
                    + " show nothing.");
        }
        loaded = NetValues.load(n, w);
        loadedNet = n;
        loadedWeights = w;
        return loaded;
    }

    private static PreviewExample example(PreviewSource from, int n, Optional<Dataset> dataset, Path file,
                                          NetNode net, List<TensorType> inputs) throws java.io.IOException {
        return switch (from) {
            case RANDOM -> PreviewInputs.random(inputs, n);
            case DATA -> {
                if (inputs.size() != 1) {
                    throw new IllegalArgumentException("Previews of trainer data need a net with one input; this one"
                            + " has " + inputs.size() + ".");
                }
                Dataset d = dataset.orElseThrow(() -> new IllegalArgumentException(
                        "Load data in the trainer panel first (below), or preview a random input or an image file."));
                yield PreviewInputs.fromData(d, n - 1, inputs.get(0));
            }
            case IMAGE -> {
                if (file == null) {
                    throw new IllegalArgumentException("Choose an image file to preview.");
                }
                yield PreviewInputs.fromImage(file, net, inputs.get(0));
            }
        };
    }

    private static Previews previews(PreviewExample ex, NetValues.Example values) {
        Map<NodePath, PortPicture> nodes = new LinkedHashMap<>();
        values.nodes().forEach((path, v) -> nodes.put(path, picture(v)));
        Map<String, PortPicture> ins = new LinkedHashMap<>();
        values.inputs().forEach((name, v) -> ins.put(name, picture(v)));
        Map<String, PortPicture> outs = new LinkedHashMap<>();
        values.outputs().forEach((name, v) -> outs.put(name, picture(v)));
        return new Previews(ex.caption(), nodes, ins, outs);
    }

    private static PortPicture picture(TensorValue v) {
        return new PortPicture(v.shape(), v.values());
    }

    @Override
    public void close() {
        net.removeListener(onNetChange);
        asked++;
        jobs.later(() -> {
            if (loaded != null) {
                loaded.close();
                loaded = null;
            }
        });
        jobs.shutdown();
    }
}
