package org.netstudio.trainer.data;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.netstudio.engine.data.DatasetSource;

/**
 * Asks the person for the file or folder a data source reads: the system's choosers by default;
 * tests give their own, as a person's answer.
 */
@FunctionalInterface
public interface DataFilePicker {

    /**
     * @param source the source that needs a path (a CSV file, a text file, a folder)
     * @param owner the window the chooser belongs to
     * @return the chosen path, or empty when the person cancelled
     */
    Optional<Path> pick(DatasetSource source, Window owner);

    /** The system's file and folder choosers. */
    DataFilePicker SYSTEM = (source, owner) -> {
        File chosen;
        if (source == DatasetSource.TEXT_FILE) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose a text to learn to continue");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Text files", "*.txt"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            chosen = chooser.showOpenDialog(owner);
        } else if (source.kind() == DatasetSource.Kind.CSV) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose a CSV file");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
            chosen = chooser.showOpenDialog(owner);
        } else {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose a folder with one sub-folder of images (or .txt texts) per class");
            chosen = chooser.showDialog(owner);
        }
        return Optional.ofNullable(chosen).map(File::toPath);
    };
}
