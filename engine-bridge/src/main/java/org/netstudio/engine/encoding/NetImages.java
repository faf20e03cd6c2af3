package org.netstudio.engine.encoding;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * How images become the values of a net's input: the Image encoder its first input declares, or
 * one its shape implies ({@code c×h×w} with 1 or 3 channels). One rule for the trainer, Try It,
 * {@code predict} and folders of images. Stateless.
 */
public final class NetImages {

    private NetImages() {
    }

    /**
     * The encoder for a net's first input: the one it declares, else one its shape implies.
     *
     * @param net the net
     * @param input the inferred type of its first input
     * @return the encoder, or empty when the input is no image
     */
    public static Optional<ImageEncoder> encoder(NetNode net, TensorType input) {
        return declaredEncoder(net).or(() -> encoderForShape(input));
    }

    /** The declaration of a net's first input, or null when it has none (a bare layer, a graph without inputs). */
    private static PortDecl firstInput(NetNode net) {
        return PortDecls.inputs(net).values().stream().findFirst().orElse(null);
    }

    /**
     * The Image encoder declared at a net's first input (size, colour space, mean, std).
     *
     * @param net the net
     * @return the encoder, or empty when the first input declares none
     */
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

    /**
     * An encoder that resizes images to a {@code c×h×w} input with 1 or 3 channels (pixels scaled
     * to [0, 1]).
     *
     * @param input the input's type
     * @return the encoder, or empty when the type is not such an image
     */
    public static Optional<ImageEncoder> encoderForShape(TensorType input) {
        if (!input.isFullyKnown() || input.rank() != 3) {
            return Optional.empty();
        }
        int c = input.sizes()[0];
        if (c != 1 && c != 3) {
            return Optional.empty();
        }
        return Optional.of(ImageEncoder.of(input.sizes()[2], input.sizes()[1], c == 1 ? ColorSpace.GRAYSCALE : ColorSpace.RGB));
    }

    private static float[] floats(List<?> list) {
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) list.get(i)).floatValue();
        }
        return f;
    }
}
