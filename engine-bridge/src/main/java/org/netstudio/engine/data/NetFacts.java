package org.netstudio.engine.data;

import java.util.Objects;
import java.util.Optional;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.engine.encoding.NetImages;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.summary.NetSummary;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * What {@link DatasetCatalog} needs to know of the net its data will feed: the spirals have as
 * many arms as the net has outputs, the linear problem as many inputs as the net takes, and a
 * folder of images is read at the size and colours of the net's image input.
 *
 * @param input the type of the net's first input ({@link TensorType#ANY} when unknown)
 * @param outputSize the length of the net's first output vector, or 0 when it is not a vector of known size
 * @param imageEncoder how the net's input reads images, or null when it is no image
 */
public record NetFacts(TensorType input, int outputSize, ImageEncoder imageEncoder) {

    /** Nothing known of the net: 3 spiral arms, 3 linear inputs, no image folders. */
    public static final NetFacts UNKNOWN = new NetFacts(TensorType.ANY, 0, null);

    /** Checks the input type. */
    public NetFacts {
        Objects.requireNonNull(input, "input");
    }

    /**
     * Reads the facts off a net (runs its shape inference).
     *
     * @param net the net, or null for {@link #UNKNOWN}
     * @return the facts
     */
    public static NetFacts of(NetNode net) {
        if (net == null) {
            return UNKNOWN;
        }
        NetSummary s = NetSummary.of(net);
        TensorType in = s.inputs().isEmpty() ? TensorType.ANY : s.inputs().get(0).type();
        TensorType out = s.outputs().isEmpty() ? TensorType.ANY : s.outputs().get(0).type();
        int outputs = out.isFullyKnown() && out.rank() == 1 ? (int) out.elementCount() : 0;
        return new NetFacts(in, outputs, NetImages.encoder(net, in).orElse(null));
    }

    /** How the net's input reads images, if it is an image. */
    public Optional<ImageEncoder> image() {
        return Optional.ofNullable(imageEncoder);
    }
}
