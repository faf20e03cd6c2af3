package org.netstudio.netgraph.inference;

import java.util.List;

/**
 * The flattened net that inference solved: containers dissolved, every tensor one numbered wire
 * with one producer (a net input or a layer output) and any number of readers. An engine runs a
 * net by evaluating {@link InferenceResult#layers()} in order over these wires, so the model and the
 * engine share one flattening. Immutable; arrays are copied out.
 *
 * @param wireCount     the number of wires, numbered from 0
 * @param netInputs     the wire of each top-level net input, in {@code inputNames()} order
 * @param netOutputs    the wire of each top-level net output, in {@code outputNames()} order
 * @param layerInputs   per layer of {@link InferenceResult#layers()}, the wire of each input port
 * @param layerOutputs  per layer, the wire of each output port
 */
public record Wiring(int wireCount, int[] netInputs, int[] netOutputs, List<int[]> layerInputs,
                     List<int[]> layerOutputs) {

    public Wiring {
        netInputs = netInputs.clone();
        netOutputs = netOutputs.clone();
        layerInputs = layerInputs.stream().map(int[]::clone).toList();
        layerOutputs = layerOutputs.stream().map(int[]::clone).toList();
    }

    @Override
    public int[] netInputs() {
        return netInputs.clone();
    }

    @Override
    public int[] netOutputs() {
        return netOutputs.clone();
    }

    /** The input wires of layer {@code i} (a copy). */
    public int[] inputsOf(int i) {
        return layerInputs.get(i).clone();
    }

    /** The output wires of layer {@code i} (a copy). */
    public int[] outputsOf(int i) {
        return layerOutputs.get(i).clone();
    }

    /** Equal when every wire number is: two inferences of one net give equal wirings. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Wiring w && wireCount == w.wireCount && java.util.Arrays.equals(netInputs, w.netInputs)
                && java.util.Arrays.equals(netOutputs, w.netOutputs) && sameArrays(layerInputs, w.layerInputs)
                && sameArrays(layerOutputs, w.layerOutputs);
    }

    @Override
    public int hashCode() {
        int h = wireCount * 31 + java.util.Arrays.hashCode(netInputs);
        h = h * 31 + java.util.Arrays.hashCode(netOutputs);
        for (int[] a : layerInputs) {
            h = h * 31 + java.util.Arrays.hashCode(a);
        }
        for (int[] a : layerOutputs) {
            h = h * 31 + java.util.Arrays.hashCode(a);
        }
        return h;
    }

    @Override
    public String toString() {
        return "Wiring[" + wireCount + " wires, inputs " + java.util.Arrays.toString(netInputs) + ", outputs "
                + java.util.Arrays.toString(netOutputs) + ", " + layerInputs.size() + " layers]";
    }

    private static boolean sameArrays(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
