package org.netstudio.netgraph.io.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.RegularFiles;

/**
 * Imports an ONNX model as a NetStudio net with its weights. Operators with a catalog layer
 * become that layer (Conv → Convolution, Gemm → Linear, …, see {@link OperatorMappings}); any
 * other operator becomes an opaque {@code OnnxOperator} node that keeps the ONNX node, its
 * attributes and its declared output types. The batch axis of the model is dropped from every
 * shape (NetStudio shapes are per example).
 *
 * <p>Never half-imports: a file that is not a readable ONNX model gives a
 * {@link NetFileException} naming the file and the problem. Stateless and thread-safe.
 */
public final class OnnxImporter {

    /** Larger files are refused before they are read (protobuf messages cannot exceed 2 GB). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private OnnxImporter() {
    }

    /** Whether a file name says ONNX ({@code .onnx}). */
    public static boolean isOnnxFile(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
    }

    /**
     * Imports an ONNX file.
     *
     * @throws NetFileException when it is not an ONNX model NetStudio can read
     * @throws IOException      when it cannot be read at all
     */
    public static OnnxImport read(Path file) throws IOException {
        RegularFiles.require(file);
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new NetFileException(file.toString(), null, "an ONNX file of " + size + " bytes is larger than the 2 GB ONNX allows");
        }
        // Parsed from the stream, so the file's bytes are not held beside the model they become.
        ModelProto model;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            model = parse(CodedInputStream.newInstance(in), file.toString());
        }
        return importModel(model, file.toString());
    }

    /**
     * Imports an ONNX model from its bytes.
     *
     * @param source how the model is named in messages (a file name)
     * @throws NetFileException when it is not an ONNX model NetStudio can read
     */
    public static OnnxImport read(byte[] bytes, String source) throws NetFileException {
        return importModel(parse(CodedInputStream.newInstance(bytes), source), source);
    }

    private static ModelProto parse(CodedInputStream in, String source) throws NetFileException {
        try {
            in.setSizeLimit(Integer.MAX_VALUE);
            return ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new NetFileException(source, null, "not an ONNX model (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new NetFileException(source, null, "not an ONNX model (" + e + ")", e);
        }
    }

    private static OnnxImport importModel(ModelProto model, String source) throws NetFileException {
        if (model.getIrVersion() <= 0 || !model.hasGraph()) {
            throw new NetFileException(source, null, "not an ONNX model: it declares no IR version or holds no graph");
        }
        if (model.getGraph().getOutputCount() == 0) {
            throw new NetFileException(source, "graph", "the ONNX graph has no outputs");
        }
        try {
            return new GraphImport(model, source).run();
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new NetFileException(source, "graph", e.getMessage(), e);
        }
    }
}
