package org.netstudio.app.document;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.netstudio.engine.run.NetRunner;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Writes a net as an ONNX model, for File › Export ONNX and {@code netstudio export}: with its
 * weights, or — for a net never trained — the seeded initial values the engine would start from, so
 * that the file always runs. No JavaFX; may run off the UI thread.
 */
public final class OnnxExport {

    /** What was written. {@code initialWeights}: the net had none, so its seeded initial values were. */
    public record Result(Path file, boolean initialWeights) {
    }

    private OnnxExport() {
    }

    /**
     * Writes {@code doc} to {@code file} atomically. Throws IllegalArgumentException naming every
     * layer ONNX cannot express ("these layers cannot be exported to ONNX: lstm1 (LSTM)"), before
     * anything is written.
     */
    public static Result write(NetDocument doc, Optional<Weights> weights, Path file, long seed) throws IOException {
        List<String> unsupported = OnnxExporter.unsupported(doc.net());
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("These layers cannot be exported to ONNX: " + String.join(", ", unsupported));
        }
        boolean initial = weights.isEmpty() || weights.get().isEmpty();
        Weights w = initial ? initialWeights(doc, seed) : weights.get();
        OnnxExporter.write(file, doc, w);
        return new Result(file, initial);
    }

    private static Weights initialWeights(NetDocument doc, long seed) {
        try (NetRunner runner = NetRunner.untrained(doc.net(), seed)) {
            return runner.weights();
        }
    }
}
