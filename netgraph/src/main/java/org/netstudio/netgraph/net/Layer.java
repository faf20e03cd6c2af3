package org.netstudio.netgraph.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.catalog.LayerCatalog;
import org.netstudio.netgraph.catalog.LayerType;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.text.Shown;

/**
 * One catalog layer with the parameter values set on it (defaults are not stored, so files stay
 * short). The values are always valid for the type: the constructor checks them and throws
 * {@link IllegalArgumentException} with the checker's sentence otherwise. Shape-dependent problems
 * (a kernel larger than its input) are diagnostics of inference, not errors here.
 *
 * @param type   canonical catalog name, e.g. "Convolution"
 * @param values explicitly set parameters, normalised (Integer, Double, Boolean, String, List&lt;Integer&gt;)
 * @param inputCount number of inputs of a variadic layer (Total, Catenate), at least its minimum (2 for merges); 0 otherwise
 */
public record Layer(String type, Map<String, Object> values, int inputCount) implements NetNode {

    public Layer {
        LayerType lt = LayerCatalog.standard().get(type)
                .orElseThrow(() -> new IllegalArgumentException(unknownType(type)));
        List<String> problems = new ArrayList<>();
        Params checked = lt.checkParams(values, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String k : values.keySet()) {
            kept.put(k, checked.get(k));
        }
        values = Collections.unmodifiableMap(kept);
        if (lt.hasVariadicInput()) {
            inputCount = Math.max(lt.minVariadicCount(), inputCount);
        } else {
            inputCount = 0;
        }
    }

    private static String unknownType(String type) {
        return "unknown layer type " + Shown.quoted(type)
                + LayerCatalog.standard().suggest(String.valueOf(type)).map(s -> " (did you mean " + s + "?)").orElse("");
    }

    /** A layer of the type with this name or alias, with the given values (pairs of name, value). */
    public static Layer of(String typeOrAlias, Object... nameValuePairs) {
        LayerType lt = LayerCatalog.standard().resolve(typeOrAlias)
                .orElseThrow(() -> new IllegalArgumentException(unknownType(typeOrAlias)));
        Map<String, Object> v = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            v.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return new Layer(lt.name(), v, 0);
    }

    public LayerType layerType() {
        return LayerCatalog.standard().get(type).orElseThrow();
    }

    /** All parameter values, defaults filled in. */
    public Params params() {
        return layerType().checkParams(values, new ArrayList<>());
    }

    /** A copy with one parameter set (or removed when {@code value} is null); throws if invalid. */
    public Layer with(String param, Object value) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        if (value == null) {
            v.remove(param);
        } else {
            v.put(param, value);
        }
        return new Layer(type, v, inputCount);
    }

    public Layer withInputCount(int count) {
        return new Layer(type, values, count);
    }

    @Override
    public String typeName() {
        return type;
    }

    @Override
    public List<String> inputNames() {
        return layerType().inputNames(inputCount);
    }

    @Override
    public List<String> outputNames() {
        return layerType().outputs();
    }
}
