package org.netstudio.app.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.netstudio.engine.data.ImageFolderDataset;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.engine.encoding.TextEncoder;
import org.netstudio.engine.encoding.TextEncoders;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Turns what a person types (an image file, comma-separated numbers, a text) into the values of a net's input. */
final class NetInputs {

    private NetInputs() {
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

    /**
     * The text encoder or per-element decoder of a port, or null when it has none; a tokenizer path
     * in it is relative to {@code base}, the net file's folder.
     */
    static TextEncoder textCoder(PortDecl decl, java.nio.file.Path base) {
        Coder coder = decl == null ? null : decl.coder();
        if (!Coders.isText(coder)) {
            return null;
        }
        if (Coders.builtFromData(coder)) {
            throw new IllegalArgumentException("its " + coder.type() + " coder has no "
                    + (coder.type().equals("Tokens") ? "vocabulary" : "alphabet") + " yet; train it on text first");
        }
        return TextEncoders.of(coder, base);
    }

    /** A text typed on the command line, as the net's encoder reads it. */
    static int[] encode(TextEncoder text, String input) {
        int[] indices = text.encode(input);
        if (indices.length == 0) {
            throw new IllegalArgumentException("\"" + input + "\" holds no " + text.units() + " the net can read");
        }
        return indices;
    }
}
