package org.netstudio.app.gallery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Where torchvision publishes the ImageNet weights (IMAGENET1K_V1) of the gallery nets it defines,
 * written into their index entries as {@code weights}. Only the published facts: the URL, and the
 * SHA-256 prefix torchvision puts in each file's name (the full hash and the size are not stated
 * by torchvision, so they are not claimed here).
 */
final class TorchvisionWeights {

    private static final String MODELS = "https://download.pytorch.org/models/";
    private static final String LICENSE = "BSD-3-Clause (torchvision); trained on ImageNet-1k, whose terms of access"
            + " limit its use to non-commercial research and education";

    /** Gallery id → file name on download.pytorch.org. */
    static final Map<String, String> FILES = Map.of(
            "resnet18", "resnet18-f37072fd.pth",
            "resnet34", "resnet34-b627a593.pth",
            "resnet50", "resnet50-0676ba61.pth",
            "vgg11", "vgg11-8a719046.pth",
            "vgg16", "vgg16-397923af.pth",
            "mobilenet-v2", "mobilenet_v2-b0353104.pth");

    private TorchvisionWeights() {
    }

    /** Adds {@code weights} to the index entry of a net torchvision publishes weights for. */
    static void describe(ObjectNode entry, String id) {
        String file = FILES.get(id);
        if (file == null) {
            return;
        }
        new WeightsDownload(java.net.URI.create(MODELS + file),
                file.substring(file.lastIndexOf('-') + 1, file.length() - ".pth".length()), 0, LICENSE)
                .writeTo(entry.putObject("weights"));
    }
}
