package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.app.gallery.GalleryException;
import org.netstudio.app.gallery.GalleryWeights;
import org.netstudio.app.gallery.SentenceClassifier;
import org.netstudio.app.gallery.WeightsDownload;
import org.netstudio.netgraph.summary.ParameterCount;
import org.netstudio.netgraph.summary.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code netstudio gallery [--json]}: the reference nets of the gallery, the pretrained ones first,
 * as a table (id, name, task, parameters: total, trainable, non-trainable) or a JSON array. Any command that takes a NET takes a gallery id too
 * ({@code netstudio info resnet50}).
 */
@Command(name = "gallery", mixinStandardHelpOptions = true, subcommands = {GalleryCommand.Download.class, GalleryCommand.Classifier.class},
        description = "List the reference nets of the gallery. Open one by its id wherever a NET is asked for,"
                + " e.g. netstudio info resnet50.")
public final class GalleryCommand extends Subcommand {

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<GalleryEntry> entries;
        try {
            entries = Gallery.standard().entries();
        } catch (GalleryException e) {
            throw CommandFailure.unreadable(e.getMessage());
        }
        if (json.on()) {
            ArrayNode all = JsonOutput.NODES.arrayNode();
            entries.forEach(e -> all.add(toJson(e)));
            JsonOutput.print(out, all);
        } else {
            out.print(table(entries, GalleryWeights.standard()));
            out.flush();
        }
        return ExitCodes.OK;
    }

    static String table(List<GalleryEntry> entries, GalleryWeights cache) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "TASK", ParameterCount.TOTAL.toUpperCase(Locale.ROOT),
            ParameterCount.TRAINABLE.toUpperCase(Locale.ROOT), ParameterCount.NON_TRAINABLE.toUpperCase(Locale.ROOT),
            "WEIGHTS"});
        for (GalleryEntry e : entries) {
            ParameterCount p = e.parameters();
            rows.add(new String[] {e.id(), e.name(), e.task(), SummaryTable.count(p.total()),
                SummaryTable.count(p.trainable()), SummaryTable.count(p.nonTrainable()), weights(e, cache)});
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                // names and words to the left, counts to the right
                String cell = i < 3 || i == columns - 1 ? r[i] + " ".repeat(width[i] - r[i].length()) : " ".repeat(width[i] - r[i].length()) + r[i];
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append('\n').append(entries.size()).append(" nets, the pretrained ones first. ").append(ParameterCount.MEANING)
                .append(" Open one with: netstudio info ID\n");
        // The terms of each download, said once for the nets that share them (torchvision's six).
        Map<String, List<String>> byLicence = new LinkedHashMap<>();
        entries.forEach(e -> e.weightsDownload().ifPresent(d -> byLicence.computeIfAbsent(d.license(), k -> new ArrayList<>())
                .add(e.id())));
        if (!byLicence.isEmpty()) {
            sb.append("\nWeights are downloaded only when asked: netstudio gallery download ID. Their licences:\n");
            byLicence.forEach((licence, ids) -> sb.append("  ").append(String.join(", ", ids)).append(": ")
                    .append(licence.isBlank() ? "not stated" : licence).append('\n'));
        }
        return sb.toString();
    }

    /** "included", "downloaded", "download needed (78 MB)" or "none" (an architecture only). */
    static String weights(GalleryEntry e, GalleryWeights cache) {
        if (e.weightsDownload().isPresent()) {
            if (cache.cached(e).isPresent()) {
                return "downloaded";
            }
            long bytes = e.weightsDownload().get().bytes();
            return bytes > 0 ? "download needed (" + WeightsDownload.size(bytes) + ")" : "download needed";
        }
        return e.pretrained() ? "included" : "none";
    }

    static ObjectNode toJson(GalleryEntry e) {
        ObjectNode o = JsonOutput.NODES.objectNode();
        o.put("id", e.id());
        o.put("name", e.name());
        o.put("task", e.task());
        o.put("description", e.description());
        o.put("source", e.source());
        ArrayNode inputs = o.putArray("inputs");
        e.inputs().forEach(p -> inputs.add(port(p)));
        ArrayNode outputs = o.putArray("outputs");
        e.outputs().forEach(p -> outputs.add(port(p)));
        ObjectNode params = o.putObject("parameters");
        params.put("total", e.totalParameters());
        params.put("trainable", e.trainableParameters());
        params.put("nonTrainable", e.nonTrainableParameters());
        o.put("referenceParameters", e.referenceParameters());
        o.put("layers", e.layers());
        o.put("nodes", e.nodes());
        o.put("pretrained", e.pretrained());
        if (!e.retrain().isEmpty()) {
            o.put("retrain", e.retrain());
        }
        e.weightsDownload().ifPresent(d -> d.writeTo(o.putObject("weights")));
        e.sentenceSpec().ifPresent(spec -> spec.writeTo(o.putObject("embedding")));
        return o;
    }

    private static ObjectNode port(GalleryEntry.Port p) {
        ObjectNode o = JsonOutput.NODES.objectNode();
        o.put("name", p.name());
        ArrayNode shape = o.putArray("shape");
        for (Object d : p.shape()) {
            if (d instanceof Integer i) {
                shape.add(i);
            } else {
                shape.add(String.valueOf(d));
            }
        }
        o.put("type", p.type());
        if (p.indexRange() > 0) {
            o.put("indexRange", p.indexRange());
        }
        if (p.coder() != null) {
            o.put("coder", p.coder());
        }
        o.put("description", p.description());
        return o;
    }

    /**
     * {@code netstudio gallery download ID}: fetches a gallery net's pretrained weights into the
     * cache (see {@link GalleryWeights}), with a progress line on the error stream, and checks their
     * checksum. Afterwards the id runs with them: {@code netstudio predict resnet18 …}.
     */
    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download the pretrained weights of a gallery net (e.g. resnet18, or a sentence encoder's model"
                    + " and tokenizer: bge-small-en-v1.5) into the cache (~/.cache/netstudio/weights, or"
                    + " -Dnetstudio.weights.cache) and verify their checksum. Afterwards the net's id loads with them.")
    static final class Download extends Subcommand {

        private static final long REDRAW_NANOS = 200_000_000L;

        @picocli.CommandLine.Parameters(paramLabel = "ID", description = "The gallery id, e.g. resnet18.")
        private String id;

        @Override
        public Integer call() {
            PrintWriter out = out();
            PrintWriter err = err();
            GalleryEntry entry;
            try {
                entry = Gallery.standard().find(id).orElse(null);
            } catch (GalleryException e) {
                throw CommandFailure.unreadable(e.getMessage());
            }
            if (entry == null || entry.weightsDownload().isEmpty()) {
                String offered = Gallery.standard().entries().stream().filter(e -> e.weightsDownload().isPresent())
                        .map(GalleryEntry::id).collect(java.util.stream.Collectors.joining(", "));
                throw CommandFailure.invalid((entry == null ? "the gallery has no net \"" + id + "\""
                        : "the gallery offers no weights to download for \"" + entry.id() + "\"")
                        + " (weights can be downloaded for " + offered + ")");
            }
            GalleryWeights cache = GalleryWeights.standard();
            if (cache.cached(entry).isPresent()) {
                out.println(entry.name() + " weights are already downloaded: " + cache.cached(entry).get());
                out.flush();
                return ExitCodes.OK;
            }
            boolean terminal = System.console() != null;
            String name = entry.weightsDownload().get().fileName();
            long[] last = {0, -1};
            try {
                java.nio.file.Path file = cache.download(entry, (done, total) -> {
                    long now = System.nanoTime();
                    boolean end = done == total;
                    if (terminal && (end || now - last[0] >= REDRAW_NANOS)) {
                        last[0] = now;
                        err.print("\r" + progressText(name, done, total));
                        err.flush();
                    } else if (!terminal && total > 0 && done * 4 / total > last[1]) {
                        // In a log, a kept line per quarter instead of a redrawn one.
                        last[1] = done * 4 / total;
                        err.println(progressText(name, done, total));
                        err.flush();
                    }
                });
                if (terminal) {
                    err.println();
                }
                out.println("Downloaded " + entry.name() + " weights to " + file + " (SHA-256 checked). License: "
                        + entry.weightsDownload().get().license());
                out.flush();
                return ExitCodes.OK;
            } catch (java.io.IOException e) {
                if (terminal) {
                    err.println();
                }
                throw CommandFailure.unreadable(e.getMessage());
            }
        }

        /** "resnet18-f37072fd.pth  12.3 of 46.8 MB (26%)", or without the total when unknown. */
        static String progressText(String name, long done, long total) {
            String mb = String.format(Locale.ROOT, "%.1f", done / 1e6);
            return total > 0 ? String.format(Locale.ROOT, "%s  %s of %.1f MB (%d%%)", name, mb, total / 1e6, done * 100 / total)
                    : name + "  " + mb + " MB";
        }
    }

    /**
     * {@code netstudio gallery classifier --labels A,B… --out FILE [--encoder ID]}: a sentence
     * classifier made of a pretrained sentence encoder of the gallery (all-MiniLM-L6-v2 unless
     * {@code --encoder} names a downloaded one; {@link SentenceClassifier}), saved with its weights, to
     * fine-tune with {@code netstudio train FILE --data TABLE --target COLUMN}, the encoder learning
     * too or, with {@code --freeze encoder}, kept as it is.
     */
    @Command(name = "classifier", mixinStandardHelpOptions = true,
            description = "Save a sentence classifier made of a pretrained sentence encoder (text → encoder → its"
                    + " tokens pooled → Linear → Softmax → one of the labels), to fine-tune with: netstudio train FILE"
                    + " --data TABLE --target COLUMN [--freeze encoder].")
    static final class Classifier extends Subcommand {

        @picocli.CommandLine.Option(names = "--labels", required = true, split = ",", paramLabel = "LABEL",
                description = "The classes, as the table's label column names them (two or more).")
        private List<String> labels;

        @picocli.CommandLine.Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
                description = "Where to save the net with its weights (.nsnet).")
        private java.nio.file.Path out;

        @picocli.CommandLine.Option(names = "--encoder", paramLabel = "ID", defaultValue = SentenceClassifier.ENCODER_ID,
                description = "The gallery's sentence encoder: minilm (default, included), bge-small-en-v1.5 or"
                        + " e5-small-v2 (downloaded first with: netstudio gallery download ID).")
        private String encoder;

        @Override
        public Integer call() {
            org.netstudio.netgraph.io.LoadedNet net;
            try {
                // As the window reads them: "cooking, sport" quoted is two labels without spaces.
                labels = SentenceClassifier.labels(String.join(",", labels));
                net = SentenceClassifier.of(Gallery.standard(), encoder, labels);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.invalid(e.getMessage());
            } catch (GalleryException | org.netstudio.app.gallery.NotDownloadedException e) {
                throw CommandFailure.unreadable(e.getMessage());
            }
            try {
                org.netstudio.netgraph.files.NetFiles.write(out, net.document(), net.weights().orElseThrow());
            } catch (java.io.IOException e) {
                throw CommandFailure.unreadable(out + ": " + e.getMessage());
            }
            PrintWriter w = out();
            w.println("Saved a sentence classifier of " + String.join(", ", labels) + " made of "
                    + net.weights().orElseThrow().metadata().get("encoder") + " to " + out
                    + ". Fine-tune it with: netstudio train " + out + " --data TABLE --target COLUMN [--freeze "
                    + SentenceClassifier.ENCODER + "]");
            w.flush();
            return ExitCodes.OK;
        }
    }
}
