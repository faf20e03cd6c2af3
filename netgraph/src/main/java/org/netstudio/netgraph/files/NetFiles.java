package org.netstudio.netgraph.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.io.NsnetFile;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.WeightsFit;
import org.netstudio.netgraph.io.onnx.OnnxImport;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Opens and saves nets by file name: {@code .nsnet} is a trained net in one zip
 * ({@link NsnetFile}); {@code .json} is a net file ({@link NetFileReader}) whose weights, if any,
 * live beside it in a safetensors file of the same base name ({@code lenet.json} →
 * {@code lenet.safetensors}); {@code .onnx} is an ONNX model, imported ({@link OnnxImporter}).
 * It sits above {@code io} and {@code io.onnx} and uses both. Stateless and thread-safe.
 */
public final class NetFiles {

    private NetFiles() {
    }

    /** Whether NetStudio opens files of this name. */
    public static boolean isNetFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".nsnet") || n.endsWith(".onnx");
    }

    /** Reads a .json, .nsnet or .onnx file, with its weights when there are any. */
    public static LoadedNet read(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".onnx")) {
            OnnxImport imported = OnnxImporter.read(file);
            return new LoadedNet(imported.document(), imported.weights());
        }
        if (n.endsWith(".nsnet")) {
            return NsnetFile.read(file);
        }
        if (n.endsWith(".json")) {
            NetDocument doc = NetFileReader.read(file);
            Path sibling = weightsBeside(file);
            if (!Files.exists(sibling)) {
                return new LoadedNet(doc, null);
            }
            Weights w = Safetensors.read(sibling);
            WeightsFit.check(doc, w, sibling.toString());
            return new LoadedNet(doc, w);
        }
        throw new NetFileException(file.toString(), null, "NetStudio opens .json, .nsnet and .onnx files");
    }

    /**
     * Saves a net by file name, atomically: .nsnet with its weights (none given means empty), .json
     * with its weights, when given, beside it (both files or, when writing fails, neither).
     */
    public static void write(Path file, NetDocument doc, Weights weights) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".nsnet")) {
            NsnetFile.write(file, doc, weights == null ? Weights.EMPTY : weights);
        } else if (n.endsWith(".json")) {
            byte[] json = NetFileWriter.toBytes(doc);
            if (weights == null) {
                AtomicFiles.write(file, json);
            } else {
                // Both or neither: a failure (a full disk) must not leave the net without its weights.
                // The weights go first, so that a crash between the two renames leaves the old net file.
                byte[] tensors = Safetensors.toBytes(weights);
                AtomicFiles.writeAll(List.of(new AtomicFiles.Part(weightsBeside(file), out -> out.write(tensors)),
                        new AtomicFiles.Part(file, out -> out.write(json))));
            }
        } else {
            throw new IllegalArgumentException("NetStudio saves nets as .json or .nsnet files, not " + file.getFileName());
        }
    }

    /** {@code lenet.json} → {@code lenet.safetensors} in the same folder. */
    public static Path weightsBeside(Path jsonFile) {
        String name = jsonFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return jsonFile.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".safetensors");
    }
}
