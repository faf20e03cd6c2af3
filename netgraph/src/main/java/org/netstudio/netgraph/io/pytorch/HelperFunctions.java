package org.netstudio.netgraph.io.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The small functions model.py defines for what PyTorch has no module for (masks over varying
 * lengths, the last element of each sequence, attention, NetStudio's losses). They live in the
 * resource {@code model_helpers.py}, one per section; a model.py holds only those it calls.
 */
final class HelperFunctions {

    private static final Map<String, List<String>> NEEDS = Map.of(
            "mask_like", List.of("sequence_mask"),
            "masked_softmax", List.of("mask_like"),
            "global_pooling", List.of("mask_like"),
            "aggregate", List.of("mask_like"),
            "attention", List.of("sequence_mask"),
            "mean_per_example", List.of("mask_like"));

    private static final Map<String, String> SOURCES = load();

    private HelperFunctions() {
    }

    /** The names of every helper. */
    static Set<String> names() {
        return SOURCES.keySet();
    }

    /** The source of the named helpers and of those they call, each once, callees first. */
    static String sources(Set<String> names) {
        Set<String> ordered = new LinkedHashSet<>();
        names.forEach(n -> add(n, ordered));
        StringBuilder sb = new StringBuilder();
        for (String name : SOURCES.keySet()) {
            if (ordered.contains(name)) {
                sb.append(SOURCES.get(name).strip()).append("\n\n\n");
            }
        }
        return sb.toString();
    }

    private static void add(String name, Set<String> into) {
        if (!SOURCES.containsKey(name)) {
            throw new IllegalStateException("no helper named " + name);
        }
        NEEDS.getOrDefault(name, List.of()).forEach(n -> add(n, into));
        into.add(name);
    }

    private static Map<String, String> load() {
        try (InputStream in = HelperFunctions.class.getResourceAsStream("model_helpers.py")) {
            if (in == null) {
                throw new IllegalStateException("model_helpers.py is missing from the build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> out = new LinkedHashMap<>();
            for (String section : text.split("(?m)^# ---- ")) {
                if (section.isBlank()) {
                    continue;
                }
                int eol = section.indexOf('\n');
                out.put(section.substring(0, eol).strip(), section.substring(eol + 1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource of this package as text. */
    static String resource(String name) {
        try (InputStream in = HelperFunctions.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
