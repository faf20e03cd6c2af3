package org.netstudio.netgraph.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;

/**
 * Structure-aware mutations of a JSON document (a net file, a safetensors header): a random value
 * replaced by a number, string, list or object that breaks naive readers, a field deleted or
 * copied, a layer's type swapped for another catalog type, a graph edge turned into a self-loop.
 */
public final class JsonMutations {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TYPES = LayerCatalog.standard().types().stream().map(LayerType::name).toList();
    private static final List<String> CONTAINERS = List.of("Chain", "Graph", "Map", "Fold", "Bidirectional");

    /** A place in the tree a value can be put: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {
    }

    private JsonMutations() {
    }

    /** Parses, applies one to three mutations and prints the document; unparseable bytes come back as they are. */
    public static byte[] mutate(byte[] json, Random r) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            return json;
        }
        if (root == null || !root.isContainerNode()) {
            return json;
        }
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            once(root, r);
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            return json; // nested deeper than Jackson writes: keep the document as it was
        }
    }

    private static void once(JsonNode root, Random r) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot s = pick(slots, r);
        switch (r.nextInt(10)) {
            case 0, 1 -> put(s, NODES.numberNode(Mutations.interesting(r)));
            case 2 -> put(s, r.nextBoolean() ? NODES.numberNode(r.nextBoolean() ? 1e308 : -0.5) : NODES.numberNode(1.5));
            case 3 -> put(s, NODES.textNode(string(r)));
            case 4 -> put(s, list(r));
            case 5 -> put(s, container(r));
            case 6 -> remove(s);
            case 7 -> put(s, r.nextBoolean() ? NODES.nullNode() : NODES.booleanNode(r.nextBoolean()));
            case 8 -> retype(root, r);
            default -> rewire(root, r);
        }
    }

    private static void collect(JsonNode n, List<Slot> out) {
        if (n.isObject()) {
            Iterator<String> names = n.fieldNames();
            while (names.hasNext()) {
                String f = names.next();
                out.add(new Slot(n, f, -1));
                collect(n.get(f), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                out.add(new Slot(n, null, i));
                collect(n.get(i), out);
            }
        }
    }

    private static void put(Slot s, JsonNode value) {
        if (s.field() != null) {
            ((ObjectNode) s.parent()).set(s.field(), value);
        } else {
            ((ArrayNode) s.parent()).set(s.index(), value);
        }
    }

    private static void remove(Slot s) {
        if (s.field() != null) {
            ((ObjectNode) s.parent()).remove(s.field());
        } else {
            ((ArrayNode) s.parent()).remove(s.index());
        }
    }

    static String string(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "n";
            case 2 -> "x";
            case 3 -> "(".repeat(2000 + r.nextInt(3000)) + "x" + ")".repeat(2000 + r.nextInt(3000));
            case 4 -> "x" + "+x".repeat(1000 + r.nextInt(5000));
            case 5 -> "a".repeat(10_000 + r.nextInt(100_000));
            case 6 -> pick(TYPES, r);
            case 7 -> pick(CONTAINERS, r);
            case 8 -> r.nextBoolean() ? "same" : "max";
            case 9 -> "a/b.c$d";
            case 10 -> "Input" + r.nextInt(3000);
            default -> "é\u0000\uFFFF" + r.nextInt();
        };
    }

    private static ArrayNode list(Random r) {
        ArrayNode a = NODES.arrayNode();
        int n = r.nextInt(8) == 0 ? 20 + r.nextInt(40) : r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(5) == 0) {
                a.add("n");
            } else {
                a.add(r.nextBoolean() ? Mutations.interesting(r) : r.nextInt(40));
            }
        }
        return a;
    }

    private static JsonNode container(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> NODES.objectNode();
            case 1 -> NODES.objectNode().put("type", pick(TYPES, r));
            case 2 -> {
                JsonNode deep = NODES.arrayNode();
                for (int i = 0; i < 100 + r.nextInt(200); i++) {
                    deep = NODES.arrayNode().add(deep);
                }
                yield deep;
            }
            default -> NODES.objectNode().put("type", "Chain").set("layers", NODES.arrayNode()
                    .add(NODES.objectNode().put("type", pick(TYPES, r))));
        };
    }

    /** Gives a random layer object another catalog type, keeping its parameters. */
    private static void retype(JsonNode root, Random r) {
        List<ObjectNode> layers = objects(root, n -> n.has("type") && n.get("type").isTextual());
        if (!layers.isEmpty()) {
            pick(layers, r).put("type", pick(TYPES, r));
        }
    }

    /** The objects anywhere in {@code n} (itself included) that {@code which} holds for, outermost first. */
    private static List<ObjectNode> objects(JsonNode n, Predicate<JsonNode> which) {
        List<ObjectNode> out = new ArrayList<>();
        if (n.isObject() && which.test(n)) {
            out.add((ObjectNode) n);
        }
        for (JsonNode c : n) {
            out.addAll(objects(c, which));
        }
        return out;
    }

    /** Points an edge back at its own source node, or at an edge's source: self-loops and cycles. */
    private static void rewire(JsonNode root, Random r) {
        List<ObjectNode> edges = objects(root, n -> n.has("from") && n.has("to"));
        if (edges.isEmpty()) {
            return;
        }
        ObjectNode e = pick(edges, r);
        if (!e.path("from").isTextual()) {
            return;
        }
        String from = e.get("from").textValue();
        int dot = from.indexOf('.');
        String node = dot < 0 ? from : from.substring(0, dot);
        if (r.nextBoolean()) {
            e.put("to", node);
        } else {
            ObjectNode other = pick(edges, r);
            JsonNode to = e.get("to");
            e.set("to", other.get("from") == null ? NODES.textNode(node) : other.get("from"));
            other.set("from", to == null ? NODES.textNode(node) : to);
        }
    }

    /** An element of {@code list} drawn at random; the list is not empty. */
    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }
}
