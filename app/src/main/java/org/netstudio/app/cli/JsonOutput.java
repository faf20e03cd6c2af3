package org.netstudio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.netstudio.netgraph.inference.Diagnostic;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** Builds the JSON the subcommands print with {@code --json}: shapes, types, problems. */
final class JsonOutput {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    /** A shape as a JSON array: sizes as numbers, symbolic sizes as their names, unknown as null. */
    static ArrayNode shape(TensorType t) {
        ArrayNode a = NODES.arrayNode();
        if (!t.rankKnown()) {
            return null;
        }
        for (Dim d : t.dims()) {
            if (d instanceof Dim.Fixed f) {
                a.add(f.size());
            } else if (d instanceof Dim.Symbolic s) {
                a.add(s.name());
            } else {
                a.addNull();
            }
        }
        return a;
    }

    /** Puts a number under {@code key}; JSON has no NaN or infinity, so a value that is not finite is null. */
    static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    static ObjectNode port(String name, TensorType t) {
        ObjectNode o = NODES.objectNode();
        o.put("name", name);
        o.set("shape", shape(t));
        o.put("type", t.kind() instanceof ElementKind.Index ? "Index"
                : t.kind() instanceof ElementKind.Integer ? "Integer" : "Real");
        if (t.kind() instanceof ElementKind.Index idx && idx.rangeKnown()) {
            o.put("indexRange", idx.size());
        }
        return o;
    }

    static ObjectNode problem(Diagnostic d) {
        ObjectNode o = NODES.objectNode();
        o.put("node", d.node().toString());
        if (d.port() != null) {
            o.put("port", d.port());
        }
        o.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
        o.put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
        o.put("message", d.message());
        return o;
    }

    static void print(PrintWriter out, JsonNode node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
