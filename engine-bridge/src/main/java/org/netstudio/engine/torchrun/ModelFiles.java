package org.netstudio.engine.torchrun;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.pytorch.PyTorchModelWriter;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;

/**
 * The net's part of a project (model.py, netstudio_io.py, encoders.py, weights.safetensors), written
 * by netgraph's {@link PyTorchModelWriter}; the one place this package calls it.
 */
final class ModelFiles {

    private ModelFiles() {
    }

    static List<String> unsupported(NetNode net) {
        return PyTorchModelWriter.unsupported(net);
    }

    static void write(NetDocument doc, Optional<Weights> weights, Path dir) throws IOException {
        PyTorchModelWriter.write(doc, weights, dir);
    }
}
