package org.netstudio.app.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads the image files a person gives (Try It); {@link org.netstudio.engine.encoding.NetImages} encodes them for a net. */
public final class ImageInputs {

    private ImageInputs() {
    }

    /**
     * Reads an image file.
     *
     * @throws IOException with a sentence naming the file when it is missing, unreadable or not an image
     */
    public static BufferedImage read(Path file) throws IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new IOException("There is no image file “" + name + "”.");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("“" + name + "” could not be read as an image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IOException("“" + name + "” is not an image NetStudio can read (PNG, JPEG, BMP or GIF).");
        }
        return image;
    }
}
