package org.netstudio.app.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** How an image becomes the values of a net's input: the encoder the input declares, or one its shape implies. */
public final class ImageInputs {

    private ImageInputs() {
    }

    /** The declaration of the net's first input, or null when it has none. */
    public static PortDecl firstInput(NetNode net) {
        if (net instanceof Chain c) {
            return c.input();
        }
        if (net instanceof Graph g && !g.inputs().isEmpty()) {
            return g.inputs().values().iterator().next();
        }
        return null;
    }

    /** The Image encoder declared at the net's first input (size, colour space, mean, std), if any. */
    public static Optional<ImageEncoder> declaredEncoder(NetNode net) {
        PortDecl decl = firstInput(net);
        Coder coder = decl == null ? null : decl.coder();
        if (coder == null || !coder.type().equals("Image")) {
            return Optional.empty();
        }
        Map<String, Object> o = coder.options();
        List<?> size = (List<?>) o.get("size");
        ColorSpace space = "Grayscale".equals(String.valueOf(o.getOrDefault("colorSpace", "RGB")))
                ? ColorSpace.GRAYSCALE : ColorSpace.RGB;
        ImageEncoder encoder = ImageEncoder.of(((Number) size.get(0)).intValue(), ((Number) size.get(1)).intValue(), space);
        if (o.get("mean") instanceof List<?> mean && o.get("std") instanceof List<?> std) {
            encoder = encoder.withNormalization(floats(mean), floats(std));
        }
        return Optional.of(encoder);
    }

    /** An encoder that resizes images to a {@code c×h×w} input with 1 or 3 channels (pixels scaled to [0, 1]). */
    public static Optional<ImageEncoder> imageEncoder(TensorType input) {
        if (!input.isFullyKnown() || input.rank() != 3) {
            return Optional.empty();
        }
        int c = input.sizes()[0];
        if (c != 1 && c != 3) {
            return Optional.empty();
        }
        return Optional.of(ImageEncoder.of(input.sizes()[2], input.sizes()[1], c == 1 ? ColorSpace.GRAYSCALE : ColorSpace.RGB));
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

    private static float[] floats(List<?> list) {
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) list.get(i)).floatValue();
        }
        return f;
    }
}
