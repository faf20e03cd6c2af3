package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.summary.NetSummary;
import org.netstudio.netgraph.summary.SummaryTable;
import picocli.CommandLine.Command;

/** {@code netstudio info NET [--json]}: a Keras-like summary of a net. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Summarise a net: one row per layer (name, type, output shape, parameters), and totals.")
public final class InfoCommand extends NetCommand {

    @Override
    public Integer call() {
        NetDocument doc = net.load().document();
        NetSummary summary = NetSummary.of(doc.net(), ShapeInference.infer(doc.net()));
        json.print(out(), () -> toJson(doc, summary), out -> print(out, doc, summary));
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, NetDocument doc, NetSummary summary) {
        out.print(SummaryTable.format(doc.name(), summary));
        if (!doc.multipliers().isEmpty()) {
            List<String> frozen = frozenLayers(doc, summary);
            out.println("Learning-rate multipliers: " + FreezeOptions.describe(doc.multipliers()) + ".");
            out.println(frozen.isEmpty() ? "No layer is frozen." : "Frozen layers (" + frozen.size() + "): "
                    + String.join(", ", frozen) + ".");
        }
        if (!summary.valid()) {
            out.println();
            out.println(summary.diagnostics().size() == 1 ? "1 problem:" : summary.diagnostics().size() + " problems:");
            for (Diagnostic d : summary.diagnostics()) {
                out.println("  " + d.message());
            }
        }
        out.flush();
    }

    /** The paths of the layers with parameters whose learning-rate multiplier is 0. */
    static List<String> frozenLayers(NetDocument doc, NetSummary s) {
        return s.rows().stream().filter(r -> r.parameters() != 0 && doc.multipliers().frozen(NodePath.parse(r.name())))
                .map(NetSummary.Row::name).toList();
    }

    static ObjectNode toJson(NetDocument doc, NetSummary s) {
        ObjectNode root = JsonOutput.NODES.objectNode();
        root.put("name", doc.name());
        ObjectNode params = root.putObject("parameters");
        params.put("total", s.total());
        params.put("trainable", s.trainable());
        params.put("nonTrainable", s.nonTrainable());
        root.put("multiplyAdds", s.multiplyAdds());
        ArrayNode inputs = root.putArray("inputs");
        s.inputs().forEach(p -> inputs.add(JsonOutput.port(p.name(), p.type())));
        ArrayNode outputs = root.putArray("outputs");
        s.outputs().forEach(p -> outputs.add(JsonOutput.port(p.name(), p.type())));
        ArrayNode layers = root.putArray("layers");
        for (NetSummary.Row r : s.rows()) {
            ObjectNode l = layers.addObject();
            l.put("name", r.name());
            l.put("type", r.type());
            l.set("outputShape", r.outputs().isEmpty() ? null : JsonOutput.shape(r.outputs().get(0)));
            l.put("parameters", r.parameters());
            l.put("trainable", r.trainable());
            l.put("multiplyAdds", r.multiplyAdds());
        }
        ObjectNode multipliers = root.putObject("learningRateMultipliers");
        doc.multipliers().factors().forEach((path, f) -> multipliers.put(path.toString(), f));
        ArrayNode frozen = root.putArray("frozenLayers");
        frozenLayers(doc, s).forEach(frozen::add);
        root.put("valid", s.valid());
        ArrayNode problems = root.putArray("problems");
        s.diagnostics().forEach(d -> problems.add(JsonOutput.problem(d)));
        return root;
    }
}
