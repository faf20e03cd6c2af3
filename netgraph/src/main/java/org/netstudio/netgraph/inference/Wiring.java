package org.netstudio.netgraph.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.net.NodePath;

/**
 * The flattened net that inference solved: containers dissolved, every tensor one numbered wire
 * with one producer (a net input or a step's output) and any number of readers. Each step is a
 * catalog layer of {@link InferenceResult#layers()} or a sequence operator of
 * {@link InferenceResult#operators()}, whose inner nets have wirings of their own (an operator
 * runs them element by element, so they are not dissolved into this one). An engine runs a net by
 * evaluating the steps in order over these wires, so the model and the engine share one
 * flattening. Immutable; arrays are copied out.
 *
 * @param wireCount  the number of wires, numbered from 0
 * @param netInputs  the wire of each top-level net input, in {@code inputNames()} order
 * @param netOutputs the wire of each top-level net output, in {@code outputNames()} order
 * @param steps      the steps in evaluation order (chains in order, graphs topologically)
 */
public record Wiring(int wireCount, int[] netInputs, int[] netOutputs, List<Step> steps) {

    /**
     * One step: the catalog layer or sequence operator at {@code path}, with the wire of each of its
     * input and output ports, in port order.
     */
    public record Step(NodePath path, int[] inputs, int[] outputs) {

        public Step {
            Objects.requireNonNull(path, "path");
            inputs = inputs.clone();
            outputs = outputs.clone();
        }

        @Override
        public int[] inputs() {
            return inputs.clone();
        }

        @Override
        public int[] outputs() {
            return outputs.clone();
        }

        /** Equal when the same path reads and writes the same wires. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Step s && path.equals(s.path) && Arrays.equals(inputs, s.inputs)
                    && Arrays.equals(outputs, s.outputs);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, Arrays.hashCode(inputs), Arrays.hashCode(outputs));
        }

        @Override
        public String toString() {
            return path + " " + Arrays.toString(inputs) + " → " + Arrays.toString(outputs);
        }
    }

    public Wiring {
        netInputs = netInputs.clone();
        netOutputs = netOutputs.clone();
        steps = List.copyOf(steps);
    }

    @Override
    public int[] netInputs() {
        return netInputs.clone();
    }

    @Override
    public int[] netOutputs() {
        return netOutputs.clone();
    }

    /** Equal when the wires and steps are, so that two inferences of one net are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Wiring w && wireCount == w.wireCount && Arrays.equals(netInputs, w.netInputs)
                && Arrays.equals(netOutputs, w.netOutputs) && steps.equals(w.steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wireCount, Arrays.hashCode(netInputs), Arrays.hashCode(netOutputs), steps);
    }

    @Override
    public String toString() {
        return "Wiring[" + wireCount + " wires, inputs " + Arrays.toString(netInputs) + ", outputs "
                + Arrays.toString(netOutputs) + ", steps " + steps + "]";
    }

    /** The input wires of step {@code i} (a copy). */
    public int[] inputsOf(int i) {
        return steps.get(i).inputs();
    }

    /** The output wires of step {@code i} (a copy). */
    public int[] outputsOf(int i) {
        return steps.get(i).outputs();
    }
}
