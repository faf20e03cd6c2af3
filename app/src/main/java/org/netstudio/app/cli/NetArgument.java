package org.netstudio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryException;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.Weights;
import picocli.CommandLine.Parameters;

/**
 * The NET argument of the commands that work on one net, and its reading: a file, else the id of
 * a gallery net. What cannot be read ends the command with a {@link CommandFailure} naming the
 * argument and the problem (exit code {@link ExitCodes#UNREADABLE}). Commands mix in
 * {@link AnyNet} or {@link TrainedNet}, which differ only in what their help asks for.
 */
abstract class NetArgument {

    /** The argument as given. */
    abstract String value();

    /**
     * The folder of the net file, which relative paths in the net (a Subwords encoder's tokenizer.json)
     * start from; null for a gallery id.
     */
    Path folder() {
        Path file = Path.of(value()).toAbsolutePath();
        return Files.isRegularFile(file) ? file.getParent() : null;
    }

    /** The net with the weights it comes with, if any. */
    LoadedNet load() {
        String arg = value();
        Path file = Path.of(arg);
        if (!Files.exists(file)) {
            try {
                if (Gallery.standard().find(arg).isPresent()) {
                    return Gallery.standard().loadWithWeights(arg);
                }
            } catch (GalleryException e) {
                throw CommandFailure.unreadable(arg + ": " + e.getMessage());
            }
            throw CommandFailure.unreadable(arg + ": no such file, nor a net of the gallery (netstudio gallery lists them)");
        }
        if (Files.isDirectory(file)) {
            throw CommandFailure.unreadable(arg + ": is a folder, not a net file");
        }
        try {
            return NetFiles.read(file);
        } catch (NoSuchFileException e) {
            throw CommandFailure.unreadable(arg + ": no such file");
        } catch (IOException e) {
            String m = e.getMessage();
            throw CommandFailure.unreadable(m != null && m.contains(file.getFileName().toString()) ? m : arg + ": " + m);
        }
    }

    /** Picocli mixin: NET, any net. */
    static final class AnyNet extends NetArgument {

        @Parameters(index = "0", paramLabel = "NET", description = "A net file (.json, .nsnet or .onnx) or a gallery id.")
        private String net;

        @Override
        String value() {
            return net;
        }
    }

    /** Picocli mixin: NET, a net with trained weights. */
    static final class TrainedNet extends NetArgument {

        @Parameters(index = "0", paramLabel = "NET",
                description = "A trained net (.nsnet, or .json with its weights beside it) or a pretrained gallery id.")
        private String net;

        @Override
        String value() {
            return net;
        }

        /** The trained weights a loaded net came with; a net without any cannot be read as a trained net. */
        Weights trainedWeights(LoadedNet loaded) {
            return loaded.weights().filter(w -> !w.isEmpty()).orElseThrow(() -> CommandFailure.unreadable(net
                    + " holds no trained weights; train it first (netstudio train " + net + " --data … --out NET.nsnet)"));
        }
    }
}
