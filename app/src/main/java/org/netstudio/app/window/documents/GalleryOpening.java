package org.netstudio.app.window.documents;

import java.util.Optional;

import org.netstudio.app.document.OpenNet;
import org.netstudio.app.gallery.Gallery;
import org.netstudio.app.gallery.GalleryEntry;
import org.netstudio.app.gallery.GalleryException;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.net.NetDocument;

/**
 * A gallery net made ready to open in a tab, with its weights when it has any. Downloaded weights
 * that cannot be used (a cached file that does not fit the net) do not keep the net from opening:
 * it opens untrained, and {@code problem} says why. Blocking (a large net's weights are read); no JavaFX.
 *
 * @param net     the untitled net named after the entry
 * @param problem why its downloaded weights were left out, or empty
 */
record GalleryOpening(OpenNet net, Optional<String> problem) {

    static GalleryOpening of(Gallery gallery, GalleryEntry entry) {
        LoadedNet loaded;
        try {
            loaded = gallery.loadWithWeights(entry.id());
        } catch (GalleryException e) {
            if (entry.weightsDownload().isEmpty()) {
                throw e;
            }
            // The architecture reads (or throws its own error); only the downloaded weights are at fault.
            NetDocument doc = gallery.load(entry.id());
            String why = e.getMessage() == null ? "they cannot be read" : e.getMessage();
            return new GalleryOpening(OpenNet.untitled(doc, entry.name()), Optional.of(
                    "It opened untrained: " + why + ". Delete the file from the weights cache ("
                            + gallery.downloads().folder() + ") and download it again."));
        }
        return new GalleryOpening(OpenNet.untitled(loaded.document(), entry.name(), loaded.weights().orElse(null)),
                Optional.empty());
    }
}
