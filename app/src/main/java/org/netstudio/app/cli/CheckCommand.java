package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.NetDocument;
import picocli.CommandLine.Command;

/** {@code netstudio check NET [--json]}: exit 0 for a valid net, 1 with its problems otherwise. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a net's types and shapes. Exit code 0: valid; 1: problems (one per line); 2: unreadable.")
public final class CheckCommand extends NetCommand {

    @Override
    public Integer call() {
        PrintWriter out = out();
        NetDocument doc;
        try {
            doc = net.load().document();
        } catch (CommandFailure e) {
            if (!json.on()) {
                throw e;
            }
            // With --json the answer stays on standard output, as for a net that was read.
            ObjectNode o = JsonOutput.NODES.objectNode();
            o.put("valid", false);
            o.put("error", e.getMessage());
            JsonOutput.print(out, o);
            return e.exitCode();
        }
        InferenceResult result = ShapeInference.infer(doc.net());
        if (json.on()) {
            ObjectNode o = JsonOutput.NODES.objectNode();
            o.put("valid", result.valid());
            ArrayNode problems = o.putArray("problems");
            result.diagnostics().forEach(d -> problems.add(JsonOutput.problem(d)));
            JsonOutput.print(out, o);
        } else if (result.valid()) {
            out.println("valid");
        } else {
            for (Diagnostic d : result.diagnostics()) {
                out.println(d.message());
            }
        }
        out.flush();
        return result.valid() ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
