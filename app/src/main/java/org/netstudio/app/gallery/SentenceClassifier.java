package org.netstudio.app.gallery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.text.Pooling;
import org.netstudio.engine.text.SubwordTokenizer;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;

/**
 * A sentence classifier made of one of the gallery's pretrained sentence encoders (all-MiniLM-L6-v2
 * by default; bge-small-en-v1.5 or e5-small-v2 once downloaded): text → the encoder (a nested net,
 * with its pretrained weights) → its token vectors pooled as the encoder's entry says (their mean,
 * or the [CLS] token's: the last of the reversed sequence) → Linear → Softmax → a class. Fine-tuned on labelled sentences, with the encoder learning too or frozen ({@code --freeze
 * encoder}). The encoder is the imported model reduced to what one sentence needs: its token ids
 * (read from the text by the Subwords encoder) are its only input, padding is hidden through the
 * sequence lengths rather than an attention_mask, the token-type row of a single sentence (type 0)
 * is added into the word table, and the pooler, which the mean does not read, is left out.
 */
public final class SentenceClassifier {

    /** The gallery id of the encoder. */
    public static final String ENCODER_ID = "minilm";
    /** The nested encoder's name in the classifier; {@code --freeze encoder} keeps it as it is. */
    public static final String ENCODER = "encoder";

    private static final String TEXT = "Input";

    private SentenceClassifier() {
    }

    /** The class labels a person typed, comma-separated ("positive, negative" → [positive, negative]). */
    public static List<String> labels(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** As {@link #of(Gallery, String, List)} with all-MiniLM-L6-v2. */
    public static LoadedNet of(Gallery gallery, List<String> labels) {
        return of(gallery, ENCODER_ID, labels);
    }

    /**
     * The classifier for these classes, built from the gallery's sentence encoder {@code encoderId}
     * with its weights.
     *
     * @throws IllegalArgumentException when there are fewer than two labels, or one repeats, or the id
     *     is not a sentence encoder, or its tokenizer is not the WordPiece one the classifier reads text with
     * @throws NotDownloadedException when the encoder's download is needed first
     */
    public static LoadedNet of(Gallery gallery, String encoderId, List<String> labels) {
        if (labels.size() < 2 || labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("a classifier needs two or more different class labels, not " + labels);
        }
        GalleryEntry e = gallery.entry(encoderId);
        SentenceSpec spec = e.sentenceSpec().orElseThrow(() -> new IllegalArgumentException(e.name()
                + " is not a sentence encoder (the gallery's are " + String.join(", ", gallery.sentenceEncoders()) + ")"));
        LoadedNet encoder = gallery.loadWithWeights(e.id());
        if (encoder.weights().isEmpty()) {
            throw new NotDownloadedException(GalleryWeights.howToDownload(e));
        }
        if (!spec.shipped()) {
            sameWordPieces(gallery.recipe(e.id()).tokenizer(), e.name());
        }
        return of(encoder, labels, spec.pooling(), e.name());
    }

    /**
     * The classifier reads text with the WordPiece tokenizer NetStudio ships (a Subwords encoder saved
     * with the net); an encoder whose own tokenizer splits text otherwise would read wrong ids.
     */
    private static void sameWordPieces(SubwordTokenizer own, String name) {
        SubwordTokenizer shipped;
        try {
            shipped = SubwordTokenizer.miniLm();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex.getMessage(), ex);
        }
        String probe = "NetStudio's classifier reads café prices, 42 tokens & unknown-words!";
        if (own.vocabularySize() != shipped.vocabularySize() || own.padId() != shipped.padId()
                || !java.util.Arrays.equals(own.encode(probe).ids(), shipped.encode(probe).ids())) {
            throw new IllegalArgumentException(name + "'s tokenizer is not the uncased WordPiece one a sentence"
                    + " classifier reads text with, so it cannot be made into one");
        }
    }

    /** The classifier around all-MiniLM-L6-v2, or another encoder pooled by the mean. */
    static LoadedNet of(LoadedNet bert, List<String> labels) {
        return of(bert, labels, Pooling.MEAN, "all-MiniLM-L6-v2");
    }

    /** The classifier around an imported BERT-style encoder (input_ids, attention_mask, token_type_ids). */
    static LoadedNet of(LoadedNet bert, List<String> labels, Pooling pooling, String encoderName) {
        Graph model = (Graph) bert.document().net();
        Weights weights = bert.weights().orElseThrow(() -> new IllegalArgumentException("the encoder has no weights"));
        String hidden = model.outputs().keySet().iterator().next();
        Graph encoder = model;
        // Padding is hidden by the sequence lengths, so the Attention layers need no key mask.
        for (Edge e : model.edges()) {
            if (e.from().isGraphPort() && e.from().port().equals("attention_mask")) {
                encoder = encoder.withoutEdge(e);
                Layer attention = (Layer) encoder.nodes().get(e.to().node());
                encoder = encoder.withNode(e.to().node(), attention.withInputCount(0));
            }
        }
        // One sentence is all token type 0: the type table's row 0 joins the word table, and its lookup goes.
        Edge typeIds = only(encoder, e -> e.from().isGraphPort() && e.from().port().equals("token_type_ids"));
        String typeLookup = typeIds.to().node();
        Edge typeSum = only(encoder, e -> e.from().node() != null && e.from().node().equals(typeLookup));
        String sum = typeSum.to().node();
        Edge wordSum = only(encoder, e -> e.to().node() != null && e.to().node().equals(sum) && !e.equals(typeSum));
        String wordLookup = wordSum.from().node();
        WeightArray words = weights.get(NodePath.ROOT.child(wordLookup), "weights").orElseThrow();
        WeightArray types = weights.get(NodePath.ROOT.child(typeLookup), "weights").orElseThrow();
        float[] table = words.floats().clone();
        int width = Math.toIntExact(words.shape()[1]);
        for (int i = 0; i < table.length; i++) {
            table[i] += types.floats()[i % width];
        }
        for (Edge e : encoder.edges()) {
            if (e.from().node() != null && e.from().node().equals(sum)) {
                encoder = encoder.withoutEdge(e).withEdge(new Edge(wordSum.from(), e.to()));
            }
        }
        encoder = encoder.withoutNode(sum).withoutNode(typeLookup);
        encoder = withOnlyInput(encoder, "input_ids");
        encoder = withOnlyOutput(encoder, hidden);
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("tokenizer", Coders.BUILT_IN_TOKENIZER);
        tokenizer.put("size", Math.toIntExact(words.shape()[0]));
        // The pooling, as two nodes: the mean of the tokens (over a transposed n×d), or the [CLS]
        // token, first in the text: the last of the reversed sequence (both read each text's own length).
        List<String> pool = pooling == Pooling.MEAN ? List.of("tokens", "mean") : List.of("reversed", "cls");
        Graph net = Graph.empty()
                .withInput(TEXT, PortDecls.encoder(new Coder("Subwords", tokenizer)))
                .withNode(ENCODER, encoder)
                .withNode(pool.get(0), pooling == Pooling.MEAN ? Layer.of("Transpose", "perm", List.of(1, 0))
                        : Layer.of("SequenceReverse"))
                .withNode(pool.get(1), pooling == Pooling.MEAN ? Layer.of("GlobalPooling", "function", "mean")
                        : Layer.of("SequenceLast"))
                .withNode("classes", Layer.of("Linear", "units", labels.size()))
                .withNode("probabilities", Layer.of("Softmax"))
                .withOutput("Output", PortDecls.decoder(new Coder("Class", Map.of("labels", List.copyOf(labels)))))
                .withEdge(new Edge(PortRef.graphPort(TEXT), PortRef.of(ENCODER, "input_ids")))
                .withEdge(new Edge(PortRef.of(ENCODER, hidden), PortRef.of(pool.get(0), "Input")))
                .withEdge(new Edge(PortRef.of(pool.get(0), "Output"), PortRef.of(pool.get(1), "Input")))
                .withEdge(new Edge(PortRef.of(pool.get(1), "Output"), PortRef.of("classes", "Input")))
                .withEdge(new Edge(PortRef.of("classes", "Output"), PortRef.of("probabilities", "Input")))
                .withEdge(new Edge(PortRef.of("probabilities", "Output"), PortRef.graphPort("Output")));
        List<WeightArray> arrays = new ArrayList<>();
        NodePath inside = NodePath.ROOT.child(ENCODER);
        for (Map.Entry<String, WeightArray> a : weights.arrays().entrySet()) {
            NodePath node = Weights.nodeOf(a.getKey());
            String array = a.getKey().substring(a.getKey().lastIndexOf('/') + 1);
            String first = node.toString().split("/")[0];
            if (!encoder.nodes().containsKey(first)) {
                continue;
            }
            String key = Weights.key(inside.child(first), array);
            arrays.add(first.equals(wordLookup) && array.equals("weights") ? WeightArray.of(key, words.shape(), table)
                    : a.getValue().withName(key));
        }
        Map<String, String> meta = new LinkedHashMap<>(weights.metadata());
        // The classifier is no sentence encoder: Try It must not read it as the gallery's.
        meta.remove(Gallery.ENCODER_KEY);
        meta.put("encoder", encoderName);
        return new LoadedNet(new NetDocument("Sentence classifier (" + encoderName + ")", net, null), Weights.of(arrays, meta));
    }

    private static Edge only(Graph g, java.util.function.Predicate<Edge> which) {
        List<Edge> found = g.edges().stream().filter(which).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("the encoder is not shaped as a BERT sentence encoder (" + found.size()
                    + " wires where one was expected)");
        }
        return found.get(0);
    }

    /**
     * The graph with one input, whose varying length is called "n" as the Subwords encoder's is: the
     * exporters name it differently (MiniLM's "n", BGE's "sequence_length"), and two differently named
     * varying lengths do not connect.
     */
    private static Graph withOnlyInput(Graph g, String input) {
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        PortDecl decl = g.inputs().get(input);
        if (decl.type().rankKnown()) {
            decl = new PortDecl(decl.type().withDims(decl.type().dims().stream()
                    .map(d -> d instanceof org.netstudio.netgraph.tensor.Dim.Symbolic
                            ? org.netstudio.netgraph.tensor.Dim.symbolic("n") : d).toList()), decl.coder());
        }
        inputs.put(input, decl);
        return new Graph(inputs, g.nodes(), g.edges(), g.outputs());
    }

    /** The graph with one output, and without the nodes that computed only the others. */
    private static Graph withOnlyOutput(Graph g, String output) {
        Map<String, PortDecl> outputs = new LinkedHashMap<>();
        outputs.put(output, g.outputs().get(output));
        Graph result = new Graph(g.inputs(), g.nodes(), g.edges().stream()
                .filter(e -> !e.to().isGraphPort() || e.to().port().equals(output)).toList(), outputs);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String name : List.copyOf(result.nodes().keySet())) {
                boolean read = result.edges().stream().anyMatch(e -> name.equals(e.from().node()));
                if (!read) {
                    result = result.withoutNode(name);
                    changed = true;
                }
            }
        }
        return result;
    }
}
