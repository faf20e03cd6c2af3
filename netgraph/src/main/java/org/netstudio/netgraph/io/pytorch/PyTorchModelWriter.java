package org.netstudio.netgraph.io.pytorch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetLayers;
import org.netstudio.netgraph.net.NetNode;

/**
 * Writes a net as PyTorch source a person can read and train: {@code model.py} (the net as
 * {@code nn.Module} classes, see {@link ModelSource}), {@code netstudio_io.py} (safetensors with
 * nothing but PyTorch, and NetStudio's array names), {@code encoders.py} (the ports' encoders and
 * decoders) and, when the net has weights, {@code weights.safetensors} under NetStudio's array
 * names. The files are written together and atomically: a failure leaves none of them changed.
 * Stateless and thread-safe.
 */
public final class PyTorchModelWriter {

    /** The files written, in the folder given. */
    public static final String MODEL = "model.py";
    public static final String IO = "netstudio_io.py";
    public static final String ENCODERS = "encoders.py";
    public static final String WEIGHTS = "weights.safetensors";

    private PyTorchModelWriter() {
    }

    /**
     * The nodes that have no PyTorch equivalent (opaque imported ONNX operators), by path, e.g.
     * {@code "block2/Erf_3"}; empty when the whole net can be exported.
     *
     * @param net any net
     * @return the paths of the nodes the export refuses, in net order
     */
    public static List<String> unsupported(NetNode net) {
        List<String> out = new ArrayList<>();
        NetLayers.byPath(net).forEach((path, l) -> {
            if (l.type().equals("OnnxOperator")) {
                out.add(path.isRoot() ? "(the net)" : path.toString());
            }
        });
        return out;
    }

    /**
     * The text of model.py for a net.
     *
     * @throws IllegalArgumentException when the net is not valid or holds nodes PyTorch cannot
     *     compute, with a sentence naming them
     */
    public static String modelSource(NetDocument doc) {
        NetNode net = doc.net();
        List<String> refused = unsupported(net);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("The net holds imported ONNX operators with no PyTorch equivalent: "
                    + String.join(", ", refused) + "; replace them with NetStudio layers to export it");
        }
        InferenceResult inference = ShapeInference.infer(net);
        if (!inference.valid()) {
            String first = inference.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                    .map(Diagnostic::message).findFirst().orElse("");
            throw new IllegalArgumentException("The net is not valid, so it cannot be exported: " + first);
        }
        return ModelSource.of(doc.name(), net, inference);
    }

    /**
     * Writes the files into a folder (made when missing), replacing files of the same names.
     *
     * @param doc     the net
     * @param weights its weights, written when present (they must be the net's arrays)
     * @param dir     the folder
     * @throws IllegalArgumentException when the net cannot be exported (see {@link #modelSource})
     * @throws IOException              when a file cannot be written
     */
    public static void write(NetDocument doc, Optional<Weights> weights, Path dir) throws IOException {
        String model = modelSource(doc);
        String encoders = EncoderSource.of(doc.net());
        String io = HelperFunctions.resource(IO);
        Files.createDirectories(dir);
        List<AtomicFiles.Part> parts = new ArrayList<>();
        parts.add(new AtomicFiles.Part(dir.resolve(MODEL), out -> out.write(model.getBytes(StandardCharsets.UTF_8))));
        parts.add(new AtomicFiles.Part(dir.resolve(IO), out -> out.write(io.getBytes(StandardCharsets.UTF_8))));
        parts.add(new AtomicFiles.Part(dir.resolve(ENCODERS), out -> out.write(encoders.getBytes(StandardCharsets.UTF_8))));
        if (weights.isPresent() && !weights.get().isEmpty()) {
            Weights w = weights.get();
            parts.add(new AtomicFiles.Part(dir.resolve(WEIGHTS), out -> Safetensors.write(w, out)));
        }
        AtomicFiles.writeAll(parts);
    }
}
