package org.netstudio.netgraph.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the layer catalog: the type's file name, search aliases, palette category,
 * documentation, parameters, ports, and its pure shape, array and cost rules. The catalog is data
 * that drives the file format, the palette, the inspector and inference alike.
 */
public record LayerType(String name, List<String> aliases, Category category, String doc,
                        List<ParamSpec> params, List<PortSpec> inputs, List<String> outputs,
                        ShapeRule shapeRule, ArrayRule arrayRule, CostRule costRule, List<String> keyParams) {

    public LayerType {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        params = List.copyOf(params);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        keyParams = List.copyOf(keyParams);
        Objects.requireNonNull(shapeRule, "shapeRule");
        arrayRule = arrayRule == null ? ArrayRule.NONE : arrayRule;
        costRule = costRule == null ? CostRule.NONE : costRule;
        shapeRule = SizeLimitedRule.around(shapeRule, arrayRule);
    }

    public static Builder builder(String name, Category category) {
        return new Builder(name, category);
    }

    public ParamSpec param(String paramName) {
        for (ParamSpec p : params) {
            if (p.name().equals(paramName)) {
                return p;
            }
        }
        return null;
    }

    public boolean hasVariadicInput() {
        return !inputs.isEmpty() && inputs.get(inputs.size() - 1).variadic();
    }

    /** The fewest ports a variadic input spreads into (2 for merges), or 0 without one. */
    public int minVariadicCount() {
        return hasVariadicInput() ? inputs.get(inputs.size() - 1).minCount() : 0;
    }

    /**
     * The names of the input ports for a layer instance. A variadic port is spread into
     * {@code count} ports ({@code Input1 … InputN}); {@code count} is ignored otherwise.
     */
    public List<String> inputNames(int variadicCount) {
        List<String> names = new ArrayList<>();
        for (PortSpec p : inputs) {
            if (p.variadic()) {
                for (int i = 1; i <= variadicCount; i++) {
                    names.add(p.name() + i);
                }
            } else {
                names.add(p.name());
            }
        }
        return names;
    }

    /** The spec behind an input port name, variadic ports included ("Input3" → Input). */
    public PortSpec inputSpec(String portName) {
        for (PortSpec p : inputs) {
            if (p.name().equals(portName)) {
                return p;
            }
            if (p.variadic() && portName.startsWith(p.name())
                    && isOrdinal(portName, p.name().length())) {
                return p;
            }
        }
        return null;
    }

    /** Whether {@code s} from {@code from} on is a positive number without leading zeros ("1", "12"). Runs on every wire check, so no regex. */
    private static boolean isOrdinal(String s, int from) {
        if (from >= s.length() || s.charAt(from) == '0') {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks raw values (as read from a file or typed in) against the parameter specs and fills in
     * defaults. Unknown names and invalid values are reported in {@code problems} as sentences;
     * the returned Params then holds the defaults for those.
     */
    public Params checkParams(Map<String, Object> raw, List<String> problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            if (param(key) == null) {
                problems.add(name + " has no parameter \"" + key + "\""
                        + (params.isEmpty() ? "" : " (it has " + String.join(", ", paramNames()) + ")"));
            }
        }
        for (ParamSpec spec : params) {
            ParamSpec.Check c = spec.check(raw.get(spec.name()));
            if (c instanceof ParamSpec.Valid v) {
                if (v.value() != null) {
                    out.put(spec.name(), v.value());
                }
            } else if (c instanceof ParamSpec.Invalid inv) {
                problems.add(inv.message());
                if (spec.defaultValue() != null) {
                    out.put(spec.name(), spec.defaultValue());
                }
            }
        }
        return new Params(out);
    }

    public List<String> paramNames() {
        return params.stream().map(ParamSpec::name).toList();
    }

    /** Builds catalog entries fluently; rules default to none. */
    public static final class Builder {
        private final String name;
        private final Category category;
        private final List<String> aliases = new ArrayList<>();
        private String doc = "";
        private final List<ParamSpec> params = new ArrayList<>();
        private final List<PortSpec> inputs = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>(List.of("Output"));
        private final List<String> keyParams = new ArrayList<>();
        private ShapeRule shapeRule;
        private ArrayRule arrayRule;
        private CostRule costRule;

        private Builder(String name, Category category) {
            this.name = name;
            this.category = category;
        }

        public Builder aliases(String... a) {
            aliases.addAll(List.of(a));
            return this;
        }

        public Builder doc(String d) {
            doc = d;
            return this;
        }

        public Builder param(ParamSpec p) {
            params.add(p);
            return this;
        }

        /** Parameters shown on the node itself, in order ("Convolution 32, 3×3"). */
        public Builder keyParams(String... names) {
            keyParams.addAll(List.of(names));
            return this;
        }

        public Builder input(String port, PortRequirement req) {
            inputs.add(PortSpec.of(port, req));
            return this;
        }

        public Builder variadicInput(String port, PortRequirement req) {
            inputs.add(PortSpec.variadic(port, req));
            return this;
        }

        public Builder variadicInput(String port, PortRequirement req, int minCount) {
            inputs.add(PortSpec.variadic(port, req, minCount));
            return this;
        }

        public Builder outputs(String... names) {
            outputs.clear();
            outputs.addAll(List.of(names));
            return this;
        }

        public Builder shape(ShapeRule r) {
            shapeRule = r;
            return this;
        }

        public Builder arrays(ArrayRule r) {
            arrayRule = r;
            return this;
        }

        public Builder cost(CostRule r) {
            costRule = r;
            return this;
        }

        public LayerType build() {
            return new LayerType(name, aliases, category, doc, params, inputs, outputs, shapeRule, arrayRule,
                    costRule, keyParams);
        }
    }
}
