package org.netstudio.app.gallery;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.netstudio.netgraph.summary.ParameterCount;

/**
 * One net of the gallery as the gallery's index describes it, without loading the net: what it is,
 * where it comes from, its ports and its size. {@link Gallery#load(String)} opens the net itself.
 *
 * @param id                     short name used on the command line and in files, e.g. "resnet50"
 * @param name                   display name, e.g. "ResNet-50"
 * @param task                   what it does, e.g. "Image classification"
 * @param description            a paragraph: architecture, configuration, variant
 * @param source                 the publication and the reference implementation it follows
 * @param file                   the net file's name among the gallery resources, or an absolute
 *                               class-path resource ("/all-minilm-l6-v2.onnx"); an .onnx file is imported
 * @param inputs                 the net's input ports
 * @param outputs                the net's output ports
 * @param totalParameters        every array value, as NetStudio (and Keras) count them: learnable
 *                               arrays and batch-norm moving statistics
 * @param trainableParameters    learnable values only; this is what PyTorch's {@code parameters()} counts
 * @param nonTrainableParameters batch-norm moving statistics (PyTorch's buffers)
 * @param referenceParameters    the learnable parameter count of the reference implementation
 *                               (published, e.g. torchvision's {@code num_params}, or computed by
 *                               hand from the layer sizes where no count is published)
 * @param layers                 number of catalog layers (containers not counted)
 * @param nodes                  number of nodes at every depth, containers included
 * @param pretrained             whether trained weights come with the net
 * @param retrain                the command that trains the shipped weights again, for nets the
 *                               project trained itself; empty otherwise
 * @param download               where pretrained weights can be downloaded on request, or null
 * @param sentences              how a sentence encoder reads sentences, or null for other nets
 */
public record GalleryEntry(String id, String name, String task, String description, String source, String file,
                           List<Port> inputs, List<Port> outputs, long totalParameters, long trainableParameters,
                           long nonTrainableParameters, long referenceParameters, int layers, int nodes,
                           boolean pretrained, String retrain, WeightsDownload download, SentenceSpec sentences) {

    /** An entry that is not a sentence encoder. */
    public GalleryEntry(String id, String name, String task, String description, String source, String file,
                        List<Port> inputs, List<Port> outputs, long totalParameters, long trainableParameters,
                        long nonTrainableParameters, long referenceParameters, int layers, int nodes,
                        boolean pretrained, String retrain, WeightsDownload download) {
        this(id, name, task, description, source, file, inputs, outputs, totalParameters, trainableParameters,
                nonTrainableParameters, referenceParameters, layers, nodes, pretrained, retrain, download, null);
    }

    /**
     * A port of a gallery net.
     *
     * @param name        port name, e.g. "Input"
     * @param shape       dimensions: Integer sizes and String names of varying lengths ("n")
     * @param type        element type: "Real" or "Index"
     * @param indexRange  for indices, how many distinct values (0..indexRange-1); 0 otherwise
     * @param coder       the encoder or decoder type ("Image", "Class", "Characters"), or null
     * @param description what the port carries, in words
     */
    public record Port(String name, List<Object> shape, String type, int indexRange, String coder,
                       String description) {

        public Port {
            Objects.requireNonNull(name, "name");
            shape = List.copyOf(shape);
            Objects.requireNonNull(type, "type");
            description = description == null ? "" : description;
        }

        /** The shape as NetStudio writes it: "3×224×224", "n", or "scalar" for no dimensions. */
        public String shapeText() {
            return shape.isEmpty() ? "scalar" : shape.stream().map(String::valueOf).collect(Collectors.joining("×"));
        }

        /** A short type text: "3×224×224 (Image)", "n indices < 20000". */
        public String typeText() {
            String t = type.equals("Index") ? shapeText() + " indices < " + indexRange : shapeText();
            return coder == null ? t : t + " (" + coder + ")";
        }
    }

    /** The parameter counts, in the words every view uses. */
    public ParameterCount parameters() {
        return new ParameterCount(totalParameters, trainableParameters, nonTrainableParameters);
    }

    /** How this sentence encoder reads sentences; empty for a net that is not one. */
    public java.util.Optional<SentenceSpec> sentenceSpec() {
        return java.util.Optional.ofNullable(sentences);
    }

    /** Where pretrained weights for this net can be downloaded on request; empty when none are offered. */
    public java.util.Optional<WeightsDownload> weightsDownload() {
        return java.util.Optional.ofNullable(download);
    }

    public GalleryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        task = task == null ? "" : task;
        description = description == null ? "" : description;
        source = source == null ? "" : source;
        retrain = retrain == null ? "" : retrain;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
