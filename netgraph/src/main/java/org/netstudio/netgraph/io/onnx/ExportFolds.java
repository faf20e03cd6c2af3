package org.netstudio.netgraph.io.onnx;

import static org.netstudio.netgraph.io.onnx.GraphRewrite.out;
import static org.netstudio.netgraph.io.onnx.GraphRewrite.perm;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Set;

/**
 * Takes out of an exported graph the steps that only undo one another where layers meet, so that the
 * export does no more than the file PyTorch writes for the same net: a recurrent layer turns its
 * time-major output batch-first and the next one turns it back (the Transpose pair goes: the first
 * Squeeze's output feeds the next layer as it is), and the last step of a forward recurrent layer's
 * whole sequence is its last state, which the operator gives anyway (no Squeeze, Transpose and Gather
 * of every step, and the operator no longer writes the sequence out). Each fold takes only values
 * nothing else reads, so the graph computes the same.
 */
final class ExportFolds {

    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "RNN");
    private static final List<Long> SWAP = List.of(1L, 0L, 2L);

    private final GraphRewrite graph;

    private ExportFolds(GraphRewrite graph) {
        this.graph = graph;
    }

    /** The graph with both folds applied wherever they fit. */
    static GraphProto fold(GraphProto exported) {
        GraphRewrite g = new GraphRewrite(exported);
        ExportFolds folds = new ExportFolds(g);
        for (NodeProto n : g.nodes()) {
            if (g.isReplaced(n)) {
                continue;
            }
            switch (n.getOpType()) {
                case "Transpose" -> folds.transposeBack(n);
                case "Gather" -> folds.lastStep(n);
                default -> { }
            }
        }
        return g.changed() ? withoutUnread(g.rewritten()) : exported;
    }

    /** The graph without the arrays that only the folded nodes read (a Squeeze's axes, say). */
    private static GraphProto withoutUnread(GraphProto g) {
        Set<String> read = new java.util.HashSet<>();
        g.getNodeList().forEach(n -> read.addAll(n.getInputList()));
        g.getOutputList().forEach(o -> read.add(o.getName()));
        return g.toBuilder().clearInitializer()
                .addAllInitializer(g.getInitializerList().stream().filter(t -> read.contains(t.getName())).toList()).build();
    }

    /**
     * {@code Transpose(Transpose(p(…)))} whose perms cancel, each value read by the next alone: {@code p}
     * writes the second Transpose's output itself.
     */
    private void transposeBack(NodeProto second) {
        NodeProto first = graph.producer(second.getInput(0), "Transpose");
        if (first == null || !graph.isInner(out(first)) || !cancel(perm(first), perm(second))) {
            return;
        }
        NodeProto p = graph.producer(first.getInput(0));
        if (p == null || out(p).isEmpty() || !graph.isInner(out(p))) {
            return;
        }
        graph.replace(List.of(p, first, second), p.toBuilder().setOutput(0, out(second)).build());
    }

    private static boolean cancel(List<Long> a, List<Long> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(Math.toIntExact(b.get(i))) != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code Gather(Transpose(Squeeze(Y, [1]), [1, 0, 2]), -1, axis 1)} of a forward recurrent operator
     * with no sequence lengths: {@code Squeeze(Y_h, [0])}, and the operator without its output {@code Y}.
     */
    private void lastStep(NodeProto gather) {
        if (new OnnxNode(gather).i("axis", 0) != 1 || !graph.isConstant(gather.getInput(1), -1)) {
            return;
        }
        NodeProto swap = graph.producer(gather.getInput(0), "Transpose");
        if (swap == null || !graph.isInner(out(swap)) || !perm(swap).equals(SWAP)) {
            return;
        }
        NodeProto squeeze = graph.producer(swap.getInput(0), "Squeeze");
        if (squeeze == null || !graph.isInner(out(squeeze)) || squeeze.getInputCount() != 2
                || !graph.isConstant(squeeze.getInput(1), 1)) {
            return;
        }
        NodeProto recurrent = graph.producer(squeeze.getInput(0));
        if (recurrent == null || !RECURRENT.contains(recurrent.getOpType()) || recurrent.getOutputCount() < 2
                || !recurrent.getOutput(0).equals(squeeze.getInput(0)) || !graph.isInner(recurrent.getOutput(0))
                || recurrent.getInputCount() > 4 || !new OnnxNode(recurrent).s("direction", "forward").equals("forward")) {
            return;
        }
        String state = recurrent.getOutput(1);
        if (state.isEmpty() || !graph.readersOf(state).isEmpty() || graph.isOutput(state)) {
            return;
        }
        String axes = graph.longs(gather.getName() + ":stateAxes", new long[] {0});
        NodeProto lastState = NodeProto.newBuilder().setOpType("Squeeze").setName(gather.getName())
                .addInput(state).addInput(axes).addOutput(out(gather)).build();
        graph.replace(List.of(recurrent, squeeze, swap, gather),
                List.of(recurrent.toBuilder().setOutput(0, "").build(), lastState));
    }
}
