package org.netstudio.engine.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.netstudio.engine.compile.NetCompiler;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NonFiniteValues;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.WeightsFit;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Weights trained elsewhere (a PyTorch run's {@code best.safetensors}, or any safetensors file with
 * NetStudio's array names) read for a net that is open: every array must name a layer of the net
 * and have the shape inference gives it, all of the net's arrays must be there, and all of their
 * values must be numbers. The window's File › Import Weights and the trainer's PyTorch target read
 * weights back through this one check. Stateless; any thread.
 */
public final class WeightsImport {

    /** The file a PyTorch run folder keeps its best weights in. */
    public static final String BEST_WEIGHTS = "best.safetensors";

    private WeightsImport() {
    }

    /**
     * Reads and checks the weights for {@code doc}.
     *
     * @param fileOrRunFolder a safetensors file, or a run folder holding {@value #BEST_WEIGHTS}
     * @param doc the net the weights are for
     * @return the weights, which fit the net exactly
     * @throws IOException with one sentence naming the file and what is wrong (the array, its
     *     shape and the one the net needs)
     */
    public static Weights read(Path fileOrRunFolder, NetDocument doc) throws IOException {
        Weights weights = fitting(fileOrRunFolder, doc);
        Optional<String> nonFinite = NonFiniteValues.describe(weights);
        if (nonFinite.isPresent()) {
            throw new NetFileException(weightsFile(fileOrRunFolder).getFileName().toString(), null, nonFinite.get()
                    + " (training diverged?), so they were not put into the net");
        }
        return weights;
    }

    /**
     * Reads the weights and checks their names and shapes only, for a caller that decides about values that
     * are not numbers itself ({@code netstudio import-weights --allow-non-finite}).
     *
     * @param fileOrRunFolder a safetensors file, or a run folder holding {@value #BEST_WEIGHTS}
     * @param doc the net the weights are for
     * @return the weights, whose arrays fit the net exactly
     * @throws IOException with one sentence naming the file and the array that does not fit
     */
    public static Weights fitting(Path fileOrRunFolder, NetDocument doc) throws IOException {
        Path file = weightsFile(fileOrRunFolder);
        String name = file.getFileName().toString();
        Weights weights = Safetensors.read(file);
        WeightsFit.check(doc, weights, name);
        List<String> problems;
        try {
            problems = NetWeights.problems(NetCompiler.compile(doc.net()), weights);
        } catch (RuntimeException e) {
            throw new NetFileException(name, null, "the net cannot take weights yet: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new NetFileException(name, null, "these weights do not fit the net: " + String.join("; ", problems));
        }
        return weights;
    }

    /** The weights file itself, or a run folder's {@value #BEST_WEIGHTS}. */
    public static Path weightsFile(Path fileOrRunFolder) throws IOException {
        if (!Files.isDirectory(fileOrRunFolder)) {
            return fileOrRunFolder;
        }
        Path best = fileOrRunFolder.resolve(BEST_WEIGHTS);
        if (!Files.isRegularFile(best)) {
            throw new NetFileException(fileOrRunFolder.toString(), null, "the folder holds no " + BEST_WEIGHTS
                    + "; a PyTorch run writes it after its first epoch");
        }
        return best;
    }
}
