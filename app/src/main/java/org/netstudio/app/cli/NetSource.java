package org.netstudio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryException;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.NetFiles;
import org.netstudio.netgraph.net.NetDocument;

/** Resolves a NET argument of the command line to a loaded net: a file, else the id of a gallery net. */
final class NetSource {

    /** A NET argument that names nothing readable; the message names the file and, for bad JSON, the path. */
    static final class UnreadableNetException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableNetException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private NetSource() {
    }

    static NetDocument load(String arg) throws UnreadableNetException {
        return loadWithWeights(arg).document();
    }

    static LoadedNet loadWithWeights(String arg) throws UnreadableNetException {
        Path file = Path.of(arg);
        if (!Files.exists(file)) {
            try {
                if (Gallery.standard().find(arg).isPresent()) {
                    return Gallery.standard().loadWithWeights(arg);
                }
            } catch (GalleryException e) {
                throw new UnreadableNetException(arg + ": " + e.getMessage(), e);
            }
            throw new UnreadableNetException(arg + ": no such file, nor a net of the gallery (netstudio gallery lists them)",
                    null);
        }
        if (Files.isDirectory(file)) {
            throw new UnreadableNetException(arg + ": is a folder, not a net file", null);
        }
        try {
            return NetFiles.read(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableNetException(arg + ": no such file", e);
        } catch (IOException e) {
            String m = e.getMessage();
            throw new UnreadableNetException(m != null && m.contains(file.getFileName().toString()) ? m : arg + ": " + m, e);
        }
    }
}
