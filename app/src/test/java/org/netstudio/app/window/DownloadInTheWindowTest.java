package org.netstudio.app.window;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.window.documents.WindowGallery;
import org.netstudio.app.window.gallery.WeightsServer;

/**
 * A window test of downloads: a local {@link WeightsServer} serves the files into a temporary cache, and the
 * gallery the test gave the window is taken back after it.
 */
abstract class DownloadInTheWindowTest extends InTheWindowTest {

    @TempDir
    Path cache;

    final WeightsServer server = new WeightsServer();

    @AfterEach
    void stopTheServer() {
        WindowGallery.use(null);
        server.close();
    }
}
