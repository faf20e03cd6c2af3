package org.netstudio.engine.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.GradientReach;
import org.netstudio.engine.compile.NetArray;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.inference.Wiring;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.tensor.ElementKind;

/**
 * One probe pass of {@link NetRunner#probe}: runs the net once, watching its steps, keeps the
 * values of the ports asked for and, when a gradient is wanted, back-propagates the chosen score
 * or loss to them. A port's gradient is collected by adding a zero leaf to its value on the way
 * (the sum's gradient with respect to the leaf is the gradient at the port), so the pass is the
 * net's one forward loop and the graph behind the port stays intact for the ports before it.
 */
final class PortProbe {

    /** A name asked for: a port, or a learnable or state array. */
    private record Asked(String name, NetPort port, NetArray array) {}

    private final CompiledNet net;
    private final List<Asked> asked = new ArrayList<>();
    /** Per step path, the indices of its outputs that are asked for. */
    private final Map<NodePath, List<Integer>> watched = new HashMap<>();
    private final Map<NodePath, Wiring.Step> steps = new HashMap<>();

    PortProbe(CompiledNet net, List<String> names) {
        this.net = net;
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Name at least one port to probe");
        }
        for (String name : names) {
            Optional<NetArray> array = net.array(name);
            Asked a = array.isPresent() ? new Asked(name, null, array.get())
                    : new Asked(name, NetPorts.resolve(net.net(), name), null);
            asked.add(a);
            if (a.port() != null && !a.port().isNetInput()) {
                watched.computeIfAbsent(a.port().step(), k -> new ArrayList<>()).add(a.port().output());
            }
        }
        for (Wiring.Step s : net.inference().wiring().steps()) {
            steps.put(s.path(), s);
        }
    }

    /** Runs the pass on a batch, in {@code scope}; everything it allocates there is freed with the scope. */
    Probe run(NDManager scope, List<TensorValue> inputs, GradientOf of) {
        int objectiveOutput = of == null ? -1 : outputIndex(of.output());
        NDList in = new NDList(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            TensorValue t = inputs.get(i);
            NDArray x = scope.create(t.values(), new Shape(t.shape()));
            if (of != null && isReal(i)) {
                x.setRequiresGradient(true);
            }
            in.add(x);
        }
        Map<Integer, NDArray> wires = new HashMap<>();
        List<Integer> netInputs = net.inference().wiring().netInputs();
        for (int i = 0; i < netInputs.size() && i < in.size(); i++) {
            wires.put(netInputs.get(i), in.get(i));
        }
        Map<NodePath, NDList> seen = new HashMap<>();
        Map<NodePath, NDArray[]> leaves = new HashMap<>();
        List<NDArray> trainable = new ArrayList<>();
        for (NetArray a : net.arrays()) {
            if (a.trainable() && of != null) {
                Autograd.zeroGradient(a.parameter().getArray());
                trainable.add(a.parameter().getArray());
            }
        }
        NDArray objective = null;
        try (Autograd mode = of == null ? Autograd.off() : Autograd.on()) {
            NDList out = net.forward(new ParameterStore(scope, false), in, false, (step, type, outputs) -> {
                NDList given = outputs;
                List<Integer> ports = watched.get(step);
                if (ports != null && of != null) {
                    NDArray[] stepLeaves = new NDArray[outputs.size()];
                    given = new NDList(outputs.size());
                    for (int j = 0; j < outputs.size(); j++) {
                        NDArray o = outputs.get(j);
                        if (ports.contains(j) && o.getDataType() == DataType.FLOAT32) {
                            NDArray leaf = o.zerosLike();
                            leaf.setRequiresGradient(true);
                            stepLeaves[j] = leaf;
                            o = o.add(leaf);
                        }
                        given.add(o);
                    }
                    leaves.put(step, stepLeaves);
                }
                seen.put(step, given);
                Wiring.Step wiring = steps.get(step);
                if (wiring != null) {
                    List<Integer> w = wiring.outputs();
                    for (int j = 0; j < w.size() && j < given.size(); j++) {
                        wires.put(w.get(j), given.get(j));
                    }
                }
                return given;
            });
            if (of != null) {
                objective = Objectives.of(of, scores(objectiveOutput, out, wires), net.outputTypes()
                        .get(objectiveOutput));
            }
        }
        double objectiveValue = Double.NaN;
        boolean reached = false;
        if (objective != null) {
            objectiveValue = objective.toType(DataType.FLOAT64, false).getDouble();
            reached = Autograd.isRecorded(objective);
            if (reached) {
                Autograd.backward(objective);
            }
        }
        GradientReach reach = of == null ? null : GradientReach.of(net);
        Map<String, TensorValue> values = new LinkedHashMap<>();
        Map<String, TensorValue> gradients = new LinkedHashMap<>();
        Map<String, String> noGradient = new LinkedHashMap<>();
        for (Asked a : asked) {
            NDArray value;
            NDArray leaf;
            if (a.array() != null) {
                value = a.array().parameter().getArray();
                leaf = value;
            } else if (a.port().isNetInput()) {
                value = in.get(a.port().output());
                leaf = value;
            } else {
                NDList stepOut = seen.get(a.port().step());
                if (stepOut == null) {
                    throw new IllegalArgumentException("'" + a.name() + "' is not computed: '" + a.port().step()
                            + "' does not feed any of the net's outputs " + net.outputNames());
                }
                value = stepOut.get(a.port().output());
                NDArray[] stepLeaves = leaves.get(a.port().step());
                leaf = stepLeaves == null ? null : stepLeaves[a.port().output()];
            }
            values.put(a.name(), PortProbe.value(value));
            if (of == null) {
                continue;
            }
            String why = reached ? whyNoGradient(a, reach) : "no gradient flows back from '" + of.output() + "'"
                    + walls(reach);
            NDArray grad = why == null && leaf != null ? Autograd.gradientOrNull(leaf) : null;
            if (grad != null) {
                try (grad) {
                    gradients.put(a.name(), PortProbe.value(grad));
                }
            } else {
                noGradient.put(a.name(), why != null ? why : feedsScore(a.port(), objectiveOutput)
                        ? "no gradient reaches '" + a.name() + "' from '" + of.output() + "'" + walls(reach)
                        : "'" + a.name() + "' does not feed the " + (of instanceof GradientOf.Loss ? "loss" : "score")
                        + " of '" + of.output() + "'" + (net.outputIsSoftmax(objectiveOutput)
                        ? ", which is taken before its Softmax" : ""));
            }
        }
        for (NDArray w : trainable) {
            Autograd.zeroGradient(w);
        }
        return new Probe(values, gradients, noGradient, objectiveValue);
    }

    /** Why an asked name has no gradient by its kind, or null when it may have one. */
    private String whyNoGradient(Asked a, GradientReach reach) {
        if (a.array() != null) {
            if (!a.array().trainable()) {
                return "'" + a.name() + "' is state that training updates without gradients";
            }
            if (reach.frozen().contains(a.name())) {
                return "no gradient reaches '" + a.name() + "'" + walls(reach);
            }
            return null;
        }
        if (a.port().isNetInput() && !isReal(a.port().output())) {
            return "'" + a.name() + "' takes indices, which have no gradient";
        }
        return null;
    }

    /** ": it stops at the imported operators …" when the net has any, else "". */
    private static String walls(GradientReach reach) {
        return reach.walls().isEmpty() ? "" : "; it stops at the imported operator" + (reach.walls().size() == 1 ? " "
                : "s ") + String.join(", ", reach.walls()) + ", which run outside autograd";
    }

    private boolean isReal(int input) {
        return net.inputTypes().get(input).kind() instanceof ElementKind.Real;
    }

    private int outputIndex(String output) {
        int i = net.outputNames().indexOf(output);
        if (i < 0) {
            throw new IllegalArgumentException("The net has no output '" + output + "'; it has "
                    + String.join(", ", net.outputNames()));
        }
        return i;
    }

    /** An output's values, taken before a closing Softmax (the scores it normalises). */
    private NDArray scores(int output, NDList outputs, Map<Integer, NDArray> wires) {
        NDArray scores = wires.get(scoreWire(output));
        return scores != null ? scores : outputs.get(output);
    }

    /** The wire of an output's scores: the output's, or the input of the Softmax that closes it. */
    private int scoreWire(int output) {
        int wire = net.inference().wiring().netOutputs().get(output);
        if (net.outputIsSoftmax(output)) {
            Wiring.Step softmax = producer(wire);
            if (softmax != null) {
                return softmax.inputs().get(0);
            }
        }
        return wire;
    }

    private Wiring.Step producer(int wire) {
        for (Wiring.Step s : net.inference().wiring().steps()) {
            if (s.outputs().contains(wire)) {
                return s;
            }
        }
        return null;
    }

    /** Whether a port lies on a path to an output's scores (by the net's wiring, whatever passes gradients). */
    private boolean feedsScore(NetPort port, int output) {
        Wiring wiring = net.inference().wiring();
        int target = (port.isNetInput() ? wiring.netInputs() : steps.get(port.step()).outputs()).get(port.output());
        Set<Integer> reached = new HashSet<>(List.of(scoreWire(output)));
        List<Wiring.Step> all = wiring.steps();
        // Steps are in evaluation order: walking them backwards meets every reader before its producer.
        for (int i = all.size() - 1; i >= 0; i--) {
            Wiring.Step s = all.get(i);
            for (int w : s.outputs()) {
                if (reached.contains(w)) {
                    for (int in : s.inputs()) {
                        reached.add(in);
                    }
                    break;
                }
            }
        }
        return reached.contains(target);
    }

    /** A DJL array as float32 values in Java memory. */
    static TensorValue value(NDArray a) {
        NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
        return TensorValue.of(f.toFloatArray(), f.getShape().getShape());
    }
}
