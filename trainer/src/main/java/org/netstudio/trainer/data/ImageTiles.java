package org.netstudio.trainer.data;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/** Turns an example's features into a small picture with a caption, for previews and results. */
public final class ImageTiles {

    private ImageTiles() {}

    /**
     * Paints features as an image, each image stretched to its own value range (normalised
     * features are not in [0, 1]).
     *
     * @param features channels-first values
     * @param shape how they form an image
     * @return the image
     */
    public static WritableImage image(float[] features, ImageShape shape) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float f : features) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        float span = hi > lo ? hi - lo : 1;
        int plane = shape.height() * shape.width();
        WritableImage image = new WritableImage(shape.width(), shape.height());
        PixelWriter w = image.getPixelWriter();
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                int at = y * shape.width() + x;
                double r = (features[at] - lo) / span;
                if (shape.channels() >= 3) {
                    w.setColor(x, y, Color.color(r, (features[plane + at] - lo) / span,
                            (features[2 * plane + at] - lo) / span));
                } else {
                    w.setColor(x, y, Color.gray(r));
                }
            }
        }
        return image;
    }

    /**
     * A tile: the image scaled up without blurring, over a caption.
     *
     * @param features the example
     * @param shape its image shape
     * @param caption the text under it
     * @param size the image's side in pixels
     * @return the tile
     */
    public static VBox tile(float[] features, ImageShape shape, String caption, double size) {
        ImageView view = new ImageView(image(features, shape));
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setSmooth(false);
        Label label = new Label(caption);
        label.getStyleClass().add("tile-label");
        label.setMaxWidth(size + 32);
        label.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        VBox tile = new VBox(view, label);
        tile.setAlignment(Pos.CENTER);
        tile.getStyleClass().add("image-tile");
        return tile;
    }
}
