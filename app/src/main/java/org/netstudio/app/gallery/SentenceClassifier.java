package org.netstudio.app.gallery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A sentence classifier made of the gallery's pretrained all-MiniLM-L6-v2: text → the encoder (a
 * nested net, with its pretrained weights) → the mean of its token vectors → Linear → Softmax → a
 * class. Fine-tuned on labelled sentences, with the encoder learning too or frozen ({@code --freeze
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

    /**
     * The classifier for these classes, built from the gallery's all-MiniLM-L6-v2 with its weights.
     *
     * @throws IllegalArgumentException when there are fewer than two labels, or one repeats
     */
    public static LoadedNet of(Gallery gallery, List<String> labels) {
        if (labels.size() < 2 || labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("a classifier needs two or more different class labels, not " + labels);
        }
        LoadedNet minilm = gallery.loadWithWeights(ENCODER_ID);
        return of(minilm, labels);
    }

    /** The classifier around an imported BERT-style encoder (input_ids, attention_mask, token_type_ids). */
    static LoadedNet of(LoadedNet bert, List<String> labels) {
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
        Graph net = Graph.empty()
                .withInput(TEXT, PortDecls.encoder(new Coder("Subwords", tokenizer)))
                .withNode(ENCODER, encoder)
                .withNode("tokens", Layer.of("Transpose", "perm", List.of(1, 0)))
                .withNode("mean", Layer.of("GlobalPooling", "function", "mean"))
                .withNode("classes", Layer.of("Linear", "units", labels.size()))
                .withNode("probabilities", Layer.of("Softmax"))
                .withOutput("Output", PortDecls.decoder(new Coder("Class", Map.of("labels", List.copyOf(labels)))))
                .withEdge(new Edge(PortRef.graphPort(TEXT), PortRef.of(ENCODER, "input_ids")))
                .withEdge(new Edge(PortRef.of(ENCODER, hidden), PortRef.of("tokens", "Input")))
                .withEdge(new Edge(PortRef.of("tokens", "Output"), PortRef.of("mean", "Input")))
                .withEdge(new Edge(PortRef.of("mean", "Output"), PortRef.of("classes", "Input")))
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
        meta.put("encoder", "all-MiniLM-L6-v2");
        return new LoadedNet(new NetDocument("Sentence classifier (all-MiniLM-L6-v2)", net, null), Weights.of(arrays, meta));
    }

    private static Edge only(Graph g, java.util.function.Predicate<Edge> which) {
        List<Edge> found = g.edges().stream().filter(which).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("the encoder is not shaped as all-MiniLM-L6-v2 (" + found.size()
                    + " wires where one was expected)");
        }
        return found.get(0);
    }

    private static Graph withOnlyInput(Graph g, String input) {
        Map<String, PortDecl> inputs = new LinkedHashMap<>();
        inputs.put(input, g.inputs().get(input));
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
