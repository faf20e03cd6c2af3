package org.netstudio.app.window.gallery;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.app.gallery.GalleryWeights;
import org.netstudio.app.gallery.WeightsDownload;
import org.netstudio.netgraph.summary.ParameterCount;

/**
 * A gallery net on the Start page: a miniature of its graph, its name, task, ports and size, and
 * what its weights are ({@link WeightsStatus}). A click opens it. A net whose weights can be
 * downloaded has a "Download weights" button: the download runs off the UI thread
 * ({@link WeightsDownloadJob}) with a progress bar, bytes so far and a Cancel button; a failure is
 * said in a sentence on the card, and when it is done the card says the weights are cached. Nothing
 * is ever downloaded but by that button.
 */
public final class GalleryCard extends VBox {

    private final GalleryEntry entry;
    private final GalleryWeights weights;
    private final Executor ui;
    private final Label status = new Label();
    private final Label opens = new Label();
    private final Button download = new Button("Download weights");
    private final ProgressBar bar = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Button cancel = new Button("Cancel");
    private final VBox progressBox;
    private final Label problem = new Label();
    private final Label licence = new Label();
    private WeightsDownloadJob job;

    /**
     * @param thumbnail the miniature of the net's graph
     * @param width     the card's content width
     * @param weights   the cache the entry's weights download to
     * @param ui        where the card is told about a download (the JavaFX thread)
     * @param open      opens the entry (a click on the card)
     */
    public GalleryCard(GalleryEntry entry, Node thumbnail, double width, GalleryWeights weights, Executor ui,
                       Consumer<GalleryEntry> open) {
        this.entry = entry;
        this.weights = weights;
        this.ui = ui;
        setId("gallery-" + entry.id());
        getStyleClass().add("ns-gallery-card");
        setSpacing(4);
        setAlignment(Pos.TOP_LEFT);
        setPrefWidth(width + 24);
        setMaxWidth(width + 24);

        Label name = label(entry.name(), "ns-card-title");
        Label task = label(entry.task(), "ns-card-task");
        Label io = label(ports(entry.inputs()) + "  →  " + ports(entry.outputs()), "ns-card-detail");
        io.setTooltip(new Tooltip(io.getText()));
        Label params = label(entry.parameters().sentenceStart() + " · " + entry.layers() + " layers", "ns-card-detail");
        params.getStyleClass().add("ns-card-parameters");
        params.setWrapText(true);
        params.setTooltip(new Tooltip(ParameterCount.MEANING));

        status.getStyleClass().add("ns-card-weights");
        status.setWrapText(true);
        opens.getStyleClass().add("ns-card-opens");
        opens.setWrapText(true);
        download.getStyleClass().add("ns-card-download");
        download.setId("download-" + entry.id());
        download.setOnAction(e -> startDownload());
        entry.weightsDownload().ifPresent(d -> download.setTooltip(new Tooltip(about(d))));

        bar.getStyleClass().add("ns-card-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        cancel.getStyleClass().add("ns-card-cancel");
        cancel.setId("cancel-" + entry.id());
        cancel.setOnAction(e -> cancelDownload());
        progressText.getStyleClass().add("ns-card-progress-text");
        HBox barRow = new HBox(6, bar, cancel);
        barRow.setAlignment(Pos.CENTER_LEFT);
        progressBox = new VBox(3, barRow, progressText);
        progressBox.getStyleClass().add("ns-card-download-box");

        problem.getStyleClass().add("ns-card-problem");
        problem.setWrapText(true);
        // What may be done with downloaded weights is said before anyone downloads them.
        licence.getStyleClass().addAll("ns-card-detail", "ns-card-licence");
        licence.setWrapText(true);
        entry.weightsDownload().filter(d -> !d.license().isBlank()).ifPresent(d -> licence.setText("Licence: " + d.license()));
        show(licence, !licence.getText().isEmpty());

        VBox footer = new VBox(4, status, opens, licence, download, progressBox, problem);
        footer.getStyleClass().add("ns-card-footer");
        // The footer's buttons act on the weights; a click there must not also open the net.
        footer.setOnMouseClicked(javafx.event.Event::consume);

        getChildren().addAll(thumbnail, name, task, io, params, footer);
        for (Label l : List.of(name, task, io, params, status, opens, licence, problem, progressText)) {
            l.setMaxWidth(width);
        }
        progressBox.setMaxWidth(width);

        setOnMouseClicked(ev -> {
            if (ev.getButton() == MouseButton.PRIMARY) {
                open.accept(entry);
            }
        });
        Tooltip aboutNet = new Tooltip((entry.description().isBlank() ? entry.name() : entry.description())
                + (entry.source().isBlank() ? "" : "\n\nSource: " + entry.source()));
        aboutNet.setWrapText(true);
        aboutNet.setMaxWidth(420);
        Tooltip.install(this, aboutNet);
        showStatus();
        show(progressBox, false);
        show(problem, false);
        // A download does not outlive its window: closing it cancels, so no partial file is left behind.
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((w, a, window) -> watch(window));
                watch(scene.getWindow());
            }
        });
    }

    private void watch(javafx.stage.Window window) {
        if (window != null) {
            window.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> {
                if (job != null) {
                    job.cancel();
                }
            });
        }
    }

    public GalleryEntry entry() {
        return entry;
    }

    /** The download under way, if one is. */
    public Optional<WeightsDownloadJob> runningDownload() {
        return Optional.ofNullable(job).filter(WeightsDownloadJob::running);
    }

    private void startDownload() {
        if (job != null && job.running()) {
            return;
        }
        show(problem, false);
        show(download, false);
        show(opens, false);
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        progressText.setText("Connecting to " + entry.weightsDownload().map(d -> d.url().getHost()).orElse("the server") + "…");
        cancel.setDisable(false);
        show(progressBox, true);
        status.setText("Downloading " + WeightsStatus.dataset(entry) + " weights…");
        job = WeightsDownloadJob.start(weights, entry, ui, new WeightsDownloadJob.Listener() {
            @Override
            public void progress(long done, long total) {
                showProgress(done, total);
            }

            @Override
            public void finished(WeightsDownloadJob.Result result) {
                finish(result);
            }
        });
    }

    private void cancelDownload() {
        if (job != null) {
            cancel.setDisable(true);
            progressText.setText("Cancelling…");
            job.cancel();
        }
    }

    private void showProgress(long done, long total) {
        if (total > 0) {
            bar.setProgress(Math.min(1, (double) done / total));
            progressText.setText(WeightsDownload.size(done) + " of " + WeightsDownload.size(total));
        } else {
            bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
            progressText.setText(WeightsDownload.size(done) + " so far");
        }
    }

    private void finish(WeightsDownloadJob.Result result) {
        show(progressBox, false);
        showStatus();
        switch (result.outcome()) {
            case DONE -> show(problem, false);
            case CANCELLED -> say(result.message(), false, "");
            case FAILED -> say(result.message(), true, result.detail());
        }
    }

    private void say(String message, boolean error, String detail) {
        problem.setText(message);
        problem.getStyleClass().removeAll("ns-card-error", "ns-card-note");
        problem.getStyleClass().add(error ? "ns-card-error" : "ns-card-note");
        problem.setTooltip(detail.isBlank() ? null : new Tooltip(detail));
        show(problem, true);
    }

    /** The status line, the "opens …" line and the Download button, as the cache now has it. */
    private void showStatus() {
        WeightsStatus s = WeightsStatus.of(entry, weights.cached(entry).isPresent());
        status.setText(s.headline());
        status.getStyleClass().removeIf(c -> c.startsWith("ns-weights-"));
        status.getStyleClass().add("ns-weights-" + s.kind().name().toLowerCase(java.util.Locale.ROOT));
        status.setTooltip(new Tooltip(s.opens()));
        opens.setText(s.opens());
        // Only a net that opens untrained for want of a download says so on the card itself.
        show(opens, s.kind() == WeightsStatus.Kind.DOWNLOADABLE);
        show(download, s.kind() == WeightsStatus.Kind.DOWNLOADABLE);
    }

    private static String about(WeightsDownload d) {
        return "Downloads " + d.fileName() + " from " + d.url().getHost()
                + (d.bytes() > 0 ? " (" + WeightsDownload.size(d.bytes()) + ")" : "")
                + " into NetStudio's weights cache; checked against its SHA-256."
                + (d.license().isBlank() ? "" : "\nLicence: " + d.license());
    }

    private static void show(Region r, boolean shown) {
        r.setVisible(shown);
        r.setManaged(shown);
    }

    private static Label label(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }

    private static String ports(List<GalleryEntry.Port> ports) {
        return ports.stream().map(GalleryEntry.Port::typeText).collect(Collectors.joining(", "));
    }
}
