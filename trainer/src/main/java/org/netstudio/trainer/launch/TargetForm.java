package org.netstudio.trainer.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.netstudio.engine.torchrun.TorchrunLaunch;
import org.netstudio.trainer.options.OptionField;

/**
 * The trainer's target as a form: NetStudio or PyTorch (torchrun), and for torchrun the number of
 * processes on this machine and the Python that has PyTorch (found, or picked by the person). Each
 * field is checked as it is typed; {@link #valid()} is true when NetStudio is chosen or every
 * torchrun field is valid. No scene-graph types.
 */
public final class TargetForm {

    /** The most processes one machine runs: more than any desktop has cores to give them. */
    public static final int MAX_PROCESSES = 256;

    private final ObjectProperty<TrainingTarget> target = new SimpleObjectProperty<>(this, "target",
            TrainingTarget.NETSTUDIO);
    private final OptionField<Integer> processes = new OptionField<>("Processes",
            Integer.toString(TorchrunLaunch.DEFAULT_PROCESSES),
            OptionField.integer("The number of processes", 1, MAX_PROCESSES));
    private final OptionField<Path> python = new OptionField<>("Python", "", TargetForm::parsePython);
    private final ReadOnlyStringWrapper pythonNote = new ReadOnlyStringWrapper(this, "pythonNote", "");
    private final ReadOnlyStringWrapper clusterCommand = new ReadOnlyStringWrapper(this, "clusterCommand", "");
    private final BooleanBinding valid;

    public TargetForm() {
        valid = Bindings.createBooleanBinding(() -> target.get() != TrainingTarget.TORCHRUN
                || processes.messageProperty().get().isEmpty() && python.messageProperty().get().isEmpty(),
                target, processes.messageProperty(), python.messageProperty());
    }

    /** Which engine trains. */
    public ObjectProperty<TrainingTarget> targetProperty() {
        return target;
    }

    /** Whether torchrun trains. */
    public boolean isTorchrun() {
        return target.get() == TrainingTarget.TORCHRUN;
    }

    /** The processes torchrun starts on this machine ({@code --nproc_per_node}). */
    public OptionField<Integer> processes() {
        return processes;
    }

    /** The Python interpreter torchrun runs with (it must have PyTorch). */
    public OptionField<Path> python() {
        return python;
    }

    /**
     * Puts a Python found on this computer into the field, unless the person typed or picked one.
     *
     * @param found the interpreter, or empty when none with PyTorch was found
     * @param note what the search found or why none was, e.g. "PyTorch 1.13.0 (found)"
     */
    public void found(Optional<Path> found, String note) {
        if (python.textProperty().get().isBlank()) {
            found.ifPresent(p -> python.textProperty().set(p.toString()));
        }
        pythonNote.set(note);
    }

    /** What the search for Python found, or why it found none; empty before it ran. */
    public ReadOnlyStringProperty pythonNoteProperty() {
        return pythonNote.getReadOnlyProperty();
    }

    /** The command to run the project on a cluster (set by the trainer once it knows the project), or empty. */
    public ReadOnlyStringProperty clusterCommandProperty() {
        return clusterCommand.getReadOnlyProperty();
    }

    /** Shows the cluster command of the project the next (or last) run trains. */
    public void setClusterCommand(String command) {
        clusterCommand.set(command);
    }

    /** True when NetStudio trains, or when every torchrun field is valid. */
    public BooleanBinding valid() {
        return valid;
    }

    /** Why torchrun cannot start with these fields, or empty (always empty for NetStudio). */
    public String firstProblem() {
        if (!isTorchrun()) {
            return "";
        }
        for (OptionField<?> f : new OptionField<?>[] {processes, python}) {
            if (!f.messageProperty().get().isEmpty()) {
                return f.messageProperty().get();
            }
        }
        return "";
    }

    private static Path parsePython(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Choose the Python that has PyTorch (none was found on this computer).");
        }
        Path p;
        try {
            p = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("The Python “" + text + "” is not a path.");
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("The Python “" + text + "” does not exist.");
        }
        if (!Files.isExecutable(p)) {
            throw new IllegalArgumentException("The Python “" + text + "” is not a program this computer can run.");
        }
        return p;
    }
}
