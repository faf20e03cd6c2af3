package org.netstudio.engine.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.text.EditDistance;

/**
 * Finds the port a person names the way the canvas shows it: a node's path ({@code "conv1"},
 * {@code "layer1/attention"}), optionally followed by one of its output ports
 * ({@code "block2/Output"}, {@code "gru/State"}), or a net input ({@code "Input"}). Containers
 * are followed to the step that feeds their output; the layers inside a sequence operator run as
 * that one step, so only the operator's own outputs can be asked for.
 */
public final class NetPorts {

    /** How many close names an unknown name's message lists. */
    private static final int SUGGESTED = 5;

    private NetPorts() {}

    /**
     * The port a name means in a net.
     *
     * @param net  the net
     * @param name the name a person typed
     * @return the port
     * @throws IllegalArgumentException with one sentence naming close names when the net has no such port
     */
    public static NetPort resolve(NetNode net, String name) {
        String[] segments = name.split("/", -1);
        NetNode node = net;
        NodePath path = NodePath.ROOT;
        int i = 0;
        while (i < segments.length) {
            NetNode child = node.child(segments[i]);
            if (child == null) {
                break;
            }
            if (node instanceof SequenceOperator) {
                throw new IllegalArgumentException("'" + name + "' lies inside the " + node.typeName() + " '" + path
                        + "', which runs its inner net as one step; ask for '" + path + "' instead");
            }
            node = child;
            path = path.child(segments[i]);
            i++;
        }
        int rest = segments.length - i;
        if (rest == 0 && !path.isRoot()) {
            return feeding(name, path, node, node.outputNames().get(0));
        }
        if (rest == 1 && node.outputNames().contains(segments[i]) && !path.isRoot()) {
            return feeding(name, path, node, segments[i]);
        }
        if (rest == 1 && path.isRoot() && net.inputNames().contains(segments[i])) {
            return new NetPort(name, null, net.inputNames().indexOf(segments[i]));
        }
        if (rest == 1 && path.isRoot() && net.outputNames().contains(segments[i])) {
            return feeding(name, path, node, segments[i]);
        }
        throw new IllegalArgumentException("The net has no port '" + name + "'" + suggestions(net, name));
    }

    /** The step output (or net input) that gives the value of output {@code port} of the node at {@code path}. */
    private static NetPort feeding(String name, NodePath path, NetNode node, String port) {
        if (node instanceof Layer || node instanceof SequenceOperator) {
            return new NetPort(name, path, node.outputNames().indexOf(port));
        }
        if (node instanceof Chain chain) {
            if (chain.elements().isEmpty()) {
                return passedThrough(name, path, chain.inputNames().get(0));
            }
            Chain.Element last = chain.elements().get(chain.elements().size() - 1);
            return feeding(name, path.child(last.name()), last.node(), last.node().outputNames().get(0));
        }
        Graph graph = (Graph) node;
        List<Edge> into = graph.edgesInto(PortRef.graphPort(port));
        if (into.isEmpty()) {
            throw new IllegalArgumentException("Nothing feeds the output '" + port + "' of '" + path + "'");
        }
        PortRef from = into.get(0).from();
        if (from.isGraphPort()) {
            return passedThrough(name, path, from.port());
        }
        return feeding(name, path.child(from.node()), graph.child(from.node()), from.port());
    }

    /** A container whose output is its input unchanged: only the net's own inputs are values of their own. */
    private static NetPort passedThrough(String name, NodePath path, String input) {
        if (path.isRoot()) {
            return new NetPort(name, null, 0);
        }
        throw new IllegalArgumentException("'" + name + "' passes its input '" + input + "' through unchanged; "
                + "ask for the port that feeds '" + path + "'");
    }

    /**
     * Every port name the net offers, in the order of the net: each node's path, and for a
     * container or a layer with several outputs, its path with each output port.
     *
     * @param net the net
     * @return the names
     */
    public static List<String> names(NetNode net) {
        List<String> names = new ArrayList<>(net.inputNames());
        collect(net, NodePath.ROOT, names);
        return names;
    }

    private static void collect(NetNode node, NodePath path, List<String> names) {
        if (!path.isRoot()) {
            names.add(path.toString());
            if (!(node instanceof Layer) || node.outputNames().size() > 1) {
                for (String port : node.outputNames()) {
                    names.add(path + "/" + port);
                }
            }
        }
        if (node instanceof Chain chain) {
            for (Chain.Element e : chain.elements()) {
                collect(e.node(), path.child(e.name()), names);
            }
        } else if (node instanceof Graph graph) {
            graph.nodes().forEach((child, n) -> collect(n, path.child(child), names));
        }
    }

    /** ", for example 'conv1', 'conv2'" with the names closest to {@code name}, or "" when the net has none. */
    static String suggestions(NetNode net, String name) {
        List<String> close = closest(names(net), name);
        if (close.isEmpty()) {
            return "";
        }
        return "; the closest names are '" + String.join("', '", close) + "'";
    }

    /** The few names nearest to {@code name} in edit distance, ignoring case. */
    static List<String> closest(List<String> names, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return names.stream().distinct()
                .sorted(Comparator.comparingInt((String n) -> EditDistance.between(n.toLowerCase(Locale.ROOT), wanted)))
                .limit(SUGGESTED).toList();
    }
}
