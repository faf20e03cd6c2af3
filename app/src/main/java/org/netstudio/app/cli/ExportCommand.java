package org.netstudio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.netstudio.app.document.OnnxExport;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netstudio export NET --onnx OUT.onnx}: writes a net and its weights as an ONNX model. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a net with its weights as an ONNX model that ONNX Runtime runs with NetStudio's outputs.")
public final class ExportCommand extends Subcommand {

    @Mixin
    private NetArgument.AnyNet net;

    @Option(names = "--onnx", paramLabel = "OUT", required = true, description = "The ONNX file to write.")
    private Path onnx;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the initial values written when the net has no weights (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private WeightsGate weightsGate;

    @Override
    public Integer call() {
        PrintWriter err = err();
        LoadedNet loaded = net.load();
        if (!OnnxExporter.unsupported(loaded.document().net()).isEmpty()) {
            throw CommandFailure.invalid("these layers cannot be exported to ONNX: "
                    + String.join(", ", OnnxExporter.unsupported(loaded.document().net())));
        }
        if (loaded.weights().isPresent() && !loaded.weights().get().isEmpty()) {
            weightsGate.check(net.value(), loaded.document().net(), loaded.weights().get());
        }
        if (loaded.weights().isEmpty()) {
            err.println(name() + ": " + net.value() + " holds no weights; writing its initial values (seed "
                    + seed + ")");
            err.flush();
        }
        try {
            OnnxExport.write(loaded.document(), loaded.weights(), onnx, seed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CommandFailure.invalid(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.unreadable("cannot write " + onnx + ": " + e.getMessage());
        }
        PrintWriter out = out();
        out.println("Wrote " + onnx);
        out.flush();
        return ExitCodes.OK;
    }

}
