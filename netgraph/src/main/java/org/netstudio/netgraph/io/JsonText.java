package org.netstudio.netgraph.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints a JSON tree the way NetStudio's files look: two-space indentation, {@code "key": value},
 * and small flat objects and arrays (a layer, a shape, a position) on one line so a file reads like
 * the net and diffs line by line. Deterministic: the same tree always gives the same text.
 */
final class JsonText {

    /** Longest one-line rendering of an object or array before it is broken over lines. */
    private static final int INLINE_WIDTH = 88;

    private static final ObjectMapper SCALARS = new ObjectMapper();

    private JsonText() {
    }

    static String print(JsonNode root) {
        StringBuilder sb = new StringBuilder();
        write(root, 0, sb);
        return sb.append('\n').toString();
    }

    private static void write(JsonNode n, int indent, StringBuilder sb) {
        if (!n.isContainerNode()) {
            sb.append(scalar(n));
            return;
        }
        if (n.isEmpty()) {
            sb.append(n.isObject() ? "{}" : "[]");
            return;
        }
        if (isFlat(n)) {
            String inline = inline(n);
            if (inline.length() <= INLINE_WIDTH) {
                sb.append(inline);
                return;
            }
        }
        String pad = "  ".repeat(indent + 1);
        sb.append(n.isObject() ? "{\n" : "[\n");
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(pad).append(scalar(SCALARS.getNodeFactory().textNode(e.getKey()))).append(": ");
                write(e.getValue(), indent + 1, sb);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
        } else {
            for (int i = 0; i < n.size(); i++) {
                sb.append(pad);
                write(n.get(i), indent + 1, sb);
                sb.append(i + 1 < n.size() ? ",\n" : "\n");
            }
        }
        sb.append("  ".repeat(indent)).append(n.isObject() ? '}' : ']');
    }

    /** Scalars, and containers holding only scalars or containers of scalars. */
    private static boolean isFlat(JsonNode n) {
        for (JsonNode c : n) {
            if (c.isContainerNode()) {
                for (JsonNode g : c) {
                    if (g.isContainerNode()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static String inline(JsonNode n) {
        if (!n.isContainerNode()) {
            return scalar(n);
        }
        StringBuilder sb = new StringBuilder(n.isObject() ? "{" : "[");
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(scalar(SCALARS.getNodeFactory().textNode(e.getKey()))).append(": ").append(inline(e.getValue()));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
        } else {
            for (int i = 0; i < n.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(inline(n.get(i)));
            }
        }
        return sb.append(n.isObject() ? '}' : ']').toString();
    }

    private static String scalar(JsonNode n) {
        try {
            return SCALARS.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a JSON scalar", e);
        }
    }
}
