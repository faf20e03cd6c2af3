package org.netstudio.canvas.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.netstudio.netgraph.io.AtomicFiles;

/**
 * Writes a canvas snapshot as a PNG file, as nets are saved ({@link AtomicFiles}): atomically, with
 * the user's permissions, and the temporary of an export killed half-way removed by the next one.
 */
public final class PngExport {

    private PngExport() {
    }

    public static void write(Image image, Path file) throws IOException {
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(pixels, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        });
    }
}
