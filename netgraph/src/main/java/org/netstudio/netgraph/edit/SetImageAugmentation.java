package org.netstudio.netgraph.edit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.ImageAugmentation;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;

/**
 * Sets how training varies the pictures of every input of the net that an Image encoder reads
 * (what {@code train --augment} does to the net it trains).
 */
public record SetImageAugmentation(ImageAugmentation augmentation) implements Command {

    public SetImageAugmentation {
        Objects.requireNonNull(augmentation, "augmentation");
    }

    @Override
    public NetDocument apply(NetDocument doc) {
        NetDocument result = doc;
        for (Map.Entry<String, PortDecl> in : PortDecls.inputs(doc.net()).entrySet()) {
            Coder coder = in.getValue().coder();
            if (coder != null && coder.type().equals("Image")) {
                Map<String, Object> options = new LinkedHashMap<>(coder.options());
                if (augmentation.any()) {
                    options.put(ImageAugmentation.OPTION, augmentation.toOption());
                } else {
                    options.remove(ImageAugmentation.OPTION);
                }
                result = new SetPortDecl(NodePath.ROOT, in.getKey(), true,
                        PortDecls.encoder(new Coder("Image", options))).apply(result);
            }
        }
        if (result == doc) {
            throw new IllegalArgumentException("The net has no input read by an Image encoder, so there are no"
                    + " pictures to vary; declare one first (Encoder › Image).");
        }
        return result;
    }

    @Override
    public String description() {
        return "Set image augmentation";
    }
}
