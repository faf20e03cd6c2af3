package org.netstudio.trainer.launch;

import java.io.File;
import java.nio.file.Path;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.netstudio.trainer.options.FormGrid;

/**
 * Where training runs: NetStudio or PyTorch (torchrun); for torchrun, the processes, the Python
 * (typed, found, or picked with a file chooser), and the command that runs the same project on a
 * cluster, to copy. Only binds to a {@link TargetForm}.
 */
public final class TargetPane extends VBox {

    public TargetPane(TargetForm form) {
        getStyleClass().add("target-pane");
        setSpacing(4);
        FormGrid choice = new FormGrid();
        ComboBox<TrainingTarget> target = FormGrid.choice("training-target", TrainingTarget.values(), form.targetProperty(),
                TrainingTarget::label);
        target.setTooltip(new Tooltip("NetStudio trains in this window; PyTorch (torchrun) exports the net as a PyTorch"
                + " project and trains it with torchrun on several processes, then brings the best weights back"));
        choice.add("Target", target);

        FormGrid torchrun = new FormGrid();
        torchrun.add(form.processes(), "torchrun-processes")
                .setTooltip(new Tooltip("torchrun --nproc_per_node: the processes on this computer"));
        torchrun.add(form.python(), "torchrun-python");
        Button pick = new Button("Choose…");
        pick.setTooltip(new Tooltip("Choose the Python that has PyTorch"));
        pick.setId("torchrun-choose-python");
        pick.setOnAction(e -> choosePython(form));
        Label note = new Label();
        note.setId("torchrun-python-note");
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        note.textProperty().bind(form.pythonNoteProperty());
        torchrun.add("", pick);
        torchrun.addWide(note);

        Label clusterTitle = new Label("Cluster command");
        clusterTitle.getStyleClass().add("form-label");
        TextArea cluster = new TextArea();
        cluster.setId("torchrun-cluster-command");
        cluster.getStyleClass().add("cluster-command");
        cluster.setEditable(false);
        cluster.setWrapText(true);
        cluster.setPrefRowCount(3);
        cluster.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                form.clusterCommandProperty().get().isEmpty()
                        ? "The command to run this project on several machines shows here when training starts."
                        : form.clusterCommandProperty().get(), form.clusterCommandProperty()));
        Button copy = new Button("Copy");
        copy.setId("torchrun-copy-command");
        copy.disableProperty().bind(form.clusterCommandProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent text = new ClipboardContent();
            text.putString(form.clusterCommandProperty().get());
            Clipboard.getSystemClipboard().setContent(text);
        });
        Label clusterHint = new Label("On every machine, in a copy of the project folder: set --nnodes to the number of"
                + " machines and HOST to one of them.");
        clusterHint.setId("torchrun-cluster-hint");
        clusterHint.getStyleClass().add("hint");
        clusterHint.setWrapText(true);
        VBox torchrunBox = new VBox(4, torchrun, new HBox(8, clusterTitle, copy), cluster, clusterHint);
        torchrunBox.setId("torchrun-settings");
        torchrunBox.visibleProperty().bind(form.targetProperty().isEqualTo(TrainingTarget.TORCHRUN));
        torchrunBox.managedProperty().bind(torchrunBox.visibleProperty());
        getChildren().addAll(choice, torchrunBox);
    }

    private void choosePython(TargetForm form) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose the Python that has PyTorch");
        form.python().value().map(Path::getParent).map(Path::toFile).filter(File::isDirectory)
                .ifPresent(chooser::setInitialDirectory);
        File chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            form.python().textProperty().set(chosen.getAbsolutePath());
        }
    }
}
