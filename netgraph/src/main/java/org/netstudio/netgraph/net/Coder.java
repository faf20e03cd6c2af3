package org.netstudio.netgraph.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An encoder at a net input or a decoder at an output, as data: its type ("Image", "Class",
 * "Characters", "Boolean") and options (size, colorSpace, labels, alphabet …). What it means is
 * given by {@link Coders}.
 */
public record Coder(String type, Map<String, Object> options) {

    public Coder {
        Objects.requireNonNull(type, "type");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
