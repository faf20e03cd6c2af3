package org.netstudio.netgraph.io.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;

/**
 * A reverse or bidirectional ONNX recurrent node as a small graph of catalog layers. The backward
 * direction is the same layer reading the sequence reversed (SequenceReverse before it), its
 * states put back in time order (SequenceReverse after it): ONNX's backward Y at step t is the
 * state after reading steps n-1 … t. Bidirectional joins forward and backward on the last axis,
 * as PyTorch's {@code [batch, n, 2·units]}. The last states are the layers' own last steps, before
 * any reversing back. Layer names are fixed, so weight keys read {@code <node>/forward/inputWeights}.
 *
 * @param graph      the graph: input {@link #INPUT}, outputs {@link #SEQUENCE} and/or the state outputs
 * @param layerNames the recurrent layer of each direction, forward first
 * @param stateNames the output port of each direction's last state (empty when it is not read)
 */
record RecurrentDirections(Graph graph, List<String> layerNames, List<String> stateNames) {

    static final String INPUT = "Input";
    static final String SEQUENCE = "Output";

    /**
     * {@code layers} has one layer (direction reverse, {@code reverse} true) or two (forward and
     * backward); they return sequences exactly when {@code sequence} is read.
     */
    static RecurrentDirections of(List<Layer> layers, boolean reverse, boolean sequence, boolean last) {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, PortDecl> outputs = new LinkedHashMap<>();
        List<String> layerNames = new ArrayList<>();
        List<String> stateNames = new ArrayList<>();
        List<PortRef> sequences = new ArrayList<>();
        PortRef in = PortRef.graphPort(INPUT);
        for (int d = 0; d < layers.size(); d++) {
            boolean backward = reverse || d == 1;
            String name = backward ? "backward" : "forward";
            PortRef from = in;
            if (backward) {
                nodes.put("reverse", Layer.of("SequenceReverse"));
                edges.add(new Edge(in, PortRef.of("reverse", "Input")));
                from = PortRef.of("reverse", "Output");
            }
            nodes.put(name, layers.get(d));
            edges.add(new Edge(from, PortRef.of(name, "Input")));
            layerNames.add(name);
            PortRef out = PortRef.of(name, "Output");
            if (sequence) {
                if (backward) {
                    nodes.put("inTimeOrder", Layer.of("SequenceReverse"));
                    edges.add(new Edge(out, PortRef.of("inTimeOrder", "Input")));
                    sequences.add(PortRef.of("inTimeOrder", "Output"));
                } else {
                    sequences.add(out);
                }
            }
            if (last) {
                String state = name + "State";
                PortRef s = out;
                if (sequence) {
                    nodes.put(name + "Last", Layer.of("SequenceLast"));
                    edges.add(new Edge(out, PortRef.of(name + "Last", "Input")));
                    s = PortRef.of(name + "Last", "Output");
                }
                stateNames.add(state);
                outputs.put(state, PortDecl.UNSPECIFIED);
                edges.add(new Edge(s, PortRef.graphPort(state)));
            }
        }
        if (sequence) {
            PortRef joined = sequences.get(0);
            if (sequences.size() == 2) {
                Layer catenate = new Layer("Catenate", Map.of("axis", -1), 2);
                nodes.put("join", catenate);
                for (int i = 0; i < 2; i++) {
                    edges.add(new Edge(sequences.get(i), PortRef.of("join", catenate.inputNames().get(i))));
                }
                joined = PortRef.of("join", "Output");
            }
            Map<String, PortDecl> first = new LinkedHashMap<>();
            first.put(SEQUENCE, PortDecl.UNSPECIFIED);
            first.putAll(outputs);
            outputs = first;
            edges.add(new Edge(joined, PortRef.graphPort(SEQUENCE)));
        }
        Graph g = new Graph(Map.of(INPUT, PortDecl.UNSPECIFIED), nodes, edges, outputs);
        return new RecurrentDirections(g, List.copyOf(layerNames), List.copyOf(stateNames));
    }
}
