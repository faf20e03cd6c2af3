package org.netstudio.netgraph.io.onnx;

import static org.netstudio.netgraph.io.onnx.GraphRewrite.out;
import static org.netstudio.netgraph.io.onnx.GraphRewrite.perm;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.function.Function;
import java.util.Set;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Takes out of an exported graph the steps that only undo one another where layers meet, so that the
 * export does no more than the file PyTorch writes for the same net: a recurrent layer turns its
 * time-major output batch-first and the next one turns it back (the Transpose pair goes: the first
 * Squeeze's output feeds the next layer as it is), and the last step of a forward recurrent layer's
 * whole sequence is its last state, which the operator gives anyway (no Squeeze, Transpose and Gather
 * of every step, and the operator no longer writes the sequence out); the last step of a sequence
 * reversed is its first (no copy of the whole sequence reversed). A bidirectional layer, which
 * NetStudio holds as a forward layer and one reading the sequence reversed ({@link RecurrentDirections}),
 * goes back to one bidirectional operator, as PyTorch writes it, rather than two with the sequence
 * reversed, turned and squeezed around each. Two of ONNX Runtime's own fused operators take the place
 * of what they compute: SkipLayerNormalization of a Linear layer's bias, the residual added to it and the
 * LayerNorm after them, and Attention of self-attention with its projections ({@link FusedAttention}).
 * Each fold takes only values nothing else reads, so the graph computes the same.
 */
final class ExportFolds {

    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "RNN");
    private static final List<Long> SWAP = List.of(1L, 0L, 2L);
    /** ONNX's {@code [n, directions, batch, units]} to {@code [batch, n, directions, units]}. */
    private static final List<Long> BATCH_FIRST = List.of(2L, 0L, 1L, 3L);

    /** The domain of ONNX Runtime's own operators. */
    static final String RUNTIME_DOMAIN = "com.microsoft";

    private final GraphRewrite graph;
    /** The per-example type of each value that is a layer's output or a net input, else {@link TensorType#ANY}. */
    private final Function<String, TensorType> types;

    private ExportFolds(GraphRewrite graph, Function<String, TensorType> types) {
        this.graph = graph;
        this.types = types;
    }

    /**
     * The graph with the folds applied wherever they fit.
     *
     * @param types the per-example type of a value the export wrote as a layer's output or a net input
     */
    static GraphProto fold(GraphProto exported, Function<String, TensorType> types) {
        GraphRewrite g = new GraphRewrite(exported);
        ExportFolds folds = new ExportFolds(g, types);
        FusedAttention attention = new FusedAttention(g);
        g.foldEach(n -> {
            switch (n.getOpType()) {
                case "Transpose" -> folds.transposeBack(n);
                case "Gather" -> folds.lastStep(n);
                case "Concat" -> folds.bidirectional(n);
                case "LayerNormalization" -> folds.skipLayerNorm(n);
                case "Softmax" -> attention.fold(n);
                default -> { }
            }
        });
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
        NodeProto reversed = graph.producer(gather.getInput(0), "Slice");
        if (reversed != null && reverses(reversed) && graph.isInner(out(reversed))) {
            // The last step of the sequence reversed (BERT's pooler reads the first token so): the first step.
            String first = graph.longs(gather.getName() + ":first", new long[0], new long[] {0});
            graph.replace(List.of(reversed, gather), gather.toBuilder().setInput(0, reversed.getInput(0)).setInput(1, first).build());
            return;
        }
        List<NodeProto> sequence = batchFirstSequence(gather.getInput(0));
        if (sequence == null || sequence.get(0).getOutputCount() < 2 || sequence.get(0).getOutput(1).isEmpty()) {
            return;
        }
        NodeProto recurrent = sequence.get(0);
        String axes = graph.longs(gather.getName() + ":stateAxes", new long[] {1}, new long[] {0});
        NodeProto lastState = NodeProto.newBuilder().setOpType("Squeeze").setName(gather.getName())
                .addInput(recurrent.getOutput(1)).addInput(axes).addOutput(out(gather)).build();
        graph.replace(List.of(recurrent, sequence.get(1), sequence.get(2), gather),
                List.of(recurrent.toBuilder().setOutput(0, "").build(), lastState));
    }

    /**
     * {@code Concat(forward, SequenceReverse(backward), axis -1)} of one recurrent layer reading {@code x} and
     * another, of the same kind and size, reading {@code SequenceReverse(x)}, each time-major around the operator:
     * one bidirectional operator on {@code x}, whose {@code [n, 2, batch, units]} output is turned batch-first and
     * its two directions joined on the last axis.
     */
    private void bidirectional(NodeProto concat) {
        if (concat.getInputCount() != 2 || new OnnxNode(concat).i("axis", 0) != -1) {
            return;
        }
        List<NodeProto> forward = directionOf(concat.getInput(0));
        NodeProto back = graph.producer(concat.getInput(1), "Slice");
        List<NodeProto> backward = back != null && reverses(back) && graph.isInner(out(back)) ? directionOf(back.getInput(0)) : null;
        if (forward == null || backward == null) {
            return;
        }
        NodeProto f = forward.get(1);
        NodeProto b = backward.get(1);
        NodeProto reversed = graph.producer(backward.get(0).getInput(0), "Slice");
        String x = forward.get(0).getInput(0);
        if (reversed == null || !reverses(reversed) || !graph.isInner(out(reversed)) || !reversed.getInput(0).equals(x)
                || !f.getOpType().equals(b.getOpType()) || !f.getAttributeList().equals(b.getAttributeList())) {
            return;
        }
        String name = concat.getName();
        List<String> arrays = new java.util.ArrayList<>(List.of(name + ":timeMajor"));
        for (int k = 1; k < 4; k++) {
            OnnxTensors.Constant a = graph.constant(f.getInput(k));
            OnnxTensors.Constant c = graph.constant(b.getInput(k));
            if (a == null || c == null || !a.isReal() || !c.isReal() || !java.util.Arrays.equals(a.shape(), c.shape())) {
                return;
            }
            long[] shape = a.shape().clone();
            shape[0] = 2;
            float[] both = java.util.Arrays.copyOf(a.floats(), a.floats().length * 2);
            System.arraycopy(c.floats(), 0, both, a.floats().length, c.floats().length);
            arrays.add(graph.floats(name + ":" + "WRB".charAt(k - 1), shape, both));
        }
        String sequence = name + ":Y";
        String turned = name + ":batchFirst";
        List<NodeProto> pattern = new java.util.ArrayList<>(forward);
        pattern.addAll(backward);
        pattern.addAll(List.of(reversed, back, concat));
        graph.replace(pattern, List.of(
                NodeProto.newBuilder().setOpType("Transpose").setName(name + ":transpose").addInput(x).addOutput(arrays.get(0))
                        .addAttribute(forward.get(0).getAttribute(0)).build(),
                f.toBuilder().setName(name + ":" + f.getOpType()).clearInput().addAllInput(arrays).clearOutput()
                        .addOutput(sequence).clearAttribute().addAllAttribute(f.getAttributeList().stream()
                                .filter(a -> !a.getName().equals("direction")).toList()).addAttribute(AttributeProto.newBuilder().setName("direction")
                                .setType(AttributeProto.AttributeType.STRING)
                                .setS(com.google.protobuf.ByteString.copyFromUtf8("bidirectional"))).build(),
                NodeProto.newBuilder().setOpType("Transpose").setName(turned).addInput(sequence).addOutput(turned)
                        .addAttribute(AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS)
                                .addAllInts(BATCH_FIRST)).build(),
                NodeProto.newBuilder().setOpType("Reshape").setName(name).addInput(turned)
                        .addInput(graph.longs(name + ":joined", new long[] {3}, new long[] {0, 0, -1})).addOutput(out(concat)).build()));
    }

    /**
     * The nodes of {@code Transpose(Transpose(x, [1, 0, 2]) → operator → Squeeze → Transpose} computing {@code value}
     * (see {@link #batchFirstSequence}): the time-major Transpose, the operator, the Squeeze and the last Transpose; or null.
     */
    private List<NodeProto> directionOf(String value) {
        List<NodeProto> sequence = batchFirstSequence(value);
        NodeProto timeMajor = sequence == null ? null : graph.producer(sequence.get(0).getInput(0), "Transpose");
        if (timeMajor == null || !graph.isInner(out(timeMajor)) || !perm(timeMajor).equals(SWAP)) {
            return null;
        }
        return List.of(timeMajor, sequence.get(0), sequence.get(1), sequence.get(2));
    }

    /**
     * The nodes of {@code Transpose(Squeeze(Y, [1]), [1, 0, 2])} computing {@code value}, {@code Y} the whole
     * sequence of a forward LSTM, GRU or RNN given no sequence lengths or first states, whose last states nothing
     * reads, each value read by the next node alone: the operator, the Squeeze and the Transpose; or null.
     */
    private List<NodeProto> batchFirstSequence(String value) {
        NodeProto batchFirst = graph.producer(value, "Transpose");
        if (batchFirst == null || !graph.isInner(value) || !perm(batchFirst).equals(SWAP)) {
            return null;
        }
        NodeProto squeeze = graph.producer(batchFirst.getInput(0), "Squeeze");
        if (squeeze == null || !graph.isInner(out(squeeze)) || squeeze.getInputCount() != 2
                || !graph.isConstant(squeeze.getInput(1), 1)) {
            return null;
        }
        NodeProto r = graph.producer(squeeze.getInput(0));
        if (r == null || !RECURRENT.contains(r.getOpType()) || !r.getOutput(0).equals(squeeze.getInput(0))
                || !graph.isInner(r.getOutput(0)) || r.getInputCount() != 4
                || !new OnnxNode(r).s("direction", "forward").equals("forward")) {
            return null;
        }
        for (int k = 1; k < r.getOutputCount(); k++) {
            String state = r.getOutput(k);
            if (!state.isEmpty() && (!graph.readersOf(state).isEmpty() || graph.isOutput(state))) {
                return null;
            }
        }
        return List.of(r, squeeze, batchFirst);
    }

    /** Whether a Slice reverses its input's axis 1 whole (as SequenceReverse is exported). */
    private boolean reverses(NodeProto slice) {
        OnnxTensors.Constant ends = slice.getInputCount() == 5 ? graph.constant(slice.getInput(2)) : null;
        return ends != null && ends.count() == 1 && ends.value(0) <= Integer.MIN_VALUE
                && graph.isConstant(slice.getInput(1), -1) && graph.isConstant(slice.getInput(3), 1)
                && graph.isConstant(slice.getInput(4), -1);
    }

    /**
     * {@code LayerNormalization(Add(Add(MatMul(x, W), b), skip))} on the last axis, the product and the skip of
     * one type of rank 2 per example: ONNX Runtime's {@code SkipLayerNormalization}, which adds the bias and the
     * skip as it normalises (a Linear layer, its residual and the LayerNorm after them, as in BERT's every block:
     * two passes over the sequence fewer each).
     */
    private void skipLayerNorm(NodeProto norm) {
        NodeProto sum = graph.producer(norm.getInput(0), "Add");
        if (sum == null || !graph.isInner(out(sum)) || norm.getInputCount() != 3 || new OnnxNode(norm).i("axis", -1) != -1
                || !isVector(norm.getInput(1)) || !isVector(norm.getInput(2))) {
            return;
        }
        for (int side = 0; side < 2; side++) {
            NodeProto bias = graph.producer(sum.getInput(side), "Add");
            String skip = sum.getInput(1 - side);
            TensorType t = types.apply(out(bias == null ? sum : bias));
            if (bias == null || !graph.isInner(out(bias)) || graph.producer(bias.getInput(0), "MatMul") == null
                    || !isVector(bias.getInput(1)) || !t.rankKnown() || t.rank() != 2 || !t.equals(types.apply(skip))) {
                continue;
            }
            graph.replace(List.of(bias, sum, norm), NodeProto.newBuilder().setOpType("SkipLayerNormalization")
                    .setDomain(RUNTIME_DOMAIN).setName(norm.getName()).addInput(bias.getInput(0)).addInput(skip)
                    .addInput(norm.getInput(1)).addInput(norm.getInput(2)).addInput(bias.getInput(1)).addOutput(out(norm))
                    .addAllAttribute(norm.getAttributeList().stream().filter(a -> a.getName().equals("epsilon")).toList())
                    .build());
            return;
        }
    }

    /** Whether a value is a constant of one axis. */
    private boolean isVector(String value) {
        OnnxTensors.Constant c = graph.constant(value);
        return c != null && c.isReal() && c.shape().length == 1;
    }
}
