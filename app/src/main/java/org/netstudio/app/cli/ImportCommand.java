package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.onnx.ImportReport;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netstudio import MODEL.onnx -o NET.nsnet [--json]}: imports an ONNX model and prints the import report. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an ONNX model as a NetStudio net with its weights, and report what each ONNX node became.")
public final class ImportCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "An ONNX model file (.onnx).")
    private Path model;

    @Option(names = {"-o", "--out"}, paramLabel = "NET",
            description = "Where to save the net: .nsnet (net and weights in one file) or .json (weights beside it).")
    private Path out;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        if (out != null && !out.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(nsnet|json)")) {
            throw CommandFailure.unreadable(out + ": save the net as .nsnet or .json");
        }
        OnnxImport imported;
        try {
            imported = OnnxImporter.read(model);
        } catch (NoSuchFileException e) {
            throw CommandFailure.unreadable(model + ": no such file");
        } catch (IOException e) {
            throw CommandFailure.unreadable(e.getMessage());
        }
        if (out != null) {
            try {
                NetFiles.write(out, imported.document(), imported.weights());
            } catch (IOException | IllegalArgumentException e) {
                throw CommandFailure.unreadable("cannot write " + out + ": " + e.getMessage());
            }
        }
        PrintWriter o = out();
        if (json.on()) {
            JsonOutput.print(o, toJson(imported.report()));
        } else {
            o.println(imported.report().text());
            if (out != null) {
                o.println("Saved " + out);
            }
            o.flush();
        }
        return ExitCodes.OK;
    }

    private ObjectNode toJson(ImportReport r) {
        ObjectNode root = JsonOutput.NODES.objectNode();
        root.put("model", model.toString());
        root.put("net", out == null ? null : out.toString());
        root.put("nodes", r.entries().size());
        for (ImportReport.Outcome o : ImportReport.Outcome.values()) {
            root.put(o.name().toLowerCase(Locale.ROOT), r.count(o));
        }
        ArrayNode entries = root.putArray("entries");
        for (ImportReport.Entry e : r.entries()) {
            ObjectNode n = entries.addObject();
            n.put("onnxName", e.onnxName());
            n.put("opType", e.opType());
            n.put("outcome", e.outcome().name().toLowerCase(Locale.ROOT));
            n.put("node", e.node());
            n.put("layerType", e.layerType());
            n.put("reason", e.reason());
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return root;
    }
}
