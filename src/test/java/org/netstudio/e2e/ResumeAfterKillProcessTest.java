package org.netstudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.cli.CliRun;
import org.netstudio.engine.runs.EpochRow;
import org.netstudio.engine.runs.RunRecord;
import org.netstudio.engine.runs.RunStatus;
import org.netstudio.engine.runs.RunStore;
import org.netstudio.engine.train.Checkpoint;

/**
 * Issue 14's must-show: {@code netstudio train} in its own JVM, killed with {@code kill -9} after an
 * epoch's checkpoint, reads as crashed; {@code train --resume} continues from that checkpoint into
 * the same run record, and the record ends whole: every epoch once, the curve of an uninterrupted
 * run, status completed.
 */
@EnabledOnOs(OS.LINUX)
class ResumeAfterKillProcessTest {

    private static final int EPOCHS = 12;

    @TempDir
    Path dir;

    private List<String> train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", dir.resolve("net.json").toString(), "--data", "spirals",
                "--epochs", "" + EPOCHS, "--batch-size", "4", "--seed", "5"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void aRunKilledAfterACheckpointResumesFromItIntoTheSameWholeRecord() throws Exception {
        Files.writeString(dir.resolve("net.json"), """
                { "format": "netstudio.net", "version": 1, "name": "resumable",
                  "net": { "type": "Chain", "input": { "shape": [2] },
                    "layers": [ { "type": "Linear", "units": 64 }, { "type": "Tanh" },
                                { "type": "Linear", "units": 3 }, { "type": "Softmax" } ] } }
                """);
        Path runs = dir.resolve("runs");
        Process p = LauncherProcess.startUntil(LauncherProcess.builder(dir, List.of(),
                train("--runs", runs.toString(), "--out", dir.resolve("out.nsnet").toString())), "training",
                () -> runFolder(runs).flatMap(f -> Checkpoint.epochIn(f.resolve(RunRecord.CHECKPOINT_FOLDER)))
                        .orElse(0) >= 3);
        int killedAfter;
        Path run;
        try {
            new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        run = runFolder(runs).orElseThrow();
        killedAfter = Checkpoint.epochIn(run.resolve(RunRecord.CHECKPOINT_FOLDER)).orElseThrow();
        assertThat(killedAfter).isBetween(3, EPOCHS - 1);
        String id = run.getFileName().toString();
        RunStore store = RunStore.at(runs);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(RunStatus.CRASHED);
        assertThat(CliRun.run("runs", "--runs", runs.toString(), "--json").json().get(0).get("status").asText())
                .isEqualTo("crashed");

        CliRun resumed = CliRun.run(train("--runs", runs.toString(), "--resume", id, "--out",
                dir.resolve("resumed.nsnet").toString()).toArray(String[]::new));

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("Resuming run " + id + " after epoch " + killedAfter + ".")
                .contains("Run recorded: " + id);
        RunRecord record = store.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(record.resumes()).isEqualTo(1);
        assertThat(record.epochs()).isEqualTo(EPOCHS);
        List<EpochRow> rows = record.epochRows();
        assertThat(rows).extracting(EpochRow::epoch)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, EPOCHS).boxed().toList());

        // The same training without the kill: the resumed curve continues where the checkpoint left it.
        Path other = dir.resolve("other-runs");
        CliRun whole = CliRun.run(train("--runs", other.toString(), "--out", dir.resolve("whole.nsnet").toString())
                .toArray(String[]::new));
        assertThat(whole.exit()).as(whole.err()).isZero();
        RunRecord reference = RunStore.at(other).list().get(0);
        List<EpochRow> uninterrupted = reference.epochRows();
        assertThat(record.batchRows()).as("every batch once").hasSize(reference.batchRows().size());
        for (int e = 0; e < EPOCHS; e++) {
            assertThat(rows.get(e).trainLoss()).as("epoch %d", e + 1)
                    .isCloseTo(uninterrupted.get(e).trainLoss(), within(1e-4));
        }
    }

    private static Optional<Path> runFolder(Path runs) {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static String read(Path f) throws java.io.IOException {
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }
}
