package org.netstudio.trainer.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's target as a form, without a stage. */
class TargetFormTest {

    @TempDir
    Path dir;

    private Path fakePython(String name) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void netStudioNeedsNothingOfTheTorchrunFields() {
        TargetForm form = new TargetForm();
        form.processes().textProperty().set("0");

        assertThat(form.targetProperty().get()).isEqualTo(TrainingTarget.NETSTUDIO);
        assertThat(form.valid().get()).isTrue();
        assertThat(form.firstProblem()).isEmpty();
    }

    @Test
    void torchrunNeedsAPythonThatRunsAndAProcessCountInRange() throws Exception {
        TargetForm form = new TargetForm();
        form.targetProperty().set(TrainingTarget.TORCHRUN);

        assertThat(form.valid().get()).isFalse();
        assertThat(form.firstProblem()).isEqualTo("Choose the Python that has PyTorch (none was found on this computer).");

        form.python().textProperty().set(dir.resolve("nowhere/python3").toString());
        assertThat(form.firstProblem()).isEqualTo("The Python “" + dir.resolve("nowhere/python3") + "” does not exist.");

        Path notRunnable = Files.writeString(dir.resolve("python.txt"), "");
        Files.setPosixFilePermissions(notRunnable, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ));
        form.python().textProperty().set(notRunnable.toString());
        assertThat(form.firstProblem()).endsWith("is not a program this computer can run.");

        form.python().textProperty().set(fakePython("python3").toString());
        assertThat(form.valid().get()).isTrue();

        form.processes().textProperty().set("0");
        assertThat(form.valid().get()).isFalse();
        assertThat(form.firstProblem()).isEqualTo("The number of processes must be between 1 and 256, but was 0");
    }

    @Test
    void aFoundPythonFillsTheFieldOnlyWhenThePersonChoseNone() throws Exception {
        TargetForm form = new TargetForm();
        Path found = fakePython("found-python");
        form.found(Optional.of(found), "Found, with PyTorch 1.13.0.");
        assertThat(form.python().value()).contains(found);
        assertThat(form.pythonNoteProperty().get()).isEqualTo("Found, with PyTorch 1.13.0.");

        Path picked = fakePython("picked-python");
        form.python().textProperty().set(picked.toString());
        form.found(Optional.of(found), "Found, with PyTorch 1.13.0.");
        assertThat(form.python().value()).contains(picked);
    }
}
