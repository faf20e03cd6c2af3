package org.netstudio.app.window.tryit;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.netstudio.app.run.ImageClassifier;
import org.netstudio.app.run.Attributions;
import org.netstudio.app.run.HeatOverlay;
import org.netstudio.app.run.ImageGuess;
import org.netstudio.app.run.ImageInputs;
import org.netstudio.app.run.SeenImage;
import org.netstudio.app.run.TryableInput;
import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.engine.encoding.ImageEncoder;

/**
 * Try It for a net of one image input: choose or drop an image, see it as the net sees it (resized,
 * in the net's colour space) and the five most probable classes as bars. A new net in front, or new
 * weights, runs on the same image again.
 */
final class ImageTryView extends BorderPane {

    static final int TOP = 5;
    static final String IMAGE_ONLY = "The image";
    static final String SALIENCY = "Saliency";
    static final String GRAD_CAM = "Grad-CAM";
    private static final double PICTURE = 224;

    private final TryItJobs jobs;
    private final Supplier<Window> owner;
    private final LoadedNets<ImageClassifier> loaded = new LoadedNets<>();
    private final ImageView picture = new ImageView();
    private final VBox dropHint;
    private final Label fileName = new Label();
    private final Label caption = new Label();
    private final ClassBars bars = new ClassBars();
    private final Label barsHint = new Label("Choose an image, or drop one here, to see which classes the net finds in it.");
    private final Label note = new Label();
    private final ErrorLine error = new ErrorLine("tryItImageError");
    private final javafx.scene.control.ChoiceBox<String> shown = new javafx.scene.control.ChoiceBox<>();
    private ImageGuess guess;
    private ImagePicker picker = new SystemImagePicker();
    private TrySubject subject;
    private Path file;
    private long serial;
    /** The last run asked for, read on the Try It thread: runs overtaken by a newer one (edits in a row) are skipped. */
    private volatile long latest;

    ImageTryView(TryItJobs jobs, Supplier<Window> owner) {
        this.jobs = jobs;
        this.owner = owner;
        getStyleClass().add("ns-tryit-image");

        picture.setSmooth(false);
        picture.setPreserveRatio(true);
        picture.setFitWidth(PICTURE);
        picture.setFitHeight(PICTURE);
        picture.setId("tryItSeenImage");
        Label dropTitle = new Label("Drop an image here");
        dropTitle.getStyleClass().add("ns-placeholder-title");
        Label dropDetail = new Label("PNG, JPEG, BMP or GIF");
        dropDetail.getStyleClass().add("ns-placeholder-hint");
        dropHint = new VBox(4, dropTitle, dropDetail);
        dropHint.setAlignment(Pos.CENTER);
        StackPane drop = new StackPane(dropHint, picture);
        drop.getStyleClass().add("ns-tryit-drop");
        drop.setMinSize(PICTURE + 16, PICTURE + 16);
        drop.setMaxSize(PICTURE + 16, PICTURE + 16);

        Button choose = new Button("Choose Image…");
        choose.setId("tryItChooseImage");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> picker.openImage(owner.get()).ifPresent(this::tryImage));
        fileName.setId("tryItFileName");
        fileName.getStyleClass().add("ns-tryit-muted");
        fileName.setMaxWidth(PICTURE - 20);
        caption.getStyleClass().add("ns-tryit-caption");
        caption.setWrapText(true);
        caption.setMaxWidth(PICTURE + 16);
        Label orDrop = new Label("or drop one on this window");
        orDrop.getStyleClass().add("ns-tryit-caption");
        HBox chooseRow = new HBox(8, choose, orDrop);
        chooseRow.setAlignment(Pos.CENTER_LEFT);
        shown.setId("tryItAttribution");
        shown.getItems().setAll(IMAGE_ONLY, SALIENCY, GRAD_CAM);
        shown.setValue(IMAGE_ONLY);
        shown.setTooltip(new javafx.scene.control.Tooltip("Where the net found its most probable class: saliency"
                + " (gradient × input, pixel by pixel) or Grad-CAM (the last layer of feature maps, weighted by"
                + " their gradients)"));
        shown.valueProperty().addListener((o, a, b) -> showPicture());
        Label showLabel = new Label("Show");
        showLabel.getStyleClass().add("ns-tryit-caption");
        HBox showRow = new HBox(8, showLabel, shown);
        showRow.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(8, drop, caption, showRow, chooseRow, fileName);
        left.getStyleClass().add("ns-tryit-column");

        note.setId("tryItSoftmaxNote");
        VBox right = new VBox(10, TryItLabels.heading("Most probable classes"),
                TryItLabels.wrapped(barsHint, "ns-placeholder-hint"), bars, TryItLabels.wrapped(note, "ns-tryit-muted"));
        right.getStyleClass().add("ns-tryit-column");
        HBox.setHgrow(right, Priority.ALWAYS);

        HBox columns = new HBox(24, left, right);
        setCenter(columns);
        setBottom(error);
        showNothing();
    }

    void setPicker(ImagePicker p) {
        picker = p;
    }

    /** The net in front changed (or its weights): caption, and the same image through it again. */
    void show(TrySubject s) {
        subject = s;
        ImageEncoder e = ((TryableInput.Image) s.input()).encoder();
        caption.setText(String.format(Locale.ROOT, "%d × %d %s, as the net sees it", e.width(), e.height(),
                e.colorSpace() == ColorSpace.GRAYSCALE ? "grayscale" : "colour"));
        if (file != null) {
            tryImage(file);
        } else {
            showNothing();
        }
    }

    /** Runs the net in front on an image file (chosen or dropped); errors show in the view. */
    void tryImage(Path image) {
        file = image;
        fileName.setText(image.getFileName() == null ? image.toString() : image.getFileName().toString());
        TrySubject s = subject;
        if (s == null) {
            return;
        }
        long mine = ++serial;
        latest = mine;
        jobs.submitLatest(() -> {
            if (mine != latest) {
                return null;
            }
            BufferedImage read = ImageInputs.read(image);
            ImageClassifier classifier = loaded.get(s.net(), s.weights(),
                    () -> ImageClassifier.load(s.net(), s.weights(), (TryableInput.Image) s.input()));
            return classifier.classify(read, TOP);
        }, () -> mine == serial, guess -> {
            if (guess != null) {
                showGuess(guess);
            }
        }, this::showError);
    }

    /** Frees the loaded net (the window closed); it loads again when needed. */
    void release() {
        jobs.later(loaded::clear);
    }

    /** The class labels shown, most probable first. */
    List<String> shownClasses() {
        return bars.labels();
    }

    private void showNothing() {
        guess = null;
        picture.setImage(null);
        dropHint.setVisible(true);
        bars.show(List.of());
        barsHint.setVisible(true);
        barsHint.setManaged(true);
        note.setText("");
        error.setVisible(false);
    }

    private void showGuess(ImageGuess g) {
        guess = g;
        error.setVisible(false);
        showPicture();
        dropHint.setVisible(false);
        barsHint.setVisible(false);
        barsHint.setManaged(false);
        bars.show(g.top());
        String of = "Top " + g.top().size() + " of " + g.classCount() + " classes.";
        note.setText(g.softmaxed() ? of + " The net does not end in a Softmax: its scores were turned into"
                + " probabilities here." : of);
    }

    /** The seen image, or it under the attribution map chosen, for the most probable class. */
    private void showPicture() {
        if (guess == null) {
            return;
        }
        Attributions a = guess.attributions();
        float[] map = a == null ? null : SALIENCY.equals(shown.getValue()) ? a.saliency()
                : GRAD_CAM.equals(shown.getValue()) ? a.gradCam() : null;
        picture.setImage(image(map == null ? guess.seen() : HeatOverlay.over(guess.seen(), map)));
    }

    /** The attribution shown ("Saliency"), for tests. */
    String shownAttribution() {
        return shown.getValue();
    }

    /** The picture as shown now, for tests. */
    javafx.scene.image.Image shownPicture() {
        return picture.getImage();
    }

    void showAttribution(String which) {
        shown.setValue(which);
    }

    private void showError(String sentence) {
        // What was shown stays: a bad file loses nothing.
        error.say(sentence);
    }

    /**
     * The seen image, enlarged by whole pixels to fill the frame: a 28×28 input shows as crisp
     * squares, as the net's values are, rather than blurred by smooth scaling.
     */
    static WritableImage image(SeenImage s) {
        int k = Math.max(1, (int) (PICTURE / Math.max(s.width(), s.height())));
        int w = s.width() * k;
        int h = s.height() * k;
        int[] big = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                big[y * w + x] = s.argb()[(y / k) * s.width() + x / k];
            }
        }
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), big, 0, w);
        return img;
    }
}
