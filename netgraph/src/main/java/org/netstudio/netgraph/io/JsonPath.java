package org.netstudio.netgraph.io;

/**
 * A JSON path as messages show it: {@code $.net.layers[3].kernel}, with keys that are not plain
 * words in brackets ({@code $.layout['block1/conv1']}). Immutable.
 */
final class JsonPath {

    static final JsonPath ROOT = new JsonPath("$");

    private final String text;

    private JsonPath(String text) {
        this.text = text;
    }

    JsonPath key(String key) {
        if (key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return new JsonPath(text + "." + key);
        }
        return new JsonPath(text + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']");
    }

    JsonPath index(int i) {
        return new JsonPath(text + "[" + i + "]");
    }

    @Override
    public String toString() {
        return text;
    }
}
