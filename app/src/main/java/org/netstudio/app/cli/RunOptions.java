package org.netstudio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netstudio.app.document.RunsFolder;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.runs.RunRecord;
import org.netstudio.engine.runs.RunRecorder;
import org.netstudio.engine.runs.RunStore;
import org.netstudio.engine.runs.RunSubject;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ParameterException;

/**
 * The run-record options of {@code netstudio train} (a picocli mixin): every training is recorded
 * in the runs folder ({@link RunsFolder}) with a resumable checkpoint every N epochs, unless
 * {@code --no-record}; {@code --resume RUN} continues a stopped or crashed run into its record.
 */
final class RunOptions {

    @Mixin
    private RunsFolderOption runs;

    @Option(names = "--no-record", description = "Do not record this run (no run folder, no checkpoints).")
    private boolean noRecord;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            defaultValue = "" + TrainingOptions.DEFAULT_CHECKPOINT_EVERY,
            description = "Write a resumable checkpoint (weights, optimizer state, epoch) into the run every N epochs "
                    + "(default ${DEFAULT-VALUE}).")
    private int checkpointEvery;

    @Option(names = "--resume", paramLabel = "RUN",
            description = "Continue the stopped or crashed run RUN (an id from netstudio runs) from its last checkpoint, "
                    + "with the same net and options; --epochs may ask for more.")
    private String resume;

    @Option(names = "--tag", paramLabel = "TAG", description = "A label for the run record (repeat for several).")
    private List<String> tags = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private RunRecorder recorder;

    /** The name runs of a document go under: its name, else the file's name without extension. */
    static NetDocument named(NetDocument doc, String netArgument) {
        if (!doc.name().isBlank()) {
            return doc;
        }
        String file = Path.of(netArgument).getFileName().toString();
        int dot = file.lastIndexOf('.');
        return new NetDocument(dot > 0 ? file.substring(0, dot) : file, doc.net(), doc.layout());
    }

    /**
     * Starts (or reopens, with --resume) the run record and returns the options to train with:
     * checkpoints into the run, and for a resume the checkpoint to continue from.
     */
    TrainingOptions begin(TrainingOptions options, NetDocument trainee, Weights initial, String data,
            String netArgument, PrintWriter err) {
        if (checkpointEvery < 1) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-every must be at least 1, but was "
                    + checkpointEvery);
        }
        TrainingOptions every = options.toBuilder().checkpointEvery(checkpointEvery).build();
        if (noRecord) {
            if (resume != null) {
                throw CommandFailure.invalid("--resume continues a recorded run; it cannot be combined with --no-record");
            }
            return every;
        }
        RunStore store = runs.store();
        NetDocument doc = named(trainee, netArgument);
        try {
            if (resume != null) {
                RunRecord run = store.find(resume).orElseThrow(() -> CommandFailure.unreadable("--resume " + resume
                        + ": there is no such run in " + store.folder() + " (netstudio runs lists them)"));
                if (!run.netHash().equals(RunRecorder.netHash(doc))) {
                    throw CommandFailure.invalid("--resume " + resume + ": the run trained another version of the net"
                            + " (its copy is " + run.netFile() + ")");
                }
                recorder = RunRecorder.resume(store, resume);
                err.println("Resuming run " + resume + " after epoch " + recorder.resumedAfterEpoch() + ".");
            } else {
                recorder = RunRecorder.start(store, new RunSubject(doc, initial, data, "", "cli", tags));
            }
        } catch (IOException e) {
            throw CommandFailure.invalid(e.getMessage());
        }
        return recorder.withCheckpoints(every);
    }

    /** Records the training; call before it runs. */
    void attach(PreparedTraining training) {
        if (recorder == null) {
            return;
        }
        try {
            recorder.attach(training);
        } catch (IllegalArgumentException e) {
            recorder = null;
            throw CommandFailure.invalid("--resume " + resume + ": " + e.getMessage());
        }
    }

    /** Ends the record of a training that could not be prepared. */
    void abandon(String message) {
        if (recorder != null) {
            recorder.abandon(message);
        }
    }

    /** The recorded run, if there is one. */
    Optional<RunRecorder> recorder() {
        return Optional.ofNullable(recorder);
    }

    /** Says where the run was recorded, or why it was not recorded whole. */
    void report(PrintWriter err) {
        if (recorder == null) {
            return;
        }
        recorder.problem().ifPresent(p -> err.println("warning: " + p));
        err.println("Run recorded: " + recorder.id() + " (" + recorder.folder() + ")");
    }
}
