package org.netstudio.netgraph.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netstudio.netgraph.text.EditDistance;

/**
 * All layer types NetStudio knows, looked up by name or alias (case-insensitive). The names and
 * parameter names are the file format's. The containers (Chain, Graph and the sequence operators
 * Map, Fold, Bidirectional) are not layer types here; they are {@link #CONTAINERS} of the net model.
 */
public final class LayerCatalog {

    /** Container type names, in palette order: Chain, Graph, then the sequence operators. */
    public static final List<String> CONTAINERS = List.of("Chain", "Graph", "Map", "Fold", "Bidirectional");

    /** The aliases of each container, for the file reader and for search (Wolfram's and Keras' names). */
    private static final Map<String, List<String>> CONTAINER_ALIASES = Map.of(
            "Chain", List.of("NetChain"),
            "Graph", List.of("NetGraph"),
            "Map", List.of("NetMapOperator", "TimeDistributed"),
            "Fold", List.of("NetFoldOperator"),
            "Bidirectional", List.of("NetBidirectionalOperator"));

    private static final LayerCatalog STANDARD = new LayerCatalog(collect());

    private final List<LayerType> types;
    private final Map<String, LayerType> byName = new LinkedHashMap<>();
    private final Map<String, LayerType> byAlias = new LinkedHashMap<>();

    private LayerCatalog(List<LayerType> types) {
        this.types = Collections.unmodifiableList(types);
        for (LayerType t : types) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalStateException("duplicate layer type " + t.name());
            }
            byAlias.put(t.name().toLowerCase(Locale.ROOT), t);
        }
        for (LayerType t : types) {
            for (String a : t.aliases()) {
                LayerType prev = byAlias.put(a.toLowerCase(Locale.ROOT), t);
                if (prev != null && prev != t) {
                    throw new IllegalStateException("alias " + a + " names both " + prev.name() + " and " + t.name());
                }
            }
        }
    }

    public static LayerCatalog standard() {
        return STANDARD;
    }

    private static List<LayerType> collect() {
        List<LayerType> all = new ArrayList<>();
        all.addAll(CoreLayers.all());
        all.addAll(ConstantLayers.all());
        all.addAll(AxisLayers.all());
        all.addAll(ConvolutionLayers.all());
        all.addAll(ActivationLayers.all());
        all.addAll(NormalizationLayers.all());
        all.addAll(MergeLayers.all());
        all.addAll(SequenceLayers.all());
        all.add(AttentionLayers.attention());
        all.addAll(LossLayers.all());
        all.add(OnnxLayers.onnxOperator());
        return all;
    }

    /** The aliases of a container type ("NetMapOperator", "TimeDistributed" for Map); empty for others. */
    public static List<String> containerAliases(String container) {
        return CONTAINER_ALIASES.getOrDefault(container, List.of());
    }

    /** The container named by this name or alias, ignoring case ("netchain" → Chain), or empty. */
    public static Optional<String> resolveContainer(String nameOrAlias) {
        if (nameOrAlias == null) {
            return Optional.empty();
        }
        for (String c : CONTAINERS) {
            if (c.equalsIgnoreCase(nameOrAlias)
                    || containerAliases(c).stream().anyMatch(a -> a.equalsIgnoreCase(nameOrAlias))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public List<LayerType> types() {
        return types;
    }

    /** The type with exactly this canonical name. */
    public Optional<LayerType> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The type with this name or alias, ignoring case ("dense" → Linear, "ReLU" → Ramp). */
    public Optional<LayerType> resolve(String nameOrAlias) {
        return nameOrAlias == null ? Optional.empty()
                : Optional.ofNullable(byAlias.get(nameOrAlias.toLowerCase(Locale.ROOT)));
    }

    /**
     * Types whose name, alias or category contains the query (case-insensitive), best first:
     * exact names and aliases, then prefixes, then substrings.
     */
    public List<LayerType> search(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return types;
        }
        List<LayerType> exact = new ArrayList<>();
        List<LayerType> prefix = new ArrayList<>();
        List<LayerType> contains = new ArrayList<>();
        for (LayerType t : types) {
            List<String> words = new ArrayList<>();
            words.add(t.name().toLowerCase(Locale.ROOT));
            t.aliases().forEach(a -> words.add(a.toLowerCase(Locale.ROOT)));
            if (words.contains(q)) {
                exact.add(t);
            } else if (words.stream().anyMatch(w -> w.startsWith(q))) {
                prefix.add(t);
            } else if (words.stream().anyMatch(w -> w.contains(q))
                    || t.category().title().toLowerCase(Locale.ROOT).contains(q)) {
                contains.add(t);
            }
        }
        List<LayerType> out = new ArrayList<>(exact);
        out.addAll(prefix);
        out.addAll(contains);
        return out;
    }

    /** A "did you mean" suggestion for an unknown type name, or empty. */
    public Optional<String> suggest(String unknown) {
        String u = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, LayerType> e : byAlias.entrySet()) {
            int d = EditDistance.between(u, e.getKey());
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getValue().name();
            }
        }
        return bestDistance <= Math.max(2, u.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }
}
