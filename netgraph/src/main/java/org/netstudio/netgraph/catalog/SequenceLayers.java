package org.netstudio.netgraph.catalog;

import static org.netstudio.netgraph.catalog.ShapeRule.outputs;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectInput;
import static org.netstudio.netgraph.catalog.ShapeRule.rejectParam;

import java.util.ArrayList;
import java.util.List;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Layers over sequences: Embedding, UnitVector, the recurrent layers, SequenceLast/Reverse and
 * SequenceIndices.
 * Recurrent arrays follow PyTorch (two bias vectors), since that is what the engine trains.
 */
final class SequenceLayers {

    private static final PortRequirement INDICES = PortRequirement.indices(0, -1, "indices (n)");
    private static final PortRequirement SEQUENCE = PortRequirement.realOfRank(2, 2, "a sequence of vectors (n×d)");

    private SequenceLayers() {
    }

    static List<LayerType> all() {
        return List.of(embedding(), unitVector(), recurrent("LSTM", 4, "LongShortTermMemory"),
                recurrent("GRU", 3, "GatedRecurrent", "GatedRecurrentUnit"), recurrent("RNN", 1, "SimpleRNN", "BasicRecurrent"),
                sequenceLast(), sequenceReverse(), sequenceIndices());
    }

    static LayerType embedding() {
        return LayerType.builder("Embedding", Category.SEQUENCE)
                .doc("Maps each index to a learnable vector: n indices become an n×size matrix.")
                .param(ParamSpec.required("size", ParamKind.INT, 1.0, "Length of each embedding vector."))
                .param(ParamSpec.optional("vocabulary", ParamKind.INT, null, 1.0, "Number of distinct indices (default: the input's index range)."))
                .keyParams("size")
                .input("Input", INDICES)
                .shape((p, in) -> {
                    TensorType t = in.get(0);
                    if (p.has("vocabulary") && t.kind() instanceof ElementKind.Index idx && idx.rangeKnown()
                            && idx.size() > p.getInt("vocabulary")) {
                        return rejectInput(0, "its indices go up to " + (idx.size() - 1) + ", beyond the vocabulary of "
                                + p.getInt("vocabulary"));
                    }
                    return outputs(appendAxis(t, Dim.of(p.getInt("size"))));
                })
                .arrays((p, in, out) -> List.of(ArraySpec.trainable("weights", vocabulary(p, in.get(0)), Dim.of(p.getInt("size")))))
                .build();
    }

    /**
     * The positions 0 … n-1 of a sequence's elements, as indices: before an Embedding they give each
     * position a learnable vector (BERT's position embeddings), so the position table trains like any
     * other. No arrays.
     */
    static LayerType sequenceIndices() {
        return LayerType.builder("SequenceIndices", Category.SEQUENCE)
                .aliases("PositionIndices", "Positions")
                .doc("The position of each element of a sequence, 0 to n-1: an n×… sequence becomes n indices,"
                        + " for an Embedding of positions.")
                .param(ParamSpec.optional("maxLength", ParamKind.INT, null, 1.0,
                        "Longest sequence taken; the indices are then in 0 … maxLength-1 (default: the input's length)."))
                .input("Input", PortRequirement.anything("a sequence (n×…)"))
                .shape((p, in) -> {
                    TensorType t = in.get(0);
                    if (t.rankKnown() && t.rank() == 0) {
                        return rejectInput(0, "a scalar has no positions; it takes a sequence (n×…)");
                    }
                    Dim n = t.rankKnown() ? t.dim(0) : Dim.UNKNOWN;
                    int range = 0;
                    if (p.has("maxLength")) {
                        range = p.getInt("maxLength");
                        if (n.isFixed() && n.size() > range) {
                            return rejectInput(0, "its length " + n.size() + " is beyond maxLength " + range);
                        }
                    } else if (n.isFixed() && n.size() > 0) {
                        range = n.size();
                    }
                    return outputs(new TensorType(ElementKind.index(range), List.of(n)));
                })
                .build();
    }

    private static Dim vocabulary(Params p, TensorType in) {
        if (p.has("vocabulary")) {
            return Dim.of(p.getInt("vocabulary"));
        }
        return in.kind() instanceof ElementKind.Index idx && idx.rangeKnown() ? Dim.of(idx.size()) : Dim.UNKNOWN;
    }

    static LayerType unitVector() {
        return LayerType.builder("UnitVector", Category.SEQUENCE)
                .aliases("OneHot")
                .doc("Turns each index into a one-hot vector of the given size.")
                .param(ParamSpec.required("size", ParamKind.INT, 1.0, "Length of each one-hot vector."))
                .keyParams("size")
                .input("Input", INDICES)
                .shape((p, in) -> {
                    TensorType t = in.get(0);
                    if (t.kind() instanceof ElementKind.Index idx && idx.rangeKnown() && idx.size() > p.getInt("size")) {
                        return rejectInput(0, "its indices go up to " + (idx.size() - 1) + ", beyond size " + p.getInt("size"));
                    }
                    return outputs(appendAxis(t, Dim.of(p.getInt("size"))));
                })
                .build();
    }

    private static TensorType appendAxis(TensorType t, Dim last) {
        if (!t.rankKnown()) {
            return TensorType.ANY_REAL;
        }
        List<Dim> out = new ArrayList<>(t.dims());
        out.add(last);
        return TensorType.real(out);
    }

    static LayerType recurrent(String name, int gates, String... aliases) {
        String what = switch (name) {
            case "LSTM" -> "A long short-term memory layer";
            case "GRU" -> "A gated recurrent unit layer";
            default -> "A simple recurrent layer (tanh)";
        };
        return LayerType.builder(name, Category.SEQUENCE)
                .aliases(aliases)
                .doc(what + ": reads a sequence of vectors step by step and returns its state at every step, or only at the last.")
                .param(ParamSpec.required("units", ParamKind.INT, 1.0, "Size of the state vector."))
                .param(ParamSpec.optional("returnSequences", ParamKind.BOOL, true, null, "Return the state at every step (n×units) or only the last (units)."))
                .keyParams("units")
                .input("Input", SEQUENCE)
                .shape((p, in) -> {
                    TensorType t = in.get(0);
                    Dim u = Dim.of(p.getInt("units"));
                    if (gateRows(gates, p) == null) {
                        return rejectParam("units " + p.getInt("units") + " would give " + gates + "×" + p.getInt("units")
                                + " rows of gate weights, more than NetStudio can hold");
                    }
                    if (t.rankKnown() && t.dim(1) instanceof Dim.Symbolic s) {
                        return rejectInput(0, "the vector size must be fixed, but it is the varying length " + s);
                    }
                    if (!p.getBool("returnSequences")) {
                        return outputs(TensorType.real(List.of(u)));
                    }
                    Dim n = t.rankKnown() ? t.dim(0) : Dim.UNKNOWN;
                    return outputs(TensorType.real(List.of(n, u)));
                })
                .arrays((p, in, out) -> {
                    TensorType t = in.get(0);
                    Dim d = t.rankKnown() ? t.dim(1) : Dim.UNKNOWN;
                    int u = p.getInt("units");
                    Dim gu = gateRows(gates, p) == null ? Dim.UNKNOWN : gateRows(gates, p);
                    return List.of(ArraySpec.trainable("inputWeights", gu, d), ArraySpec.trainable("stateWeights", gu, Dim.of(u)),
                            ArraySpec.trainable("inputBiases", gu), ArraySpec.trainable("stateBiases", gu));
                })
                .cost((p, in, out) -> {
                    TensorType t = in.get(0);
                    if (!t.rankKnown() || !t.dim(1).isFixed()) {
                        return -1;
                    }
                    long u = p.getInt("units");
                    long perStep = Shapes.times(gates * u, t.dim(1).size() + u);
                    return t.dim(0).isFixed() ? Shapes.times(perStep, t.dim(0).size()) : perStep;
                })
                .build();
    }

    /** The rows of a recurrent layer's gate arrays (gates × units), or null past what a dimension holds. */
    private static Dim gateRows(int gates, Params p) {
        return Shapes.fixedOrNull((long) gates * p.getInt("units"));
    }

    static LayerType sequenceLast() {
        return LayerType.builder("SequenceLast", Category.SEQUENCE)
                .doc("The last element of a sequence: n×d becomes d.")
                .input("Input", PortRequirement.realOfRank(1, -1, "a sequence (n×…)"))
                .shape((p, in) -> {
                    TensorType t = in.get(0);
                    return outputs(t.rankKnown() ? TensorType.real(t.dims().subList(1, t.rank())) : TensorType.ANY_REAL);
                })
                .build();
    }

    static LayerType sequenceReverse() {
        return ActivationLayers.sameShape("SequenceReverse", Category.SEQUENCE, "Reverses the order of a sequence.")
                .build();
    }
}
