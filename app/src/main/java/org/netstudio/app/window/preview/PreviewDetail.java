package org.netstudio.app.window.preview;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import org.netstudio.canvas.preview.PictureRenderer;
import org.netstudio.canvas.preview.PortPicture;

/**
 * One node's previewed value, large, under the inspector: every channel that fits, its range and
 * how many values are not finite, a histogram of its values, and the value under the pointer.
 * Shown while previews are on and one node is selected.
 */
public final class PreviewDetail extends VBox {

    static final int SIZE = 260;
    private static final int HISTOGRAM_HEIGHT = 60;
    private static final int BINS = 40;

    private final Label title = new Label();
    private final Label range = new Label();
    private final ImageView picture = new ImageView();
    private final ImageView histogram = new ImageView();
    private final Label pointer = new Label(" ");
    private PortPicture shown;
    private PictureRenderer.Pixels pixels;

    public PreviewDetail() {
        setId("previewDetail");
        getStyleClass().add("ns-preview-detail");
        setSpacing(6);
        setPadding(new Insets(8, 10, 10, 10));
        title.setId("previewDetailTitle");
        title.getStyleClass().add("ns-preview-caption");
        range.setId("previewDetailRange");
        range.getStyleClass().add("ns-preview-title");
        range.setWrapText(true);
        range.setMaxWidth(SIZE);
        picture.setId("previewDetailPicture");
        picture.setSmooth(false);
        histogram.setId("previewDetailHistogram");
        pointer.setId("previewDetailPointer");
        pointer.getStyleClass().add("ns-preview-title");
        picture.setOnMouseMoved(e -> pointer.setText(readout((int) e.getX(), (int) e.getY())));
        picture.setOnMouseExited(e -> pointer.setText(" "));
        getChildren().addAll(title, range, picture, pointer, histogram);
        show(null, null);
    }

    /** Shows a node's value ({@code name}: "conv1"), or nothing. */
    public void show(String name, PortPicture value) {
        shown = value;
        setVisible(value != null);
        setManaged(value != null);
        if (value == null) {
            pixels = null;
            return;
        }
        title.setText(name);
        int bad = value.nonFinite();
        range.setText(String.format(Locale.ROOT, "%s · %,d values from %.4g to %.4g%s", shape(value), value.size(),
                value.min(), value.max(), bad == 0 ? "" : String.format(Locale.ROOT, " · %,d not finite", bad)));
        int height = value.kind() == PortPicture.Kind.BARS ? SIZE / 2 : value.kind() == PortPicture.Kind.SCALAR ? 1 : SIZE;
        pixels = PictureRenderer.render(value, SIZE, height);
        picture.setImage(image(pixels));
        histogram.setImage(image(PictureRenderer.histogram(value, SIZE, HISTOGRAM_HEIGHT, BINS)));
        if (pixels.channels() > pixels.channelsShown()) {
            range.setText(range.getText() + String.format(Locale.ROOT, " · the first %d of %d channels",
                    pixels.channelsShown(), pixels.channels()));
        }
        pointer.setText(" ");
    }

    /** "channel 5 (12, 7): 0.315" for the tile pixel under the pointer; blank elsewhere. */
    String readout(int x, int y) {
        if (shown == null || pixels == null) {
            return " ";
        }
        int i = pixels.valueAt(shown, x, y);
        if (i < 0) {
            return " ";
        }
        int h = (int) shown.dim(shown.rank() - 2);
        int w = (int) shown.dim(shown.rank() - 1);
        int plane = h * w;
        return String.format(Locale.ROOT, "channel %d, row %d, column %d: %.4g", i / plane + 1, (i % plane) / w + 1,
                i % w + 1, shown.at(i));
    }

    private static String shape(PortPicture p) {
        return p.rank() == 0 ? "a number"
                : Arrays.stream(p.shape()).mapToObj(String::valueOf).collect(Collectors.joining("×"));
    }

    private static WritableImage image(PictureRenderer.Pixels px) {
        WritableImage img = new WritableImage(px.width(), px.height());
        img.getPixelWriter().setPixels(0, 0, px.width(), px.height(), PixelFormat.getIntArgbInstance(), px.argb(), 0,
                px.width());
        return img;
    }
}
