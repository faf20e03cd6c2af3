package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.Wiring;
import org.netstudio.netgraph.net.NodePath;

/**
 * Finds where a batch's values first stop being finite: runs the batch forward again, watching
 * every step's outputs in evaluation order, and names the first step whose outputs hold a NaN or an
 * infinity while everything before it (the batch's inputs included) was finite. Runs only after a
 * batch has failed, so its per-step checks cost nothing in a healthy run.
 */
final class NonFiniteSearch {

    private NonFiniteSearch() {}

    /** Where the first non-finite value appeared: a step of the net, or an input column (path null). */
    record Source(NodePath node, String description) {}

    /**
     * Runs {@code inputs} through {@code net} with autograd off.
     *
     * @param columns the data column feeding each of the net's inputs, in order (for the message)
     * @return the first source of a non-finite value, or empty when the forward pass is finite
     */
    static Optional<Source> forward(CompiledNet net, ParameterStore store, NDList inputs, List<String> columns) {
        for (int i = 0; i < columns.size() && i < inputs.size(); i++) {
            if (!finite(new NDList(inputs.get(i)))) {
                return Optional.of(new Source(null, "the batch's input `" + columns.get(i) + "` holds non-finite values"));
            }
        }
        try {
            net.forward(store, inputs, true, (step, type, outputs) -> {
                if (!finite(outputs)) {
                    throw new Found(new Source(step, "the first non-finite value came out of `" + step + "` ("
                            + describe(net, step, type) + "), from finite inputs"));
                }
                return outputs;
            });
        } catch (Found found) {
            return Optional.of(found.source);
        }
        return Optional.empty();
    }

    /**
     * Runs {@code inputs} through {@code net} with autograd on, each step's outputs passed on through
     * a zero leaf that collects their gradient, back-propagates {@code loss}, and names the step that
     * sent a non-finite gradient back to its inputs from finite gradients at its outputs: a reader of
     * the last step whose output gradient is not finite (the first such reader, when several read it).
     * Leaves the parameters' accumulated gradients dirty; the run that calls this is over.
     *
     * @param loss the loss of the net's outputs
     * @param one  a scalar 1 on the loss's device
     * @return the step, or empty when every step's output gradient is finite
     */
    static Optional<Source> backward(CompiledNet net, ParameterStore store, NDList inputs,
                                     Function<NDList, NDArray> loss, NDArray one) {
        List<NodePath> paths = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<NDList> leaves = new ArrayList<>();
        NDArray value;
        PyTorchSupport.setGradMode(true);
        try {
            NDList outputs = net.forward(store, inputs, true, (step, type, out) -> {
                NDList passed = new NDList(out.size());
                NDList collected = new NDList();
                for (NDArray o : out) {
                    if (o.getDataType().isFloating()) {
                        NDArray leaf = o.zerosLike();
                        leaf.setRequiresGradient(true);
                        collected.add(leaf);
                        passed.add(o.add(leaf));
                    } else {
                        passed.add(o);
                    }
                }
                paths.add(step);
                types.add(type);
                leaves.add(collected);
                return passed;
            });
            value = loss.apply(outputs);
        } finally {
            PyTorchSupport.setGradMode(false);
        }
        PyTorchSupport.backward(value, one);
        int last = -1;
        for (int i = 0; i < leaves.size(); i++) {
            NDList gradients = new NDList();
            for (NDArray leaf : leaves.get(i)) {
                gradients.add(leaf.getGradient());
            }
            if (!finite(gradients)) {
                last = i;
            }
        }
        if (last < 0) {
            return Optional.empty();
        }
        int reader = firstReader(net.inference().wiring(), paths, last);
        if (reader < 0) {
            return Optional.empty();
        }
        NodePath step = paths.get(reader);
        return Optional.of(new Source(step, "the first non-finite gradient came out of `" + step + "` ("
                + describe(net, step, types.get(reader)) + ") going backward, from finite gradients at its output"));
    }

    /** The first step after {@code index} that reads one of its outputs; a step the net's wiring lacks (a loss) reads them all. */
    private static int firstReader(Wiring wiring, List<NodePath> paths, int index) {
        Map<NodePath, Wiring.Step> byPath = new HashMap<>();
        wiring.steps().forEach(s -> byPath.put(s.path(), s));
        Wiring.Step written = byPath.get(paths.get(index));
        for (int j = index + 1; j < paths.size(); j++) {
            Wiring.Step reading = byPath.get(paths.get(j));
            if (written == null || reading == null) {
                return j;
            }
            for (int in : reading.inputs()) {
                for (int out : written.outputs()) {
                    if (in == out) {
                        return j;
                    }
                }
            }
        }
        return -1;
    }

    /** "Elementwise log(x)": the type, with the text parameters shown on the node (a function, a pooling kind). */
    private static String describe(CompiledNet net, NodePath step, String type) {
        LayerInfo info = net.inference().layer(step);
        if (info == null) {
            return type;
        }
        StringBuilder text = new StringBuilder(type);
        for (String key : info.layer().layerType().keyParams()) {
            if (info.layer().values().get(key) instanceof String value) {
                text.append(' ').append(value);
            }
        }
        return text.toString();
    }

    /** Whether every floating-point array of the list is free of NaN and infinities (one read from the device). */
    static boolean finite(NDList arrays) {
        NDArray all = null;
        try {
            for (NDArray a : arrays) {
                if (!a.getDataType().isFloating()) {
                    continue;
                }
                NDArray ok = a.isInfinite().logicalOr(a.isNaN()).any().logicalNot();
                all = all == null ? ok : all.logicalAnd(ok);
            }
            return all == null || all.getBoolean();
        } finally {
            if (all != null) {
                all.close();
            }
        }
    }

    /**
     * Whether the accumulated gradients of {@code weights} are all finite: one sum per array and one
     * read from the device, cheap enough to run after every batch (a NaN or infinity makes the sum
     * non-finite; a finite sum too large for float32 counts as infinite).
     *
     * @param scratch owns the temporary arrays; closed by the caller
     */
    static boolean finiteGradients(List<NDArray> weights, NDManager scratch) {
        NDArray total = null;
        for (NDArray w : weights) {
            NDArray gradient = w.getGradient();
            gradient.attach(scratch);
            NDArray sum = gradient.sum();
            total = total == null ? sum : total.add(sum);
        }
        return total == null || Float.isFinite(total.getFloat());
    }

    /** Ends the watched forward pass at the first non-finite step. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Source source;

        Found(Source source) {
            super(null, null, false, false);
            this.source = source;
        }
    }
}
