package org.netstudio.netgraph.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.net.BidirectionalOperator;
import org.netstudio.netgraph.net.FoldOperator;
import org.netstudio.netgraph.net.MapOperator;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.net.SequenceOperator;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.tensor.Unification;

/**
 * The shape rule of the sequence operators. Each inner net is inferred on its own, given the type
 * of one element of the input sequence (Map, Fold) or of the whole sequence (Bidirectional); the
 * operator's output is then the inner output with the sequence axis put back (Map, Fold), or the
 * two inner outputs joined (Bidirectional). The sequence axis keeps its name, so a symbolic length
 * {@code n} goes through. What an inner net learns about its input (an Embedding wants indices)
 * flows back to the operator's input. Pure.
 */
final class OperatorInference {

    /**
     * What an operator's inner nets give.
     *
     * @param inputs  the operator's input types, refined by what the inner nets want
     * @param outputs the operator's output types
     * @param inner   each inner net's inference, by name
     * @param problem a problem of the operator itself, or null
     */
    record Outcome(List<TensorType> inputs, List<TensorType> outputs, Map<String, InferenceResult> inner,
                   Problem problem) {
    }

    /**
     * A problem of the operator itself: with what its Input receives ({@code requirement} set: the
     * sentence is "Input of … must be {requirement}, but … : {reason}."), or as a whole ({@code
     * requirement} null: {@code reason} is the sentence).
     */
    record Problem(Diagnostic.Kind kind, String requirement, String reason) {
    }

    private OperatorInference() {
    }

    static Outcome infer(SequenceOperator op, NodePath path, String where, List<TensorType> ins) {
        TensorType x = ins.get(0);
        if (x.rankKnown() && x.rank() == 0) {
            return new Outcome(ins, List.of(TensorType.ANY), Map.of(), new Problem(Diagnostic.Kind.TYPE_MISMATCH,
                    "a sequence (n×…)", "a scalar has no elements to go through"));
        }
        if (op instanceof MapOperator map) {
            return map(map, path, where, x);
        }
        if (op instanceof FoldOperator fold) {
            return fold(fold, path, where, x);
        }
        return bidirectional((BidirectionalOperator) op, path, where, x);
    }

    private static Outcome map(MapOperator op, NodePath path, String where, TensorType x) {
        NetNode net = op.net();
        if (net.inputNames().size() != 1 || net.outputNames().size() != 1) {
            return structure(x, where + " applies its net to one element at a time, so the net must have one input"
                    + " and one output, but it has " + ports(net) + ".");
        }
        NodePath at = path.child("net");
        InferenceResult r = ShapeInference.inferInner(net, at, List.of(element(x)),
                List.of("each element of what " + where + " takes"));
        TensorType in = sequence(length(x), r.inputType(at, net.inputNames().get(0)));
        TensorType out = sequence(length(x), r.outputType(at, net.outputNames().get(0)));
        return new Outcome(List.of(in), List.of(out), Map.of("net", r), null);
    }

    private static Outcome fold(FoldOperator op, NodePath path, String where, TensorType x) {
        NetNode net = op.net();
        List<String> names = net.inputNames();
        if (names.size() != 2 || !names.contains("Input") || !names.contains(FoldOperator.STATE)
                || net.outputNames().size() != 1) {
            return structure(x, where + " feeds its net one element and the state so far, so the net must have the"
                    + " inputs Input and State and one output, the next state; it has " + ports(net) + ".");
        }
        NodePath at = path.child("net");
        String output = net.outputNames().get(0);
        TensorType element = element(x);
        List<String> phrases = names.stream().map(n -> n.equals("Input") ? "each element of what " + where + " takes"
                : "the state " + where + " carries").toList();
        // The state the net gives is fed back as its State: both must agree, which can take a few rounds to settle.
        TensorType state = TensorType.ANY_REAL;
        InferenceResult r = null;
        for (int round = 0; round < 4; round++) {
            TensorType s = state;
            r = ShapeInference.inferInner(net, at, names.stream().map(n -> n.equals("Input") ? element : s).toList(),
                    phrases);
            TensorType given = r.inputType(at, FoldOperator.STATE);
            TensorType next = r.outputType(at, output);
            Unification u = given.unify(next);
            if (u instanceof Unification.Conflict c) {
                return new Outcome(List.of(x), List.of(TensorType.ANY_REAL), Map.of("net", r),
                        new Problem(Diagnostic.Kind.TYPE_MISMATCH, null, capitalize(where) + "'s net gives a next state"
                                + " that is " + next.describe() + " from a State that is " + given.describe()
                                + ", but the state it gives is fed back as its State: " + c.reason() + "."));
            }
            TensorType agreed = ((Unification.Unified) u).type();
            if (agreed.equals(state)) {
                break;
            }
            state = agreed;
        }
        TensorType in = sequence(length(x), r.inputType(at, "Input"));
        TensorType out = op.returnSequences() ? sequence(length(x), state) : state;
        if (element.dimsKnown() && r.valid() && !state.dimsKnown()) {
            // The state starts as zeros, so its size must be known before the first element.
            return new Outcome(List.of(in), List.of(out), Map.of("net", r), new Problem(Diagnostic.Kind.STRUCTURE, null,
                    capitalize(where) + "'s net does not tell the size of the state it carries (" + state.describe()
                            + "): give it a layer that fixes the size, e.g. a Linear whose units are the state's size."));
        }
        return new Outcome(List.of(in), List.of(out), Map.of("net", r), null);
    }

    private static Outcome bidirectional(BidirectionalOperator op, NodePath path, String where, TensorType x) {
        for (String role : op.innerNames()) {
            NetNode net = op.inner(role);
            if (net.inputNames().size() != 1 || net.outputNames().size() != 1) {
                return structure(x, "The " + role + " net of " + where + " reads the whole sequence, so it must have"
                        + " one input and one output, but it has " + ports(net) + ".");
            }
        }
        Map<String, InferenceResult> inner = new LinkedHashMap<>();
        TensorType in = x;
        List<TensorType> outs = new ArrayList<>();
        for (String role : op.innerNames()) {
            NetNode net = op.inner(role);
            NodePath at = path.child(role);
            InferenceResult r = ShapeInference.inferInner(net, at, List.of(x),
                    List.of("what " + where + " takes" + (role.equals("backward") ? " (reversed)" : "")));
            inner.put(role, r);
            if (in.unify(r.inputType(at, net.inputNames().get(0))) instanceof Unification.Unified u) {
                in = u.type();
            }
            outs.add(r.outputType(at, net.outputNames().get(0)));
        }
        TensorType f = outs.get(0);
        TensorType b = outs.get(1);
        if (!f.rankKnown() || !b.rankKnown()) {
            return new Outcome(List.of(in), List.of(TensorType.ANY_REAL), inner, null);
        }
        String both = ", but they are " + f.describe() + " and " + b.describe();
        if (op.merge().equals(BidirectionalOperator.TOTAL)) {
            Unification u = f.unify(b);
            if (u instanceof Unification.Conflict c) {
                return new Outcome(List.of(in), List.of(TensorType.ANY_REAL), inner, new Problem(Diagnostic.Kind.PARAMETER,
                        null, capitalize(where) + " adds the outputs of its forward and backward nets (merge \"total\")"
                        + both + ": " + c.reason() + "."));
            }
            return new Outcome(List.of(in), List.of(((Unification.Unified) u).type()), inner, null);
        }
        String problem = null;
        List<Dim> dims = new ArrayList<>();
        if (f.rank() != b.rank() || f.rank() == 0) {
            problem = f.rank() == 0 ? "scalars have no axis to join along"
                    : TensorType.rankNoun(f.rank()) + " cannot be joined with " + TensorType.rankNoun(b.rank());
        } else {
            for (int d = 0; d < f.rank() - 1 && problem == null; d++) {
                Dim u = f.dim(d).unify(b.dim(d));
                if (u == null) {
                    problem = "dimension " + (d + 1) + " is " + f.dim(d) + " on one side and " + b.dim(d) + " on the other";
                }
                dims.add(u);
            }
            Dim lf = f.dim(-1);
            Dim lb = b.dim(-1);
            dims.add(lf.isFixed() && lb.isFixed() ? Dim.of(lf.size() + lb.size()) : Dim.UNKNOWN);
        }
        if (problem != null) {
            return new Outcome(List.of(in), List.of(TensorType.ANY_REAL), inner, new Problem(Diagnostic.Kind.PARAMETER,
                    null, capitalize(where) + " joins the outputs of its forward and backward nets along their last axis"
                    + " (merge \"catenate\")" + both + ": " + problem + "."));
        }
        ElementKind kind = f.kind().unify(b.kind());
        return new Outcome(List.of(in), List.of(new TensorType(kind == null ? ElementKind.REAL : kind, dims)), inner, null);
    }

    /**
     * Whether {@code out} goes along the sequence {@code in}: it has at least two axes and the first
     * is the input's sequence axis. A recurrent net's sequence of states does, its last state does not.
     */
    static boolean followsSequence(TensorType in, TensorType out) {
        return in.rankKnown() && in.rank() >= 1 && out.rankKnown() && out.rank() >= 2 && in.dim(0).isKnown()
                && in.dim(0).equals(out.dim(0));
    }

    private static Outcome structure(TensorType x, String sentence) {
        return new Outcome(List.of(x), List.of(TensorType.ANY), Map.of(),
                new Problem(Diagnostic.Kind.STRUCTURE, null, capitalize(sentence)));
    }

    /** "2 inputs (Input, State) and 1 output (Output)". */
    private static String ports(NetNode net) {
        return count(net.inputNames(), "input") + " and " + count(net.outputNames(), "output");
    }

    private static String count(List<String> names, String noun) {
        return names.size() + " " + noun + (names.size() == 1 ? "" : "s")
                + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
    }

    /** The type of one element of a sequence: the sequence without its first axis. */
    static TensorType element(TensorType sequence) {
        return sequence.rankKnown() ? new TensorType(sequence.kind(), sequence.dims().subList(1, sequence.rank()))
                : new TensorType(sequence.kind(), null);
    }

    private static Dim length(TensorType sequence) {
        return sequence.rankKnown() ? sequence.dim(0) : Dim.UNKNOWN;
    }

    /** A sequence of {@code n} elements of type {@code element}. */
    private static TensorType sequence(Dim n, TensorType element) {
        if (!element.rankKnown()) {
            return new TensorType(element.kind(), null);
        }
        List<Dim> dims = new ArrayList<>(element.rank() + 1);
        dims.add(n);
        dims.addAll(element.dims());
        return new TensorType(element.kind(), dims);
    }

    private static String capitalize(String s) {
        return s.isEmpty() || s.charAt(0) == '\'' ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
