package org.netstudio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.netstudio.app.document.OnnxExport;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netstudio export NET --onnx OUT.onnx}: writes a net and its weights as an ONNX model. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a net with its weights as an ONNX model that ONNX Runtime runs with NetStudio's outputs.")
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NET", description = "A net file (.json, .nsnet or .onnx) or a gallery id.")
    private String net;

    @Option(names = "--onnx", paramLabel = "OUT", required = true, description = "The ONNX file to write.")
    private Path onnx;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the initial values written when the net has no weights (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = WeightsGate.ALLOW_OPTION,
            description = "Run the net even when its weights hold NaN or infinite values (its outputs will not be numbers).")
    private boolean allowNonFinite;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LoadedNet loaded;
        try {
            loaded = NetSource.loadWithWeights(net);
        } catch (NetSource.UnreadableNetException e) {
            err.println("netstudio export: " + e.getMessage());
            return ExitCodes.UNREADABLE;
        }
        if (!OnnxExporter.unsupported(loaded.document().net()).isEmpty()) {
            err.println("netstudio export: these layers cannot be exported to ONNX: "
                    + String.join(", ", OnnxExporter.unsupported(loaded.document().net())));
            return ExitCodes.INVALID;
        }
        if (loaded.weights().isPresent() && !loaded.weights().get().isEmpty()) {
            OptionalInt refused = WeightsGate.check("netstudio export", net, loaded.document().net(),
                    loaded.weights().get(), allowNonFinite, err);
            if (refused.isPresent()) {
                return refused.getAsInt();
            }
        }
        if (loaded.weights().isEmpty()) {
            err.println("netstudio export: " + net + " holds no weights; writing its initial values (seed " + seed + ")");
            err.flush();
        }
        try {
            OnnxExport.write(loaded.document(), loaded.weights(), onnx, seed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("netstudio export: " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (IOException e) {
            err.println("netstudio export: cannot write " + onnx + ": " + e.getMessage());
            return ExitCodes.UNREADABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote " + onnx);
        out.flush();
        return ExitCodes.OK;
    }

}
