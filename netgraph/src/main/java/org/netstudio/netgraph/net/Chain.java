package org.netstudio.netgraph.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A chain of nodes, each feeding the next: ports "Input" and "Output". Every element has a unique
 * name; when none was given it is named after its type and rank among its kind ("linear1",
 * "linear2"), see {@link #defaultNames(List)}.
 *
 * @param elements the nodes in order, with their names
 * @param input    what the chain declares about its input ({@link PortDecl#UNSPECIFIED} when nested)
 * @param output   what it declares about its output (e.g. a Class decoder)
 */
public record Chain(List<Element> elements, PortDecl input, PortDecl output) implements OneInOneOut {

    /** A named element of a chain. */
    public record Element(String name, NetNode node) {
        public Element {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(node, "node");
        }
    }

    public Chain {
        elements = List.copyOf(elements);
        Set<String> seen = new HashSet<>();
        for (Element e : elements) {
            if (!seen.add(e.name())) {
                throw new IllegalArgumentException("two layers of the chain are named \"" + e.name() + "\"");
            }
        }
        input = input == null ? PortDecl.UNSPECIFIED : input;
        output = output == null ? PortDecl.UNSPECIFIED : output;
    }

    /** A chain of unnamed nodes, named by default, with the given input declaration. */
    public static Chain of(PortDecl input, NetNode... nodes) {
        List<String> explicit = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            explicit.add(null);
        }
        return named(input, List.of(nodes), explicit, PortDecl.UNSPECIFIED);
    }

    /**
     * A chain whose element i is named {@code names.get(i)}, or by default when that is null.
     * Default names skip names taken explicitly.
     */
    public static Chain named(PortDecl input, List<NetNode> nodes, List<String> names, PortDecl output) {
        List<String> resolved = defaultNames(nodes, names);
        List<Element> els = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            els.add(new Element(resolved.get(i), nodes.get(i)));
        }
        return new Chain(els, input, output);
    }

    /** Default names for nodes with no explicit name. */
    public static List<String> defaultNames(List<NetNode> nodes, List<String> explicit) {
        Set<String> taken = new HashSet<>();
        for (String n : explicit) {
            if (n != null) {
                taken.add(n);
            }
        }
        Map<String, Integer> counters = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (explicit.get(i) != null) {
                out.add(explicit.get(i));
                continue;
            }
            String base = nodes.get(i).typeName().toLowerCase(Locale.ROOT);
            String name;
            do {
                int k = counters.merge(base, 1, Integer::sum);
                name = base + k;
            } while (taken.contains(name));
            taken.add(name);
            out.add(name);
        }
        return out;
    }

    /** The name this element would get by default at its position (used to keep files short). */
    public List<String> defaultNamesOfElements() {
        List<NetNode> nodes = elements.stream().map(Element::node).toList();
        List<String> none = new ArrayList<>();
        nodes.forEach(n -> none.add(null));
        return defaultNames(nodes, none);
    }

    public List<NetNode> nodes() {
        return elements.stream().map(Element::node).toList();
    }

    public int indexOf(String name) {
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Chain withInput(PortDecl decl) {
        return new Chain(elements, decl, output);
    }

    public Chain withOutput(PortDecl decl) {
        return new Chain(elements, input, decl);
    }

    public Chain withElements(List<Element> els) {
        return new Chain(els, input, output);
    }

    @Override
    public NetNode child(String name) {
        int i = indexOf(name);
        return i < 0 ? null : elements.get(i).node();
    }

    @Override
    public String typeName() {
        return "Chain";
    }
}
