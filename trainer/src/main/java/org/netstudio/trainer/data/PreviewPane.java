package org.netstudio.trainer.data;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.trainer.boundary.PlaneView;

/**
 * A look at the chosen data: a scatter plot for points in the plane, a grid of images with their
 * labels, the first rows of a CSV file, or the first sequences (as text, for text) with their targets.
 */
public final class PreviewPane extends StackPane {

    private static final int IMAGES = 40;
    private static final int ROWS = 40;

    /** An empty preview. */
    public PreviewPane() {
        getStyleClass().add("preview-pane");
        show(null);
    }

    /** Shows data, or a placeholder for null. */
    public void show(LoadedData data) {
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
            getChildren().setAll(images(data.dataset().get(), data.image().get()));
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

    private static ScrollPane images(Dataset data, ImageShape shape) {
        FlowPane grid = new FlowPane(4, 4);
        grid.setId("preview-images");
        List<String> names = data.classNames();
        int count = Math.min(IMAGES, data.size());
        for (int i = 0; i < count; i++) {
            String label = data.targets() instanceof Targets.Classes c ? names.get(c.label(i)) : "";
            grid.getChildren().add(ImageTiles.tile(data.features(i), shape, label, 48));
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        return scroll;
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
