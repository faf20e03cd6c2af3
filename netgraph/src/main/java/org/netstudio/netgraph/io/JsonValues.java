package org.netstudio.netgraph.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.text.Shown;

/**
 * Converts between JSON trees and the plain values the net model stores in parameters and coder
 * options: Integer (Long, BigInteger when larger), Double, Boolean, String, List and Map. No
 * reflection: only these types are ever produced or accepted.
 */
final class JsonValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** A JSON value as a plain Java value; JSON null gives null. */
    static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            if (n.canConvertToInt()) {
                return n.intValue();
            }
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode c : n) {
                out.add(toJava(c));
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), toJava(e.getValue()));
        }
        return out;
    }

    /**
     * A plain Java value as JSON. Throws IllegalArgumentException for anything else (or a
     * non-finite number, which JSON cannot hold), naming {@code what}.
     */
    static JsonNode toJson(Object v, String what) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).intValue());
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(what + " is " + d + ", which a net file cannot hold");
            }
            return NODES.numberNode(d);
        }
        if (v instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            for (Object o : list) {
                a.add(toJson(o, what));
            }
            return a;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                o.set(String.valueOf(e.getKey()), toJson(e.getValue(), what));
            }
            return o;
        }
        throw new IllegalArgumentException(what + " holds a " + v.getClass().getSimpleName()
                + ", which a net file cannot hold");
    }

    /**
     * Jackson's own message for a parse error, on one line and without the "[Source: …]" locations it
     * embeds (the caller names the file, line and column itself).
     */
    static String parseProblem(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        m = m.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "");
        m = m.replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
        return m.replaceAll("\\s+", " ").strip();
    }

    /** A JSON value as a person would write it in a message: "big", 3, [1, 2]. */
    static String show(JsonNode n) {
        return Shown.text(n.toString());
    }

    /** "a string", "a number", "an object" … for messages about wrong JSON types. */
    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "true or false";
        }
        if (n.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
