package org.netstudio.trainer.data;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.netstudio.engine.data.AugmentedImages;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.netgraph.net.ImageAugmentation;
import org.netstudio.trainer.boundary.PlaneView;

/**
 * A look at the chosen data: a scatter plot for points in the plane, a grid of images with their
 * labels, the first rows of a CSV file, or the first sequences (as text, for text) with their targets.
 */
public final class PreviewPane extends StackPane {

    private static final int IMAGES = 40;
    private static final int ROWS = 40;
    /** Varied pictures shown above the plain ones. */
    private static final int AUGMENTED = 20;

    /** An empty preview. */
    public PreviewPane() {
        getStyleClass().add("preview-pane");
        show(null);
    }

    /** Shows data, or a placeholder for null. */
    public void show(LoadedData data) {
        show(data, ImageAugmentation.NONE);
    }

    /**
     * Shows data; pictures that the net's Image encoder varies in training are shown a second time
     * as one epoch of training might see them.
     */
    public void show(LoadedData data, ImageAugmentation augmentation) {
        if (data == null) {
            Label none = new Label("Choose data to see a preview.");
            none.getStyleClass().add("placeholder");
            getChildren().setAll(none);
        } else if (data.isPlanar()) {
            PlaneView plane = new PlaneView();
            plane.setId("preview-scatter");
            plane.setPoints(data.dataset().get());
            getChildren().setAll(plane);
        } else if (data.image().isPresent()) {
            getChildren().setAll(images(data.dataset().get(), data.image().get(), augmentation));
        } else if (data.table().isPresent()) {
            getChildren().setAll(table(data.table().get()));
        } else if (data.dataset().isEmpty()) {
            getChildren().setAll(table(SequencePreview.of(data, ROWS)));
        } else {
            Label text = new Label(data.name());
            text.getStyleClass().add("placeholder");
            getChildren().setAll(text);
        }
    }

    private static ScrollPane images(Dataset data, ImageShape shape, ImageAugmentation augmentation) {
        FlowPane grid = tiles(data, shape, Math.min(IMAGES, data.size()));
        grid.setId("preview-images");
        VBox content = new VBox(6);
        if (augmentation.any() && data.featureDims().length == 3) {
            FlowPane varied = tiles(new AugmentedImages(data, augmentation, 0), shape, Math.min(AUGMENTED, data.size()));
            varied.setId("preview-augmented");
            Label title = new Label("As training sees them (" + augmentation.text() + "): a new variation each epoch");
            title.getStyleClass().add("section-title");
            title.setWrapText(true);
            Label plain = new Label("As they are");
            plain.getStyleClass().add("section-title");
            content.getChildren().addAll(title, varied, plain, grid);
        } else {
            content.getChildren().add(grid);
        }
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static FlowPane tiles(Dataset data, ImageShape shape, int count) {
        FlowPane grid = new FlowPane(4, 4);
        List<String> names = data.classNames();
        // One batch copy, as training reads them: an augmented set varies each copy anew.
        int[] first = new int[count];
        for (int i = 0; i < count; i++) {
            first[i] = i;
        }
        float[] all = new float[count * data.featureLength()];
        data.copyFeatures(first, 0, count, java.nio.FloatBuffer.wrap(all));
        for (int i = 0; i < count; i++) {
            String label = data.targets() instanceof Targets.Classes c ? names.get(c.label(i)) : "";
            float[] one = java.util.Arrays.copyOfRange(all, i * data.featureLength(), (i + 1) * data.featureLength());
            grid.getChildren().add(ImageTiles.tile(one, shape, label, 48));
        }
        return grid;
    }

    private static TableView<List<String>> table(CsvTable csv) {
        TableView<List<String>> table = new TableView<>();
        table.setId("preview-table");
        for (int c = 0; c < csv.columns().size(); c++) {
            int column = c;
            TableColumn<List<String>, String> col = new TableColumn<>(csv.columns().get(c));
            col.setCellValueFactory(row -> new ReadOnlyStringWrapper(
                    column < row.getValue().size() ? row.getValue().get(column) : ""));
            col.setSortable(false);
            table.getColumns().add(col);
        }
        table.getItems().setAll(csv.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }
}
