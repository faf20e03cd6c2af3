package org.netstudio.engine.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.catalog.Params;
import org.netstudio.netgraph.catalog.ShapeRule;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.OperatorInfo;
import org.netstudio.netgraph.tensor.TensorType;
import org.netstudio.netgraph.inference.Wiring;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NodePath;

/**
 * A valid net flattened into steps joined by wires: catalog layers, and sequence operators whose
 * inner nets are compiled on their own. Containers are dissolved, each wire is one tensor with one
 * producer (a net input or a step's output) and any number of readers. The steps are in the
 * evaluation order of inference (chains in order, graphs topologically). Immutable once built.
 */
final class NetPlan {

    /**
     * One step of the flattened net: a catalog layer ({@code layer} and {@code info} set) or a
     * sequence operator ({@code operator} set).
     *
     * @param in         the wire of each input port, in port order
     * @param out        the wire of each output port, in port order
     * @param fromLogits for a cross-entropy loss whose Softmax (or Sigmoid) was fused into it: its
     *                   Input wire carries the scores before that layer
     */
    record Step(NodePath path, Layer layer, LayerInfo info, OperatorInfo operator, int[] in, int[] out,
                boolean fromLogits) {

        /** A catalog layer's step. */
        Step(NodePath path, Layer layer, LayerInfo info, int[] in, int[] out, boolean fromLogits) {
            this(path, layer, info, null, in, out, fromLogits);
        }

        /** The catalog type, or the operator's type name ("Map"). */
        String type() {
            return layer != null ? layer.type() : operator.operator().typeName();
        }

        /** The per-example types of the step's inputs, as inference found them. */
        List<TensorType> inputTypes() {
            return layer != null ? info.inputs() : operator.inputs();
        }

        /** Whether this is a Softmax over the last axis of each example. */
        boolean isLastAxisSoftmax() {
            if (!type().equals("Softmax")) {
                return false;
            }
            int axis = info.params().getInt("axis");
            int rank = info.inputs().get(0).rank();
            return axis == -1 || (rank > 0 && axis == rank - 1);
        }
    }

    private final List<Step> steps;
    private final int[] inputs;
    private final int[] outputs;
    private final int wireCount;

    private NetPlan(List<Step> steps, int[] inputs, int[] outputs, int wireCount) {
        this.steps = List.copyOf(steps);
        this.inputs = inputs;
        this.outputs = outputs;
        this.wireCount = wireCount;
    }

    /** The plan of a net that inference found valid: inference's own flattening, step by step. */
    static NetPlan of(InferenceResult inference) {
        Wiring wiring = inference.wiring();
        Map<NodePath, LayerInfo> layers = new HashMap<>();
        for (LayerInfo info : inference.layers()) {
            layers.put(info.path(), info);
        }
        List<Step> steps = new ArrayList<>(wiring.steps().size());
        for (Wiring.Step w : wiring.steps()) {
            LayerInfo info = layers.get(w.path());
            int[] in = ints(w.inputs());
            int[] out = ints(w.outputs());
            steps.add(info != null ? new Step(info.path(), info.layer(), info, in, out, false)
                    : new Step(w.path(), null, null, inference.operators().get(w.path()), in, out, false));
        }
        return new NetPlan(steps, ints(wiring.netInputs()), ints(wiring.netOutputs()), wiring.wireCount());
    }

    /** Wire numbers as the plan keeps them, for indexing while the net runs. */
    private static int[] ints(List<Integer> wires) {
        return wires.stream().mapToInt(Integer::intValue).toArray();
    }

    List<Step> steps() {
        return steps;
    }

    /** The wire of each net input. */
    int[] inputs() {
        return inputs.clone();
    }

    /** The wire of each net output. */
    int[] outputs() {
        return outputs.clone();
    }

    int wireCount() {
        return wireCount;
    }

    /** The step that produces a wire, or null when a net input does (or nothing). */
    Step producer(int wire) {
        for (Step s : steps) {
            for (int w : s.out()) {
                if (w == wire) {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * A plan where each cross-entropy loss fed by a Softmax over the last axis (index or
     * probability targets) or by a Sigmoid (binary targets) reads the scores before that layer
     * instead, and computes its logarithm stably itself. The Softmax or Sigmoid still runs when
     * something else reads its output.
     */
    NetPlan withFusedLosses() {
        List<Step> fused = new ArrayList<>(steps.size());
        for (Step s : steps) {
            Step p = s.type().equals("CrossEntropyLoss") ? producer(s.in()[0]) : null;
            boolean binary = s.type().equals("CrossEntropyLoss") && "binary".equals(s.info().params().getString("target"));
            if (p != null && (binary ? p.type().equals("Sigmoid") : p.isLastAxisSoftmax())) {
                int[] in = s.in().clone();
                in[0] = p.in()[0];
                fused.add(new Step(s.path(), s.layer(), s.info(), in, s.out(), true));
            } else {
                fused.add(s);
            }
        }
        return new NetPlan(fused, inputs, outputs, wireCount);
    }

    /**
     * This plan with loss layers attached: each reads one net output and a new target input (a
     * wire after the existing inputs) and writes a new output after the existing ones. Their
     * shapes come from the catalog's rule for the loss, as for a loss drawn in the net.
     *
     * @throws IllegalArgumentException when a loss cannot compare its output with its target
     */
    NetPlan withAttachedLosses(List<AttachedLoss> losses, List<String> outputNames, InferenceResult inference) {
        List<Step> all = new ArrayList<>(steps);
        int[] in = java.util.Arrays.copyOf(inputs, inputs.length + losses.size());
        int[] out = java.util.Arrays.copyOf(outputs, outputs.length + losses.size());
        int wires = wireCount;
        for (int k = 0; k < losses.size(); k++) {
            AttachedLoss loss = losses.get(k);
            int index = outputNames.indexOf(loss.output());
            if (index < 0) {
                throw new IllegalArgumentException("The net has no output '" + loss.output() + "'; it has " + outputNames);
            }
            TensorType prediction = inference.outputType(NodePath.ROOT, loss.output());
            List<TensorType> ins = List.of(prediction, loss.targetType());
            String where = "the " + loss.loss().type() + " of output '" + loss.output() + "'";
            Params params = loss.loss().params();
            ShapeRule.Outcome outcome = loss.loss().layerType().shapeRule().infer(params, ins);
            if (outcome instanceof ShapeRule.Rejected r) {
                throw new IllegalArgumentException("The net's output '" + loss.output() + "' gives "
                        + prediction.describe() + ", which cannot be compared with targets that are "
                        + loss.targetType().describe() + ": " + r.message());
            }
            List<TensorType> outs = ((ShapeRule.Inferred) outcome).outputs();
            int target = wires++;
            int value = wires++;
            in[inputs.length + k] = target;
            out[outputs.length + k] = value;
            LayerInfo info = new LayerInfo(NodePath.ROOT.child(loss.output() + " loss"), where, loss.loss(), params,
                    ins, outs, List.of(), 0);
            all.add(new Step(info.path(), loss.loss(), info, new int[] {outputs[index], target}, new int[] {value},
                    readsScores(loss, producer(outputs[index]))));
        }
        return new NetPlan(all, in, out, wires);
    }

    /**
     * Whether an attached cross-entropy reads its output as scores (logits): unless the output is a
     * Softmax's (a Sigmoid's for binary targets), which {@link #withFusedLosses} reads past anyway,
     * a net that ends in Linear gives scores, as PyTorch's classifiers do. A LogSoftmax's output
     * reads the same either way, since the log-softmax of log-probabilities is themselves.
     */
    private static boolean readsScores(AttachedLoss loss, Step producer) {
        if (!loss.loss().type().equals("CrossEntropyLoss")) {
            return false;
        }
        boolean binary = "binary".equals(loss.loss().params().getString("target"));
        return producer == null || !(binary ? producer.type().equals("Sigmoid") : producer.isLastAxisSoftmax());
    }

    /** The steps that readers of these output wires need, in evaluation order. */
    List<Step> needed(int[] outputWires) {
        boolean[] wanted = new boolean[wireCount];
        for (int w : outputWires) {
            wanted[w] = true;
        }
        boolean[] keep = new boolean[steps.size()];
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step s = steps.get(i);
            for (int w : s.out()) {
                if (wanted[w]) {
                    keep[i] = true;
                }
            }
            if (keep[i]) {
                for (int w : s.in()) {
                    wanted[w] = true;
                }
            }
        }
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (keep[i]) {
                out.add(steps.get(i));
            }
        }
        return out;
    }
}
