package org.netstudio.netgraph.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.catalog.ParamSpec;
import org.netstudio.netgraph.catalog.PortSpec;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.CoderOptionException;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.LearningRateMultipliers;
import org.netstudio.netgraph.net.MapOperator;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.text.Shown;

/**
 * Reads a net file (format {@code netstudio.net}, version 1; see DESIGN.md "The net file") into a
 * {@link NetDocument}. Strict: anything it does not understand — malformed JSON, a duplicate key,
 * an unknown field or layer type, an invalid parameter, a wrong JSON type, a duplicate name, an
 * edge naming a missing node or port, a bad shape, a size beyond the limits — is rejected with one
 * {@link NetFileException} naming the file and the JSON path. It never returns a partial net.
 *
 * <p>Layer types may be written as any alias ("Dense" reads as Linear); edges may abbreviate an
 * only port ("conv1" for "conv1.Output"); both are resolved to canonical values on read. The
 * number of inputs of a variadic layer (Total, Catenate) is the highest {@code InputK} wired to
 * it, at least 2.
 *
 * <p>Stateless and thread-safe. Loading never executes anything from the file; every size is
 * checked before anything is allocated for it.
 */
public final class NetFileReader {

    /** The largest net file read, in bytes. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    /** The most inputs a variadic layer may have. */
    public static final int MAX_VARIADIC_INPUTS = 1024;

    /** The most dimensions a declared shape may have. */
    public static final int MAX_RANK = 32;

    static final String FORMAT = "netstudio.net";
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(256).maxNumberLength(64).maxStringLength(4 << 20).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private NetFileReader() {
    }

    /** Reads a net file; NetFileException when its content is refused, IOException when it cannot be read. */
    public static NetDocument read(Path file) throws IOException {
        String source = file.toString();
        RegularFiles.require(file);
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new NetFileException(source, null, "the file is " + size + " bytes, more than the "
                    + MAX_FILE_BYTES + " bytes a net file may have");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        }
    }

    /**
     * Reads at most {@link #MAX_FILE_BYTES} from a stream (e.g. a zip entry) and parses them;
     * {@code source} names the stream in messages. The stream is not closed.
     */
    public static NetDocument read(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new NetFileException(source, null, "the net is more than the " + MAX_FILE_BYTES
                    + " bytes a net file may have");
        }
        return read(bytes, source);
    }

    /** Parses a net file's bytes (UTF-8 JSON); {@code source} names them in messages. */
    public static NetDocument read(byte[] json, String source) throws NetFileException {
        if (json.length > MAX_FILE_BYTES) {
            throw new NetFileException(source, null, "the net is " + json.length + " bytes, more than the "
                    + MAX_FILE_BYTES + " bytes a net file may have");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? null : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String why = JsonValues.parseProblem(e);
            throw new NetFileException(source, where, "malformed JSON: " + why, e);
        } catch (IOException e) {
            throw new NetFileException(source, null, "cannot parse: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new NetFileException(source, null, "the file is empty; a net file is a JSON object");
        }
        return new Parse(source).document(root);
    }

    /** Parses a net file's text; {@code source} names it in messages. */
    public static NetDocument read(String json, String source) throws NetFileException {
        return read(json.getBytes(StandardCharsets.UTF_8), source);
    }

    /** The optional top-level field holding the learning-rate multipliers. */
    static final String MULTIPLIERS = "learningRateMultipliers";

    /** Whether a layout key is a node path of valid names, its last name possibly a "$Port". */
    static boolean validLayoutKey(String key) {
        String[] parts = key.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = i == parts.length - 1 && parts[i].startsWith("$") ? parts[i].substring(1) : parts[i];
            if (!NetNames.isValid(part)) {
                return false;
            }
        }
        return true;
    }

    /** One parse of one file; fails at the first problem. */
    private static final class Parse {
        private final String source;

        Parse(String source) {
            this.source = source;
        }

        private NetFileException fail(JsonPath path, String detail) {
            return new NetFileException(source, path.toString(), detail);
        }

        NetDocument document(JsonNode root) throws NetFileException {
            JsonPath path = JsonPath.ROOT;
            object(root, path, "a net file");
            JsonNode format = root.get("format");
            if (format == null) {
                throw fail(path, "missing \"format\": a net file starts with \"format\": \"" + FORMAT + "\"");
            }
            if (!format.isTextual() || !format.textValue().equals(FORMAT)) {
                throw fail(path.key("format"), "expected \"" + FORMAT + "\", but got " + JsonValues.show(format)
                        + " (this is not a NetStudio net file)");
            }
            JsonNode version = root.get("version");
            if (version == null) {
                throw fail(path, "missing \"version\" (this NetStudio reads version " + VERSION + ")");
            }
            if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != VERSION) {
                throw fail(path.key("version"), "this NetStudio reads version " + VERSION + " of the net file, but got "
                        + JsonValues.show(version) + (version.isIntegralNumber() && version.intValue() > VERSION
                        ? " (written by a newer NetStudio?)" : ""));
            }
            onlyFields(root, path, "a net file", "format", "version", "name", "net", "layout", MULTIPLIERS);
            String name = root.has("name") ? string(root.get("name"), path.key("name")) : "";
            JsonNode net = root.get("net");
            if (net == null) {
                throw fail(path, "missing \"net\", the net itself");
            }
            NetNode node = node(net, path.key("net"), false);
            Layout layout = root.has("layout") ? layout(root.get("layout"), path.key("layout")) : Layout.EMPTY;
            LearningRateMultipliers multipliers = root.has(MULTIPLIERS)
                    ? multipliers(root.get(MULTIPLIERS), path.key(MULTIPLIERS)) : LearningRateMultipliers.NONE;
            return new NetDocument(name, node, layout, multipliers);
        }

        // ---- nodes ----------------------------------------------------------------------

        NetNode node(JsonNode n, JsonPath path, boolean named) throws NetFileException {
            object(n, path, "a layer");
            JsonNode typeNode = n.get("type");
            if (typeNode == null) {
                throw fail(path, "missing \"type\", the kind of layer (e.g. \"Linear\")");
            }
            String type = string(typeNode, path.key("type"));
            String container = LayerCatalog.resolveContainer(type).orElse("");
            switch (container) {
                case "Chain":
                    return chain(n, path, named);
                case "Graph":
                    return graph(n, path, named);
                case "Map", "Fold", "Bidirectional":
                    return operator(container, n, path, named);
                default:
                    break;
            }
            LayerType lt = LayerCatalog.standard().resolve(type).orElseThrow(() -> fail(path.key("type"),
                    "unknown layer type " + Shown.quoted(type) + LayerCatalog.standard().suggest(type)
                            .map(s -> " (did you mean " + s + "?)").orElse("")));
            return layer(n, path, lt, named);
        }

        private Layer layer(JsonNode n, JsonPath path, LayerType lt, boolean named) throws NetFileException {
            Map<String, Object> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.equals("type") || (named && key.equals("name"))) {
                    continue;
                }
                JsonPath at = path.key(key);
                if (key.equals("name")) {
                    throw fail(at, "a node of a graph is named by its key in \"nodes\", not by a \"name\" field");
                }
                ParamSpec spec = lt.param(key);
                if (spec == null) {
                    List<String> problems = new ArrayList<>();
                    lt.checkParams(Map.of(key, ""), problems);
                    throw fail(at, problems.get(0));
                }
                if (e.getValue().isNull()) {
                    throw fail(at, key + " cannot be null (leave it out for its default)");
                }
                Object raw = JsonValues.toJava(e.getValue());
                if (spec.check(raw) instanceof ParamSpec.Invalid inv) {
                    throw fail(at, inv.message());
                }
                values.put(key, raw);
            }
            for (ParamSpec spec : lt.params()) {
                if (spec.required() && !values.containsKey(spec.name())
                        && spec.check(null) instanceof ParamSpec.Invalid inv) {
                    throw fail(path, lt.name() + ": " + inv.message());
                }
            }
            try {
                return new Layer(lt.name(), values, 0);
            } catch (IllegalArgumentException e) {
                throw fail(path, e.getMessage());
            }
        }

        private Chain chain(JsonNode n, JsonPath path, boolean named) throws NetFileException {
            List<String> allowed = new ArrayList<>(List.of("type", "input", "layers", "output"));
            if (named) {
                allowed.add("name");
            }
            onlyFields(n, path, "a Chain", allowed.toArray(String[]::new));
            PortDecl input = n.has("input") ? decl(n.get("input"), path.key("input"), true) : PortDecl.UNSPECIFIED;
            PortDecl output = n.has("output") ? decl(n.get("output"), path.key("output"), false) : PortDecl.UNSPECIFIED;
            JsonNode layers = n.get("layers");
            List<NetNode> nodes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (layers != null) {
                JsonPath lp = path.key("layers");
                array(layers, lp, "a list of layers");
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < layers.size(); i++) {
                    JsonPath ep = lp.index(i);
                    JsonNode el = layers.get(i);
                    String name = null;
                    if (el.isObject() && el.has("name")) {
                        name = name(el.get("name"), ep.key("name"));
                        if (!seen.add(name)) {
                            throw fail(ep.key("name"), "two layers of the chain are named \"" + name + "\"");
                        }
                    }
                    nodes.add(node(el, ep, true));
                    names.add(name);
                }
            }
            return Chain.named(input, nodes, names, output);
        }

        /** A sequence operator: its inner nets under their names ("net", or "forward" and "backward") and its options. */
        private SequenceOperator operator(String type, JsonNode n, JsonPath path, boolean named) throws NetFileException {
            List<String> allowed = new ArrayList<>(List.of("type"));
            allowed.addAll(type.equals("Bidirectional") ? List.of("forward", "backward") : List.of("net"));
            allowed.addAll(type.equals("Fold") ? List.of("returnSequences") : type.equals("Bidirectional")
                    ? List.of("merge") : List.of());
            if (named) {
                allowed.add("name");
            }
            onlyFields(n, path, "a " + type, allowed.toArray(String[]::new));
            SequenceOperator op = switch (type) {
                case "Map" -> new MapOperator(inner(n, path, "net", "a Map needs the net it applies to every element,"
                        + " e.g. \"net\": {\"type\": \"Linear\", \"units\": 8}"));
                case "Fold" -> new FoldOperator(inner(n, path, "net", "a Fold needs the net it carries the state with,"
                        + " a Graph with inputs Input and State whose output is the next state"));
                default -> {
                    String both = "a Bidirectional needs a forward and a backward net, e.g. {\"type\": \"LSTM\", \"units\": 8}";
                    NetNode forward = inner(n, path, "forward", both);
                    yield new BidirectionalOperator(forward, inner(n, path, "backward", both), null);
                }
            };
            for (ParamSpec option : op.options()) {
                JsonNode v = n.get(option.name());
                if (v != null) {
                    if (v.isNull()) {
                        throw fail(path.key(option.name()), option.name() + " cannot be null (leave it out for its default)");
                    }
                    try {
                        op = op.withOption(option.name(), JsonValues.toJava(v));
                    } catch (IllegalArgumentException e) {
                        throw fail(path.key(option.name()), e.getMessage());
                    }
                }
            }
            return op;
        }

        private NetNode inner(JsonNode n, JsonPath path, String key, String why) throws NetFileException {
            JsonNode inner = n.get(key);
            if (inner == null) {
                throw fail(path, "missing \"" + key + "\": " + why);
            }
            return node(inner, path.key(key), false);
        }

        private Graph graph(JsonNode n, JsonPath path, boolean named) throws NetFileException {
            List<String> allowed = new ArrayList<>(List.of("type", "inputs", "nodes", "edges", "outputs"));
            if (named) {
                allowed.add("name");
            }
            onlyFields(n, path, "a Graph", allowed.toArray(String[]::new));
            Map<String, PortDecl> inputs = ports(n.get("inputs"), path.key("inputs"), true);
            Map<String, PortDecl> outputs = ports(n.get("outputs"), path.key("outputs"), false);
            for (String o : outputs.keySet()) {
                if (inputs.containsKey(o)) {
                    throw fail(path.key("outputs").key(o), "the graph has an input and an output both named \"" + o
                            + "\"; port names must differ");
                }
            }
            Map<String, NetNode> nodes = new LinkedHashMap<>();
            JsonNode nodesNode = n.get("nodes");
            if (nodesNode != null) {
                JsonPath np = path.key("nodes");
                object(nodesNode, np, "an object of named layers");
                Iterator<Map.Entry<String, JsonNode>> it = nodesNode.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonPath at = np.key(e.getKey());
                    checkName(e.getKey(), at);
                    if (inputs.containsKey(e.getKey()) || outputs.containsKey(e.getKey())) {
                        throw fail(at, "\"" + e.getKey() + "\" names both a node and a port of the graph; names must differ");
                    }
                    nodes.put(e.getKey(), node(e.getValue(), at, false));
                }
            }
            List<Edge> edges = new ArrayList<>();
            JsonNode edgesNode = n.get("edges");
            Map<String, Integer> variadic = new HashMap<>();
            if (edgesNode != null) {
                JsonPath ep = path.key("edges");
                array(edgesNode, ep, "a list of edges");
                Map<PortRef, Integer> wired = new HashMap<>();
                for (int i = 0; i < edgesNode.size(); i++) {
                    JsonPath at = ep.index(i);
                    JsonNode e = edgesNode.get(i);
                    object(e, at, "an edge {\"from\": …, \"to\": …}");
                    onlyFields(e, at, "an edge", "from", "to");
                    if (!e.has("from") || !e.has("to")) {
                        throw fail(at, "an edge needs both \"from\" and \"to\"");
                    }
                    PortRef from = source(string(e.get("from"), at.key("from")), at.key("from"), inputs, nodes);
                    PortRef to = target(string(e.get("to"), at.key("to")), at.key("to"), outputs, nodes, variadic);
                    Integer previous = wired.putIfAbsent(to, i);
                    if (previous != null) {
                        throw fail(at.key("to"), (to.isGraphPort() ? "the graph's output " + to.port()
                                : to.port() + " of \"" + to.node() + "\"") + " is already wired by edges[" + previous
                                + "]; an input takes one wire");
                    }
                    edges.add(new Edge(from, to));
                }
            }
            for (Map.Entry<String, Integer> v : variadic.entrySet()) {
                Layer l = (Layer) nodes.get(v.getKey());
                nodes.put(v.getKey(), l.withInputCount(v.getValue()));
            }
            return new Graph(inputs, nodes, edges, outputs);
        }

        private Map<String, PortDecl> ports(JsonNode n, JsonPath path, boolean input) throws NetFileException {
            Map<String, PortDecl> out = new LinkedHashMap<>();
            if (n == null) {
                return out;
            }
            object(n, path, "an object of named " + (input ? "inputs" : "outputs"));
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonPath at = path.key(e.getKey());
                checkName(e.getKey(), at);
                out.put(e.getKey(), decl(e.getValue(), at, input));
            }
            return out;
        }

        /** The node an end without a port names, when it is not one of the graph's own {@code side} ports. */
        private NetNode bareNode(String text, JsonPath at, String side, Map<String, PortDecl> ports,
                                 Map<String, NetNode> nodes) throws NetFileException {
            NetNode node = nodes.get(text);
            if (node == null) {
                throw fail(at, Shown.quoted(text) + " is neither a node nor an " + side + " of the graph"
                        + known("nodes", nodes.keySet()) + known(side + "s", ports.keySet()));
            }
            return node;
        }

        /** The node named before an end's port. */
        private NetNode namedNode(String name, JsonPath at, Map<String, NetNode> nodes) throws NetFileException {
            NetNode node = nodes.get(name);
            if (node == null) {
                throw fail(at, "there is no node \"" + name + "\" in the graph" + known("nodes", nodes.keySet()));
            }
            return node;
        }

        private PortRef source(String text, JsonPath at, Map<String, PortDecl> inputs, Map<String, NetNode> nodes)
                throws NetFileException {
            int dot = text.indexOf('.');
            if (dot < 0) {
                if (inputs.containsKey(text)) {
                    return PortRef.graphPort(text);
                }
                NetNode node = bareNode(text, at, "input", inputs, nodes);
                if (node.outputNames().size() != 1) {
                    throw fail(at, "\"" + text + "\" (" + node.typeName() + ") has "
                            + node.outputNames().size() + " outputs; name one, e.g. \"" + text + "."
                            + (node.outputNames().isEmpty() ? "Output" : node.outputNames().get(0)) + "\"");
                }
                return PortRef.of(text, node.outputNames().get(0));
            }
            String nodeName = text.substring(0, dot);
            String port = text.substring(dot + 1);
            NetNode node = namedNode(nodeName, at, nodes);
            if (!node.outputNames().contains(port)) {
                throw fail(at, "\"" + nodeName + "\" (" + node.typeName() + ") has no output port \"" + port
                        + "\" (it has " + String.join(", ", node.outputNames()) + ")");
            }
            return PortRef.of(nodeName, port);
        }

        private PortRef target(String text, JsonPath at, Map<String, PortDecl> outputs, Map<String, NetNode> nodes,
                               Map<String, Integer> variadic) throws NetFileException {
            int dot = text.indexOf('.');
            if (dot < 0) {
                if (outputs.containsKey(text)) {
                    return PortRef.graphPort(text);
                }
                NetNode node = bareNode(text, at, "output", outputs, nodes);
                if (isVariadic(node) || node.inputNames().size() != 1) {
                    List<String> ins = node.inputNames();
                    throw fail(at, "\"" + text + "\" (" + node.typeName() + ") has "
                            + (isVariadic(node) ? "several inputs" : ins.size() + " inputs")
                            + "; name one, e.g. \"" + text + "." + (ins.isEmpty() ? "Input" : ins.get(0)) + "\"");
                }
                return PortRef.of(text, node.inputNames().get(0));
            }
            String nodeName = text.substring(0, dot);
            String port = text.substring(dot + 1);
            NetNode node = namedNode(nodeName, at, nodes);
            if (isVariadic(node)) {
                Layer layer = (Layer) node;
                PortSpec spec = layer.layerType().inputSpec(port);
                if (spec != null && spec.variadic()) {
                    int k;
                    try {
                        k = Integer.parseInt(port.substring(spec.name().length()));
                    } catch (NumberFormatException e) {
                        k = Integer.MAX_VALUE;
                    }
                    if (k > MAX_VARIADIC_INPUTS) {
                        throw fail(at, "\"" + nodeName + "\" (" + node.typeName() + ") can have at most "
                                + MAX_VARIADIC_INPUTS + " inputs, but the edge goes to " + port);
                    }
                    variadic.merge(nodeName, k, Math::max);
                    return PortRef.of(nodeName, port);
                }
                if (spec != null) {
                    return PortRef.of(nodeName, port);
                }
                throw fail(at, "\"" + nodeName + "\" (" + node.typeName() + ") has no input port \"" + port
                        + "\" (it has Input1, Input2, …)");
            }
            if (!node.inputNames().contains(port)) {
                throw fail(at, "\"" + nodeName + "\" (" + node.typeName() + ") has no input port \"" + port
                        + "\" (it has " + (node.inputNames().isEmpty() ? "none" : String.join(", ", node.inputNames())) + ")");
            }
            return PortRef.of(nodeName, port);
        }

        private static boolean isVariadic(NetNode node) {
            return node instanceof Layer l && l.layerType().hasVariadicInput();
        }

        private static String known(String what, Set<String> names) {
            if (names.isEmpty()) {
                return "";
            }
            List<String> shown = names.stream().limit(8).toList();
            return "; its " + what + " are " + String.join(", ", shown) + (names.size() > shown.size() ? ", …" : "");
        }

        // ---- port declarations --------------------------------------------------------------

        private PortDecl decl(JsonNode n, JsonPath path, boolean input) throws NetFileException {
            String coderKey = input ? "encoder" : "decoder";
            object(n, path, "a port declaration such as {\"shape\": [1, 28, 28]}");
            onlyFields(n, path, input ? "an input" : "an output", "shape", "index", "integer", coderKey);
            if (n.has(coderKey)) {
                if (n.has("shape") || n.has("index") || n.has("integer")) {
                    throw fail(path, (input ? "an input" : "an output") + " is declared by a shape or by an "
                            + coderKey + ", not both");
                }
                return coder(n.get(coderKey), path.key(coderKey), input);
            }
            List<Dim> dims = n.has("shape") ? shape(n.get("shape"), path.key("shape")) : null;
            ElementKind kind = ElementKind.REAL;
            if (n.has("integer")) {
                JsonNode flag = n.get("integer");
                if (!flag.isBoolean() || !flag.booleanValue()) {
                    throw fail(path.key("integer"), "integer is true for whole numbers that are not indices (leave it out"
                            + " for real numbers), but got " + JsonValues.show(flag));
                }
                if (n.has("index")) {
                    throw fail(path, (input ? "an input" : "an output") + " holds indices (index) or integers (integer),"
                            + " not both");
                }
                if (dims == null) {
                    throw fail(path, "integers need a shape, e.g. {\"shape\": [\"n\"], \"integer\": true}");
                }
                kind = ElementKind.INTEGER;
            } else if (n.has("index")) {
                JsonNode ix = n.get("index");
                if (!ix.isIntegralNumber() || !ix.canConvertToInt() || ix.intValue() < 1) {
                    throw fail(path.key("index"), "index must be the number of distinct indices, a positive whole number"
                            + " of at most " + Integer.MAX_VALUE + ", but got " + JsonValues.show(ix));
                }
                kind = ElementKind.index(ix.intValue());
            } else if (dims == null) {
                return PortDecl.UNSPECIFIED;
            }
            return PortDecl.of(new TensorType(kind, dims));
        }

        private List<Dim> shape(JsonNode n, JsonPath path) throws NetFileException {
            array(n, path, "a list of sizes, e.g. [1, 28, 28] or [\"n\", 20]");
            if (n.size() > MAX_RANK) {
                throw fail(path, "a shape can have at most " + MAX_RANK + " dimensions, but got " + n.size());
            }
            List<Dim> dims = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                JsonNode d = n.get(i);
                JsonPath at = path.index(i);
                if (d.isTextual()) {
                    if (!d.textValue().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw fail(at, "a varying length is named by a word such as \"n\", but got " + JsonValues.show(d));
                    }
                    dims.add(Dim.symbolic(d.textValue()));
                } else if (d.isIntegralNumber()) {
                    if (d.canConvertToLong() && d.longValue() < 0) {
                        throw fail(at, "a dimension cannot be negative, but got " + d);
                    }
                    if (!d.canConvertToInt()) {
                        throw fail(at, "a dimension can be at most " + Integer.MAX_VALUE + ", but got " + JsonValues.show(d));
                    }
                    dims.add(Dim.of(d.intValue()));
                } else {
                    throw fail(at, "a dimension must be a whole number or the name of a varying length such as \"n\", but got "
                            + JsonValues.show(d));
                }
            }
            return dims;
        }

        private PortDecl coder(JsonNode n, JsonPath path, boolean input) throws NetFileException {
            String word = input ? "an encoder" : "a decoder";
            object(n, path, word + " such as {\"type\": \"Class\", \"labels\": […]}");
            JsonNode typeNode = n.get("type");
            if (typeNode == null) {
                throw fail(path, word + " needs a \"type\" (one of " + String.join(", ", Coders.TYPES) + ")");
            }
            String type = string(typeNode, path.key("type"));
            if (!Coders.TYPES.contains(type)) {
                throw fail(path.key("type"), "unknown " + (input ? "encoder" : "decoder") + " type \"" + Shown.text(type)
                        + "\" (known: " + String.join(", ", Coders.TYPES) + ")");
            }
            Map<String, Object> options = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("type")) {
                    options.put(e.getKey(), JsonValues.toJava(e.getValue()));
                }
            }
            Coder coder = new Coder(type, options);
            try {
                return new PortDecl(Coders.typeOf(coder, input), coder);
            } catch (CoderOptionException e) {
                JsonPath at = e.option() == null ? path : path.key(e.option());
                throw fail(e.index() < 0 ? at : at.index(e.index()), e.getMessage());
            } catch (IllegalArgumentException e) {
                throw fail(path, e.getMessage());
            }
        }

        // ---- layout ---------------------------------------------------------------------------

        private Layout layout(JsonNode n, JsonPath path) throws NetFileException {
            object(n, path, "an object of node positions");
            Map<String, Layout.Position> positions = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonPath at = path.key(e.getKey());
                if (!validLayoutKey(e.getKey())) {
                    throw fail(at, "a layout key is a node path such as \"block1/conv1\" (or \"$Input\" for a port),"
                            + " but got \"" + e.getKey() + "\"");
                }
                JsonNode p = e.getValue();
                object(p, at, "a position {\"x\": …, \"y\": …}");
                onlyFields(p, at, "a position", "x", "y");
                positions.put(e.getKey(), new Layout.Position(coordinate(p.get("x"), at.key("x")),
                        coordinate(p.get("y"), at.key("y"))));
            }
            return new Layout(positions);
        }

        private LearningRateMultipliers multipliers(JsonNode n, JsonPath path) throws NetFileException {
            object(n, path, "an object of learning-rate multipliers by node path");
            Map<NodePath, Double> factors = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonPath at = path.key(e.getKey());
                if (!e.getKey().isEmpty() && (e.getKey().contains("$") || !validLayoutKey(e.getKey()))) {
                    throw fail(at, "a learning-rate multiplier's key is a node path such as \"block1/conv1\" (or \"\""
                            + " for the whole net), but got \"" + e.getKey() + "\"");
                }
                JsonNode f = e.getValue();
                if (f == null || !f.isNumber() || !(f.doubleValue() >= 0) || !Double.isFinite(f.doubleValue())) {
                    throw fail(at, "a learning-rate multiplier is a number of 0 (frozen) or more, but got "
                            + JsonValues.show(f));
                }
                factors.put(NodePath.parse(e.getKey()), f.doubleValue());
            }
            return new LearningRateMultipliers(factors);
        }

        private double coordinate(JsonNode n, JsonPath at) throws NetFileException {
            if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
                throw fail(at, "a coordinate must be a number, but got " + (n == null ? "nothing" : JsonValues.show(n)));
            }
            return n.doubleValue();
        }

        // ---- JSON shapes ------------------------------------------------------------------------

        private void object(JsonNode n, JsonPath path, String what) throws NetFileException {
            if (n == null || !n.isObject()) {
                throw fail(path, "expected " + what + " (a JSON object), but got " + JsonValues.kind(n)
                        + (n == null || n.isContainerNode() ? "" : " " + JsonValues.show(n)));
            }
        }

        private void array(JsonNode n, JsonPath path, String what) throws NetFileException {
            if (!n.isArray()) {
                throw fail(path, "expected " + what + ", but got " + JsonValues.kind(n)
                        + (n.isContainerNode() ? "" : " " + JsonValues.show(n)));
            }
        }

        private String string(JsonNode n, JsonPath path) throws NetFileException {
            if (!n.isTextual()) {
                throw fail(path, "expected a string, but got " + JsonValues.kind(n)
                        + (n.isContainerNode() ? "" : " " + JsonValues.show(n)));
            }
            return n.textValue();
        }

        private String name(JsonNode n, JsonPath path) throws NetFileException {
            String s = string(n, path);
            checkName(s, path);
            return s;
        }

        private void checkName(String name, JsonPath path) throws NetFileException {
            String problem = NetNames.problem(name).orElse(null);
            if (problem != null) {
                throw fail(path, problem);
            }
        }

        private void onlyFields(JsonNode n, JsonPath path, String what, String... allowed) throws NetFileException {
            List<String> ok = List.of(allowed);
            Iterator<String> names = n.fieldNames();
            while (names.hasNext()) {
                String f = names.next();
                if (!ok.contains(f)) {
                    throw fail(path.key(f), "unknown field \"" + f + "\" in " + what + " (it may have "
                            + String.join(", ", ok) + ")");
                }
            }
        }
    }
}
