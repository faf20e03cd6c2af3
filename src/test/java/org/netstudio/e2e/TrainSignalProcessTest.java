package org.netstudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.files.NetFiles;

/**
 * {@code netstudio train --out}, started by the real launcher in its own JVM, told to stop by
 * SIGTERM (a service manager, {@code kill}) or SIGINT (Ctrl+C) in the middle of training: it stops
 * before the next batch, saves the best net so far whole, says so, prints no stack trace and exits
 * with the code a shell expects for the signal (128 + its number), leaving no temporary file.
 */
@EnabledOnOs(OS.LINUX)
class TrainSignalProcessTest {

    @TempDir
    Path dir;

    /** Where the child's run records go: not into the test's folder, whose files are checked, nor the user's. */
    @TempDir
    Path runs;

    /** Starts a training far longer than the test and returns once its first epochs are reported. */
    private Process startTraining() throws Exception {
        Files.writeString(dir.resolve("net.json"), """
                { "format": "netstudio.net", "version": 1, "name": "spirals",
                  "net": { "type": "Chain", "input": { "shape": [2] },
                    "layers": [ { "type": "Linear", "units": 64 }, { "type": "Tanh" },
                                { "type": "Linear", "units": 3 }, { "type": "Softmax" } ] } }
                """);
        ProcessBuilder training = LauncherProcess.builder(dir, List.of("-Dnetstudio.runs.dir=" + runs),
                List.of("train", "net.json", "--data", "spirals", "--epochs", "100000", "--patience", "0", "--out",
                        "out.nsnet"));
        // Two epochs reported: the first best net exists, and training is under way.
        return LauncherProcess.startUntil(training, "training", () -> err().contains("epoch 2/"));
    }

    private String err() throws IOException {
        return read("err.txt");
    }

    private String read(String name) throws IOException {
        return LauncherProcess.read(dir, name);
    }

    private void assertStopsSavingTheBestNetSoFar(Process p, int signal) throws Exception {
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("train ends after the signal").isTrue();
        String err = err();
        assertThat(p.exitValue()).as(err).isEqualTo(128 + signal);
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("A fatal error");
        // The signal lands during an epoch or, now and then, just as one ends.
        assertThat(read("out.txt")).containsPattern("Stopped (in|after) epoch \\d+").contains("Saved to out.nsnet");
        LoadedNet saved = NetFiles.read(dir.resolve("out.nsnet"));
        assertThat(saved.weights()).as("the saved net holds its trained weights").isPresent();
        assertThat(saved.weights().get().isEmpty()).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no temporary and no crash log is left")
                    .containsExactlyInAnyOrder("net.json", "out.nsnet", "out.txt", "err.txt");
        }
    }

    @Test
    void sigtermStopsTrainingAndSavesTheBestNetSoFar() throws Exception {
        Process p = startTraining();
        try {
            p.destroy(); // SIGTERM

            assertStopsSavingTheBestNetSoFar(p, LauncherProcess.SIGTERM);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void ctrlCStopsTrainingAndSavesTheBestNetSoFar() throws Exception {
        Process p = startTraining();
        try {
            LauncherProcess.interrupt(p);

            assertStopsSavingTheBestNetSoFar(p, LauncherProcess.SIGINT);
        } finally {
            p.destroyForcibly();
        }
    }
}
