package org.netstudio.engine.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.catalog.ParamKind;
import org.netstudio.netgraph.catalog.ParamSpec;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetLayers;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.text.EditDistance;

/** Reads one {@code NAME=VALUES} text of a {@link SearchSpace} against a net. */
final class SpaceParser {

    private static final String EXAMPLE = "e.g. learningRate=1e-4..1e-1:log, batchSize=16,32,64 or linear1.units=16..128";

    private final Map<NodePath, Layer> layers;

    SpaceParser(NetNode net) {
        this.layers = NetLayers.byPath(net);
    }

    Dimension parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new SweepSpecException("'" + text + "' is not NAME=VALUES, " + EXAMPLE);
        }
        String name = text.substring(0, eq).strip();
        String values = text.substring(eq + 1).strip();
        Optional<SweptOption> option = SweptOption.named(name);
        if (option.isPresent()) {
            return optionDimension(option.get(), values, text);
        }
        if (name.equalsIgnoreCase(SweptOption.DROPOUT)) {
            List<NodePath> dropouts = layers.entrySet().stream().filter(e -> e.getValue().type().equals("Dropout"))
                    .map(Map.Entry::getKey).toList();
            if (dropouts.isEmpty()) {
                throw new SweepSpecException("'" + text + "': dropout sets the rate of every Dropout layer, but the net "
                        + "has none");
            }
            ParamSpec rate = layers.get(dropouts.get(0)).layerType().param("rate");
            Domain domain = domain(values, text, rate.kind() == ParamKind.INT, false);
            checkLayerValues(domain, rate, text);
            return new Dimension(SweptOption.DROPOUT, new Dimension.LayerTarget(dropouts, "rate"), domain);
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new SweepSpecException("'" + name + "' in '" + text + "' is neither an option nor a layer parameter; "
                    + "vary " + String.join(", ", SweptOption.names()) + " or LAYER.PARAMETER such as "
                    + exampleParameter() + closest(name, SweptOption.names(), "; did you mean "));
        }
        return layerDimension(name, name.substring(0, dot), name.substring(dot + 1), values, text);
    }

    private Dimension optionDimension(SweptOption option, String values, String text) {
        Domain domain = domain(values, text, option.kind() == SweptOption.Kind.INTEGER,
                option.kind() == SweptOption.Kind.NAME);
        List<Object> probes = domain instanceof Domain.Choices c ? c.values()
                : List.of(((Domain.Interval) domain).at(0), ((Domain.Interval) domain).at(1));
        for (Object v : probes) {
            // The options' own checks, so that a sweep refuses what train refuses, in the same words.
            try {
                TrainingOptions.Builder b = TrainingOptions.builder();
                option.apply(b, v);
                b.build();
            } catch (IllegalArgumentException e) {
                throw new SweepSpecException("'" + text + "': " + lowerFirst(e.getMessage()));
            }
        }
        return new Dimension(option.id(), new Dimension.OptionTarget(option), domain);
    }

    private Dimension layerDimension(String name, String pathText, String param, String values, String text) {
        NodePath path = NodePath.parse(pathText);
        Layer layer = layers.get(path);
        if (layer == null) {
            List<String> known = layers.keySet().stream().map(NodePath::toString).toList();
            throw new SweepSpecException("'" + text + "': the net has no layer '" + pathText + "'; the closest are "
                    + String.join(", ", nearest(pathText, known, 3)));
        }
        ParamSpec spec = layer.layerType().param(param);
        if (spec == null) {
            throw new SweepSpecException("'" + text + "': " + layer.type() + " '" + pathText + "' has no parameter '"
                    + param + "'; its parameters are " + String.join(", ", layer.layerType().paramNames()));
        }
        boolean numeric = spec.kind() == ParamKind.INT || spec.kind() == ParamKind.REAL;
        Domain domain = domain(values, text, spec.kind() == ParamKind.INT, !numeric);
        if (!numeric && domain instanceof Domain.Interval) {
            throw new SweepSpecException("'" + text + "': " + param + " is not a number; list its values with commas");
        }
        checkLayerValues(domain, spec, text);
        return new Dimension(name, new Dimension.LayerTarget(List.of(path), param), domain);
    }

    private static void checkLayerValues(Domain domain, ParamSpec spec, String text) {
        List<Object> probes = domain instanceof Domain.Choices c ? c.values()
                : List.of(((Domain.Interval) domain).at(0), ((Domain.Interval) domain).at(1));
        for (Object v : probes) {
            if (spec.check(v) instanceof ParamSpec.Invalid bad) {
                throw new SweepSpecException("'" + text + "': " + bad.message());
            }
        }
    }

    /** {@code a..b[:log][:int]} or {@code v1,v2,...}. */
    private static Domain domain(String values, String text, boolean integer, boolean names) {
        String[] parts = values.split(":");
        String body = parts[0].strip();
        boolean log = false;
        boolean whole = integer;
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i].strip().toLowerCase(Locale.ROOT)) {
                case "log" -> log = true;
                case "linear" -> log = false;
                case "int" -> whole = true;
                default -> throw new SweepSpecException("':" + parts[i].strip() + "' in '" + text
                        + "' is not a scale; use :log, :linear or :int");
            }
        }
        int range = body.indexOf("..");
        if (range >= 0) {
            double low = number(body.substring(0, range), text);
            double high = number(body.substring(range + 2), text);
            try {
                return new Domain.Interval(low, high, log, whole);
            } catch (IllegalArgumentException e) {
                throw new SweepSpecException("'" + body + "' in '" + text + "': " + e.getMessage());
            }
        }
        if (log) {
            throw new SweepSpecException("'" + text + "': :log applies to a range such as 1e-4..1e-1, not to a list");
        }
        List<Object> choices = new ArrayList<>();
        for (String v : body.split(",")) {
            String value = v.strip();
            if (value.isEmpty()) {
                throw new SweepSpecException("'" + text + "' has an empty value in its list");
            }
            if (names) {
                choices.add(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                        ? (Object) Boolean.valueOf(value) : value);
            } else {
                double d = number(value, text);
                if (whole && d != Math.rint(d)) {
                    throw new SweepSpecException("'" + value + "' in '" + text + "' is not a whole number");
                }
                choices.add(whole ? (Object) (int) d : (Object) d);
            }
        }
        return new Domain.Choices(choices);
    }

    private static double number(String s, String text) {
        try {
            double d = Double.parseDouble(s.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new SweepSpecException("'" + s.strip() + "' in '" + text + "' is not a number");
    }

    private String exampleParameter() {
        return layers.entrySet().stream().filter(e -> !e.getValue().layerType().paramNames().isEmpty()).findFirst()
                .map(e -> e.getKey() + "." + e.getValue().layerType().paramNames().get(0)).orElse("linear1.units");
    }

    private static String closest(String name, List<String> known, String prefix) {
        List<String> near = nearest(name, known, 1);
        return !near.isEmpty() && EditDistance.between(name.toLowerCase(Locale.ROOT),
                near.get(0).toLowerCase(Locale.ROOT)) <= 3 ? prefix + near.get(0) + "?" : "";
    }

    private static List<String> nearest(String name, List<String> known, int count) {
        String n = name.toLowerCase(Locale.ROOT);
        return known.stream().sorted(Comparator.comparingInt((String k) -> EditDistance.between(n,
                k.toLowerCase(Locale.ROOT)))).limit(count).toList();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
