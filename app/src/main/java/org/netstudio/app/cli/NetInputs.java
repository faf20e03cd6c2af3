package org.netstudio.app.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.netstudio.engine.data.ImageFolderDataset;
import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Turns what a person types (an image file, comma-separated numbers) into the values of a net's input. */
final class NetInputs {

    private NetInputs() {
    }

    /** The declaration of the net's first input, or null when it has none. */
    static PortDecl firstInput(NetNode net) {
        if (net instanceof Chain c) {
            return c.input();
        }
        if (net instanceof Graph g && !g.inputs().isEmpty()) {
            return g.inputs().values().iterator().next();
        }
        return null;
    }

    /** The Image encoder declared at the net's first input (size, colour space, mean, std), if any. */
    static Optional<ImageEncoder> declaredEncoder(NetNode net) {
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
    static Optional<ImageEncoder> imageEncoder(TensorType input) {
        if (!input.isFullyKnown() || input.rank() != 3) {
            return Optional.empty();
        }
        int c = input.sizes()[0];
        if (c != 1 && c != 3) {
            return Optional.empty();
        }
        return Optional.of(ImageEncoder.of(input.sizes()[2], input.sizes()[1], c == 1 ? ColorSpace.GRAYSCALE : ColorSpace.RGB));
    }

    /** Whether an argument names an image file (by its extension). */
    static boolean isImageFile(String arg) {
        int dot = arg.lastIndexOf('.');
        return dot > 0 && ImageFolderDataset.EXTENSIONS.contains(arg.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The input values for one argument: an image file through the encoder, or comma-separated numbers.
     *
     * @throws IllegalArgumentException naming the argument when it is neither, or does not fit the input
     */
    static float[] values(String arg, TensorType input, ImageEncoder encoder) throws IOException {
        if (isImageFile(arg)) {
            if (encoder == null) {
                throw new IllegalArgumentException(arg + ": the net's input is " + input.describe()
                        + ", not an image; give comma-separated numbers");
            }
            Path file = Path.of(arg);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(arg + ": no such image file");
            }
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalArgumentException(arg + ": not an image Java can read (PNG, JPEG, BMP, GIF)");
            }
            return encoder.encode(image);
        }
        String[] parts = arg.split("[,\\s]+");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Float.parseFloat(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(arg + ": neither an image file nor comma-separated numbers ('"
                        + parts[i] + "' is not a number)");
            }
        }
        if (input.isFullyKnown() && v.length != input.elementCount()) {
            throw new IllegalArgumentException(arg + ": " + v.length + " number" + (v.length == 1 ? "" : "s")
                    + ", but the net's input takes " + input.describe() + " (" + input.elementCount() + " numbers)");
        }
        return v;
    }

    private static float[] floats(List<?> list) {
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) list.get(i)).floatValue();
        }
        return f;
    }
}
