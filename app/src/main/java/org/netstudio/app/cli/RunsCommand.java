package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryException;
import org.netstudio.engine.runs.EpochRow;
import org.netstudio.engine.runs.RunRecord;
import org.netstudio.engine.runs.RunStatus;
import org.netstudio.engine.runs.RunStore;
import org.netstudio.netgraph.files.NetFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netstudio runs [NET] [--json]}: the recorded training runs, newest first, of one net or of
 * all; {@code runs --delete ID} removes one, {@code runs show ID} shows one with its epochs. The
 * runs are those the window lists in its Runs view (see {@link RunOptions}).
 */
@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = RunsCommand.Show.class,
        description = {"List the recorded training runs, newest first: every netstudio train and every training in"
                + " the window is recorded.", "Resume a stopped or crashed run with netstudio train NET --resume ID."})
public final class RunsCommand extends Subcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NET",
            description = "Only the runs of this net (a net file, a gallery id or a net's name).")
    private String net;

    @Option(names = "--delete", paramLabel = "ID", description = "Delete the run ID and all its files.")
    private String delete;

    @Mixin
    private RunsFolderOption runs;

    @Mixin
    private JsonOption json;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Override
    public Integer call() {
        RunStore store = runs.store();
        PrintWriter out = out();
        if (delete != null) {
            try {
                if (!store.delete(delete)) {
                    throw CommandFailure.unreadable("--delete " + delete + ": there is no such run in " + store.folder());
                }
            } catch (IOException e) {
                throw CommandFailure.invalid("--delete " + delete + ": " + e.getMessage());
            }
            out.println("Deleted run " + delete + ".");
            out.flush();
            return ExitCodes.OK;
        }
        List<RunRecord> list;
        try {
            list = net == null ? store.list() : store.listFor(netName(net));
        } catch (IOException e) {
            throw CommandFailure.unreadable(store.folder() + ": " + e.getMessage());
        }
        if (json.on()) {
            ArrayNode all = JsonOutput.NODES.arrayNode();
            list.forEach(r -> all.add(toJson(r)));
            JsonOutput.print(out, all);
        } else {
            out.print(table(list, store));
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** The name a NET argument's runs are recorded under: a file's or gallery net's name, else the text itself. */
    private String netName(String arg) {
        Path file = Path.of(arg);
        try {
            if (Files.isRegularFile(file)) {
                return RunOptions.named(NetFiles.read(file).document(), arg).name();
            }
            if (Gallery.standard().find(arg).isPresent()) {
                return RunOptions.named(Gallery.standard().loadWithWeights(arg).document(), arg).name();
            }
        } catch (IOException | GalleryException e) {
            throw CommandFailure.unreadable(arg + ": " + e.getMessage());
        }
        return arg;
    }

    static String table(List<RunRecord> list, RunStore store) {
        if (list.isEmpty()) {
            return "No runs in " + store.folder() + ". Every netstudio train records one.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NET", "STARTED", "STATUS", "EPOCHS", "VAL LOSS", "VAL ACC", "LR", "BATCH",
            "OPTIMIZER"});
        for (RunRecord r : list) {
            rows.add(new String[] {r.id(), r.netName(), r.started() == null ? "" : WHEN.format(r.started()),
                r.status().id(), r.status() == RunStatus.UNREADABLE ? "" : Integer.toString(r.epochs()),
                number(r.validationLoss(), "%.4f"), percent(r.validationAccuracy()),
                r.option("learningRate").orElse(""), r.option("batchSize").orElse(""), r.option("optimizer").orElse("")});
        }
        StringBuilder sb = new StringBuilder(Columns.format(rows));
        long unreadable = list.stream().filter(r -> r.status() == RunStatus.UNREADABLE).count();
        sb.append('\n').append(list.size()).append(list.size() == 1 ? " run" : " runs").append(" in ")
                .append(store.folder()).append(unreadable > 0 ? "; " + unreadable + " unreadable (netstudio runs show ID says why)" : "")
                .append(". Show one with: netstudio runs show ID\n");
        return sb.toString();
    }

    static ObjectNode toJson(RunRecord r) {
        ObjectNode o = JsonOutput.NODES.objectNode();
        o.put("id", r.id());
        o.put("status", r.status().id());
        o.put("folder", r.folder().toString());
        if (r.status() == RunStatus.UNREADABLE) {
            o.put("problem", r.problem());
            return o;
        }
        o.put("net", r.netName());
        o.put("netSha256", r.netHash());
        o.put("started", r.started().toString());
        if (r.ended() != null) {
            o.put("ended", r.ended().toString());
        } else {
            o.putNull("ended");
        }
        o.put("data", r.data());
        o.put("device", r.device());
        o.put("origin", r.origin());
        ArrayNode tags = o.putArray("tags");
        r.tags().forEach(tags::add);
        o.put("epochs", r.epochs());
        o.put("bestEpoch", r.bestEpoch());
        JsonOutput.putNumber(o, "trainLoss", r.trainLoss());
        JsonOutput.putNumber(o, "trainAccuracy", r.trainAccuracy());
        JsonOutput.putNumber(o, "validationLoss", r.validationLoss());
        JsonOutput.putNumber(o, "validationAccuracy", r.validationAccuracy());
        ObjectNode options = o.putObject("options");
        r.options().forEach(options::put);
        o.put("message", r.message());
        o.put("seconds", r.seconds());
        o.put("resumes", r.resumes());
        return o;
    }

    private static String number(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "";
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "";
    }

    /** {@code netstudio runs show ID}: one run, every recorded option and its epochs. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one run: what it trained, its options,"
            + " how it ended and its epochs.")
    static final class Show extends Subcommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The run's id (netstudio runs lists them).")
        private String id;

        @Mixin
        private RunsFolderOption runs;

        @Mixin
        private JsonOption json;

        @Override
        public Integer call() {
            RunStore store = runs.store();
            RunRecord r = store.find(id).orElseThrow(() -> CommandFailure.unreadable(id + ": there is no such run in "
                    + store.folder() + " (netstudio runs lists them)"));
            List<EpochRow> epochs;
            try {
                epochs = r.epochRows();
            } catch (IOException e) {
                throw CommandFailure.unreadable(r.folder() + ": " + e.getMessage());
            }
            PrintWriter out = out();
            if (json.on()) {
                ObjectNode o = toJson(r);
                ArrayNode rows = o.putArray("epochRows");
                for (EpochRow e : epochs) {
                    ObjectNode row = rows.addObject();
                    row.put("epoch", e.epoch());
                    JsonOutput.putNumber(row, "trainLoss", e.trainLoss());
                    JsonOutput.putNumber(row, "trainAccuracy", e.trainAccuracy());
                    JsonOutput.putNumber(row, "validationLoss", e.validationLoss());
                    JsonOutput.putNumber(row, "validationAccuracy", e.validationAccuracy());
                    JsonOutput.putNumber(row, "learningRate", e.learningRate());
                    JsonOutput.putNumber(row, "seconds", e.seconds());
                }
                JsonOutput.print(out, o);
                return ExitCodes.OK;
            }
            if (r.status() == RunStatus.UNREADABLE) {
                out.println("Run " + r.id() + " is unreadable: " + r.problem());
                out.flush();
                return ExitCodes.OK;
            }
            out.println("Run " + r.id() + " (" + r.folder() + ")");
            out.println("  net:      " + r.netName() + " (sha256 " + r.netHash().substring(0, Math.min(12, r.netHash().length()))
                    + "…, copy in " + RunRecord.NET_FILE + ")");
            out.println("  data:     " + r.data());
            out.println("  status:   " + r.status().id() + (r.message().isEmpty() ? "" : ": " + r.message()));
            out.println("  started:  " + WHEN.format(r.started()) + (r.ended() == null ? "" : ", ended " + WHEN.format(r.ended()))
                    + String.format(Locale.ROOT, " (%.1f s)", r.seconds()));
            out.println("  origin:   " + r.origin() + (r.tags().isEmpty() ? "" : "; tags " + String.join(", ", r.tags()))
                    + "; device " + r.device() + (r.resumes() > 0 ? "; resumed " + r.resumes() + "×" : ""));
            out.println("  options:  " + String.join(", ", r.options().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"EPOCH", "TRAIN LOSS", "TRAIN ACC", "VAL LOSS", "VAL ACC", "LR", "SECONDS", ""});
            for (EpochRow e : epochs) {
                rows.add(new String[] {Integer.toString(e.epoch()), number(e.trainLoss(), "%.4f"), percent(e.trainAccuracy()),
                    number(e.validationLoss(), "%.4f"), percent(e.validationAccuracy()), Double.isFinite(e.learningRate()) ? Double.toString(e.learningRate()) : "",
                    number(e.seconds(), "%.2f"), e.epoch() == r.bestEpoch() ? "best" : ""});
            }
            out.println();
            out.print(Columns.format(rows));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
