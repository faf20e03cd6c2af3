package org.netstudio.netgraph.inference;

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
 * flattening. Immutable, and equal to another when the wires and steps are, so that two
 * inferences of one net are equal.
 *
 * @param wireCount  the number of wires, numbered from 0
 * @param netInputs  the wire of each top-level net input, in {@code inputNames()} order
 * @param netOutputs the wire of each top-level net output, in {@code outputNames()} order
 * @param steps      the steps in evaluation order (chains in order, graphs topologically)
 */
public record Wiring(int wireCount, List<Integer> netInputs, List<Integer> netOutputs, List<Step> steps) {

    /**
     * One step: the catalog layer or sequence operator at {@code path}, with the wire of each of its
     * input and output ports, in port order.
     */
    public record Step(NodePath path, List<Integer> inputs, List<Integer> outputs) {

        public Step {
            Objects.requireNonNull(path, "path");
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        @Override
        public String toString() {
            return path + " " + inputs + " → " + outputs;
        }
    }

    public Wiring {
        netInputs = List.copyOf(netInputs);
        netOutputs = List.copyOf(netOutputs);
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        return "Wiring[" + wireCount + " wires, inputs " + netInputs + ", outputs " + netOutputs + ", steps " + steps + "]";
    }

    /** The input wires of step {@code i}. */
    public List<Integer> inputsOf(int i) {
        return steps.get(i).inputs();
    }

    /** The output wires of step {@code i}. */
    public List<Integer> outputsOf(int i) {
        return steps.get(i).outputs();
    }
}
