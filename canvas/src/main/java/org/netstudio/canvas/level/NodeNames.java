package org.netstudio.canvas.level;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** The names the canvas gives new nodes: short, numbered from 1, unique in their graph ("conv1", "conv2"). */
public final class NodeNames {

    private static final Map<String, String> SHORT_NAMES = Map.of(
            "Convolution", "conv", "Deconvolution", "deconv", "Pooling", "pool", "GlobalPooling", "gpool",
            "BatchNorm", "bn", "LayerNorm", "ln", "Catenate", "cat", "Embedding", "embed");

    private NodeNames() {
    }

    /** The base of new node names of a type: "conv" for Convolution, "linear" for Linear. */
    public static String baseName(String typeName) {
        return SHORT_NAMES.getOrDefault(typeName, typeName.toLowerCase(Locale.ROOT));
    }

    /** {@code base} followed by the smallest number ≥ 1 that makes it unused: conv1, conv2 … */
    public static String uniqueName(Collection<String> taken, String base) {
        String stem = base.replaceAll("[0-9]+$", "");
        if (stem.isEmpty()) {
            stem = "node";
        }
        for (int k = 1; ; k++) {
            String n = stem + k;
            if (!taken.contains(n)) {
                return n;
            }
        }
    }
}
