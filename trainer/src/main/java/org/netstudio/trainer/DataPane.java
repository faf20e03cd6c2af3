package org.netstudio.trainer;

import java.util.Objects;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.trainer.data.DataFilePicker;
import org.netstudio.trainer.data.DataFit;
import org.netstudio.trainer.options.FormGrid;

/**
 * Choosing the data: the source, a file or folder where one is needed, the CSV target column, a
 * download when an image set is not on disk, the validation share, and what the engine says about
 * the data and the net.
 */
public final class DataPane extends VBox {

    private final TrainerPanelModel model;
    private final ComboBox<DatasetSource> source = new ComboBox<>();
    private final Button choosePath = new Button();
    private final Label path = new Label();
    private final ComboBox<String> target = new ComboBox<>();
    private final HBox pathRow;
    private final HBox targetRow;
    private final ComboBox<String> textColumn = new ComboBox<>();
    private final HBox textColumnRow;
    /** The window length of a plain text, shown for a text file only. */
    private final FormGrid windowForm = new FormGrid();
    private boolean updatingTargets;
    private DataFilePicker picker = DataFilePicker.SYSTEM;

    /** A pane bound to the model. */
    public DataPane(TrainerPanelModel model) {
        this.model = model;
        getStyleClass().add("data-pane");
        setSpacing(4);
        FormGrid form = new FormGrid();

        source.setId("data-source");
        source.getItems().setAll(DatasetSource.values());
        source.setMaxWidth(Double.MAX_VALUE);
        source.setOnAction(e -> sourceChosen());
        form.add("Data", source);

        choosePath.setId("choose-path");
        choosePath.setOnAction(e -> choosePath());
        path.getStyleClass().add("data-message");
        path.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(path, Priority.ALWAYS);
        pathRow = new HBox(6, choosePath, path);
        pathRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        form.addWide(pathRow);

        target.setId("target-column");
        target.setMaxWidth(Double.MAX_VALUE);
        target.setOnAction(e -> targetChosen());
        targetRow = form.addWide("Target column", target);

        textColumn.setId("text-column");
        textColumn.setMaxWidth(Double.MAX_VALUE);
        textColumn.setPromptText("the only one besides the target");
        textColumn.setOnAction(e -> {
            if (!updatingTargets && textColumn.getValue() != null
                    && !textColumn.getValue().equals(model.textColumnProperty().get())) {
                model.textColumnProperty().set(textColumn.getValue());
            }
        });
        textColumnRow = form.addWide("Text column", textColumn);

        Button download = new Button("Download");
        download.setId("download");
        download.setOnAction(e -> model.download());
        ProgressBar downloadBar = new ProgressBar();
        downloadBar.setId("download-progress");
        downloadBar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(downloadBar, Priority.ALWAYS);
        downloadBar.progressProperty().bind(model.dataStatusProperty().map(s -> s.download().progress()));
        downloadBar.visibleProperty().bind(model.dataStatusProperty().map(s -> s.download().going()));
        download.visibleProperty().bind(model.dataStatusProperty().map(s -> s.download().offered()));
        HBox downloadRow = new HBox(6, download, downloadBar);
        downloadRow.visibleProperty().bind(download.visibleProperty().or(downloadBar.visibleProperty()));
        downloadRow.managedProperty().bind(downloadRow.visibleProperty());
        form.addWide(downloadRow);

        form.add(model.options().validationFraction(), "validation-fraction");
        windowForm.add(model.window(), "text-window");

        Label message = new Label();
        message.setId("data-message");
        message.getStyleClass().add("data-message");
        message.textProperty().bind(model.dataStatusProperty().map(DataStatus::message));
        message.setMaxWidth(Double.MAX_VALUE);
        Label fit = new Label();
        fit.setId("fit-problem");
        fit.getStyleClass().add("fit-problem");
        fit.textProperty().bind(model.fitProperty().map(DataFit::problem));
        fit.visibleProperty().bind(model.fitProperty().map(f -> !f.fits()));
        fit.managedProperty().bind(fit.visibleProperty());
        fit.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(form, windowForm, new MappingPane(model), message, fit);

        model.choiceProperty().addListener((o, was, now) -> showChoice(now));
        model.fileColumnsProperty().addListener((javafx.collections.ListChangeListener<String>) ch -> showColumns());
        model.netProperty().addListener((o, was, now) -> showChoice(model.choiceProperty().get()));
        showChoice(model.choiceProperty().get());
    }

    private void sourceChosen() {
        DatasetSource s = source.getValue();
        if (s != null) {
            model.choose(s);
        }
    }

    private void showChoice(DataChoice c) {
        if (c != null && source.getValue() != c.source()) {
            source.setValue(c.source());
        }
        boolean needsPath = c != null && c.source().needsPath();
        pathRow.setVisible(needsPath);
        pathRow.setManaged(needsPath);
        boolean csv = c != null && c.source().kind() == DatasetSource.Kind.CSV;
        boolean text = c != null && c.source() == DatasetSource.TEXT_FILE;
        windowForm.setVisible(text);
        windowForm.setManaged(text);
        targetRow.setVisible(csv && c.path() != null);
        targetRow.setManaged(targetRow.isVisible());
        textColumnRow.setVisible(targetRow.isVisible() && model.readsText());
        textColumnRow.setManaged(textColumnRow.isVisible());
        if (needsPath) {
            choosePath.setText(c.source() == DatasetSource.IMAGE_FOLDER ? "Choose folder…" : "Choose file…");
            path.setText(c.path() == null ? "nothing chosen" : c.path().getFileName().toString());
        }
    }

    /** The chosen file's columns, as targets and (for a net that reads text) as the column of texts. */
    private void showColumns() {
        DataChoice c = model.choiceProperty().get();
        java.util.List<String> columns = model.fileColumnsProperty();
        updatingTargets = true;
        try {
            target.getItems().setAll(columns);
            String chosenTarget = c == null || c.targetColumn() == null
                    ? columns.isEmpty() ? null : columns.get(columns.size() - 1) : c.targetColumn();
            target.setValue(chosenTarget);
            textColumn.getItems().setAll(columns.stream().filter(n -> !n.equals(chosenTarget)).toList());
            textColumn.setValue(model.textColumnProperty().get());
        } finally {
            updatingTargets = false;
        }
    }

    private void targetChosen() {
        DataChoice c = model.choiceProperty().get();
        String column = target.getValue();
        if (updatingTargets || c == null || column == null || Objects.equals(column, c.targetColumn())) {
            return;
        }
        model.choiceProperty().set(new DataChoice(c.source(), c.path(), column));
    }

    /** Who asks for a file or folder (tests answer for the person). */
    public void setFilePicker(DataFilePicker picker) {
        this.picker = java.util.Objects.requireNonNull(picker, "picker");
    }

    private void choosePath() {
        DataChoice c = model.choiceProperty().get();
        if (c == null) {
            return;
        }
        picker.pick(c.source(), getScene().getWindow())
                .ifPresent(p -> model.choiceProperty().set(new DataChoice(c.source(), p, null)));
    }
}
