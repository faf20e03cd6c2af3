package org.netstudio.engine.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netstudio.engine.onnx.OnnxRuntimeRunner;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.io.onnx.OnnxExporter;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A net with its weights as one ONNX Runtime session, for running it where nothing trains (Try
 * It, {@code predict}, {@code embed}): ONNX Runtime fuses and plans the whole graph, where DJL
 * runs it one operator at a time. A session is trusted only once it has given the outputs DJL gave for one
 * real call (within 1e-4 of each output's largest magnitude), so an export that computes something
 * else never replaces DJL. Only for nets whose every input has a known rank and sizes that are
 * fixed or named (a sequence length: one batch holds sequences of one length here, so no padding
 * is involved) and that export to ONNX. The session holds its own copy of the weights.
 */
final class OnnxInference implements AutoCloseable {

    private final OnnxRuntimeRunner runner;
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final List<TensorType> inputTypes;

    /** One call DJL answered: the inputs and the outputs a session must reproduce. */
    record Check(List<TensorValue> inputs, List<TensorValue> outputs) {
    }

    private OnnxInference(OnnxRuntimeRunner runner, List<String> inputNames, List<String> outputNames,
                          List<TensorType> inputTypes) {
        this.runner = runner;
        this.inputNames = inputNames;
        this.outputNames = outputNames;
        this.inputTypes = inputTypes;
    }

    /**
     * Why a net cannot take this route, or empty when it can.
     *
     * @param net        the net
     * @param inputTypes its inputs' per-example types
     */
    static Optional<String> unavailable(NetNode net, List<TensorType> inputTypes) {
        for (TensorType t : inputTypes) {
            if (!t.dimsKnown() || t.kind() instanceof ElementKind.AnyKind) {
                return Optional.of("an input of " + t.describe() + " is not known well enough");
            }
        }
        List<String> unsupported = OnnxExporter.unsupported(net);
        return unsupported.isEmpty() ? Optional.empty()
                : Optional.of("ONNX export does not cover " + String.join(", ", unsupported));
    }

    /**
     * The session of a net that {@link #unavailable} accepts, once it has reproduced the check.
     *
     * @param threads ONNX Runtime's intra-op threads
     * @throws IOException when export or ONNX Runtime refuses the net, or the session computes
     *     something else than the check's outputs, with the reason
     */
    static OnnxInference of(NetNode net, Weights weights, List<String> inputNames, List<String> outputNames,
                            List<TensorType> inputTypes, int threads, Check check) throws IOException {
        byte[] model;
        try {
            model = OnnxExporter.exportToRun(new NetDocument("net", net, null), weights);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        OnnxRuntimeRunner runner = OnnxRuntimeRunner.of(model, threads);
        OnnxInference session = new OnnxInference(runner, List.copyOf(inputNames), List.copyOf(outputNames),
                List.copyOf(inputTypes));
        try {
            if (!runner.outputNames().containsAll(outputNames)) {
                throw new IOException("the exported model names its outputs " + runner.outputNames() + ", not "
                        + outputNames);
            }
            Optional<String> differs = session.differs(check);
            if (differs.isPresent()) {
                throw new IOException("the exported model does not reproduce the engine: " + differs.get());
            }
            return session;
        } catch (IOException | RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    /** Where this session's outputs for the check's inputs depart from the check's, or empty. */
    private Optional<String> differs(Check check) throws IOException {
        Optional<List<TensorValue>> got = run(check.inputs());
        if (got.isEmpty()) {
            return Optional.of("the check's inputs do not fit");
        }
        for (int o = 0; o < check.outputs().size(); o++) {
            TensorValue want = check.outputs().get(o);
            TensorValue have = got.get().get(o);
            if (have == null || !Arrays.equals(have.shape(), want.shape())) {
                return Optional.of("output " + outputNames.get(o) + " has another shape");
            }
            float[] w = want.values();
            float[] h = have.values();
            double scale = 1;
            for (float v : w) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < w.length; i++) {
                if (!(Math.abs(h[i] - w[i]) <= 1e-4 * scale)) {
                    return Optional.of("output " + outputNames.get(o) + " differs at " + i);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a batch, or gives empty when an input is not {@code (batch, declared sizes…)} with one
     * batch size for all (the DJL path then runs it and explains what does not fit).
     */
    Optional<List<TensorValue>> run(List<TensorValue> inputs) throws IOException {
        if (inputs.size() != inputNames.size() || !fits(inputs)) {
            return Optional.empty();
        }
        Map<String, TensorValue> feed = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            feed.put(inputNames.get(i), inputs.get(i));
        }
        Map<String, TensorValue> out = runner.run(feed);
        List<TensorValue> ordered = new ArrayList<>(outputNames.size());
        for (String name : outputNames) {
            ordered.add(out.get(name));
        }
        return Optional.of(ordered);
    }

    /** Whether each input is {@code (batch, its type's sizes…)}, a named size any positive length. */
    private boolean fits(List<TensorValue> inputs) {
        long batch = -1;
        for (int i = 0; i < inputs.size(); i++) {
            long[] shape = inputs.get(i).shape();
            TensorType declared = inputTypes.get(i);
            if (shape.length != declared.rank() + 1 || shape[0] < 1 || (batch >= 0 && shape[0] != batch)) {
                return false;
            }
            for (int d = 0; d < declared.rank(); d++) {
                boolean fixed = declared.dim(d).isFixed();
                if (fixed ? shape[d + 1] != declared.dim(d).size() : shape[d + 1] < 1) {
                    return false;
                }
            }
            batch = shape[0];
        }
        return true;
    }

    @Override
    public void close() {
        runner.close();
    }
}
