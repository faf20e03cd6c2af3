package org.netstudio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.netstudio.engine.weights.WeightsImport;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netstudio import-weights NET WEIGHTS.safetensors -o NET.nsnet}: puts weights trained
 * elsewhere (a PyTorch project's {@code best.safetensors}) into the net, after checking that every
 * array is one of the net's, with the net's shape; a mismatch names the array.
 */
@Command(name = "import-weights", mixinStandardHelpOptions = true,
        description = {"Put weights trained elsewhere (the best.safetensors of an exported PyTorch project's run) into"
                + " a net, and save both as one .nsnet file.",
            "Every array must be one of the net's, with its shape, and every array of the net must be there;"
                + " otherwise nothing is written and the message names the array."})
public final class ImportWeightsCommand extends Subcommand {

    @Mixin
    private NetArgument.AnyNet net;

    @Parameters(index = "1", paramLabel = "WEIGHTS",
            description = "A safetensors file with NetStudio's array names, or a PyTorch run folder (its best.safetensors).")
    private Path weightsFile;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "NET.nsnet",
            description = "The trained net to write (never over an existing file).")
    private Path out;

    @Mixin
    private WeightsGate weightsGate;

    @Override
    public Integer call() {
        if (!out.getFileName().toString().endsWith(".nsnet")) {
            throw usage("-o " + out + ": the trained net is written as a .nsnet file");
        }
        if (Files.exists(out)) {
            throw CommandFailure.unreadable(out + " already exists; give another name");
        }
        LoadedNet loaded = net.load();
        NetFit.of(loaded.document().net()).requireValid(net.value());
        Weights weights;
        try {
            weights = WeightsImport.fitting(weightsFile, loaded.document());
        } catch (NoSuchFileException e) {
            throw CommandFailure.unreadable(weightsFile + ": no such file");
        } catch (NetFileException e) {
            throw CommandFailure.unreadable(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.unreadable(weightsFile + ": " + e.getMessage());
        }
        weightsGate.check(weightsFile.toString(), loaded.document().net(), weights);
        try {
            NetFiles.write(out, loaded.document(), weights);
        } catch (IOException e) {
            throw CommandFailure.unreadable("cannot write " + out + ": " + e.getMessage());
        }
        PrintWriter o = out();
        o.println("Wrote " + out + " (" + weights.size() + " arrays from " + weightsFile + ")");
        o.flush();
        return ExitCodes.OK;
    }
}
