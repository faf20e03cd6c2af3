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
import org.netstudio.netgraph.tensor.TensorType;

/**
 * A net with its weights as one ONNX Runtime session, for running it where nothing trains (Try
 * It, {@code predict}, {@code embed}): ONNX Runtime fuses and plans the whole graph, where DJL
 * runs it one operator at a time. Only for nets whose every input has fixed sizes (a padded
 * batch of varying-length sequences needs the masks only the DJL path carries) and that export
 * to ONNX as they are. The session holds its own copy of the weights.
 */
final class OnnxInference implements AutoCloseable {

    private final OnnxRuntimeRunner runner;
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final List<long[]> inputShapes;

    private OnnxInference(OnnxRuntimeRunner runner, List<String> inputNames, List<String> outputNames,
                          List<long[]> inputShapes) {
        this.runner = runner;
        this.inputNames = inputNames;
        this.outputNames = outputNames;
        this.inputShapes = inputShapes;
    }

    /**
     * Why a net cannot take this route, or empty when it can.
     *
     * @param net        the net
     * @param inputTypes its inputs' per-example types
     */
    static Optional<String> unavailable(NetNode net, List<TensorType> inputTypes) {
        for (TensorType t : inputTypes) {
            if (!t.isFullyKnown()) {
                return Optional.of("an input of " + t.describe() + " has sizes that vary");
            }
        }
        List<String> unsupported = OnnxExporter.unsupported(net);
        return unsupported.isEmpty() ? Optional.empty()
                : Optional.of("ONNX export does not cover " + String.join(", ", unsupported));
    }

    /**
     * The session of a net that {@link #unavailable} accepts.
     *
     * @param threads ONNX Runtime's intra-op threads
     * @throws IOException when export or ONNX Runtime refuses the net, with the reason
     */
    static OnnxInference of(NetNode net, Weights weights, List<String> inputNames, List<String> outputNames,
                            List<TensorType> inputTypes, int threads) throws IOException {
        byte[] model;
        try {
            model = OnnxExporter.export(new NetDocument("net", net, null), weights);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<long[]> shapes = new ArrayList<>();
        for (TensorType t : inputTypes) {
            shapes.add(Arrays.stream(t.sizes()).asLongStream().toArray());
        }
        OnnxRuntimeRunner runner = OnnxRuntimeRunner.of(model, threads);
        if (!runner.outputNames().containsAll(outputNames)) {
            runner.close();
            throw new IOException("the exported model names its outputs " + runner.outputNames() + ", not "
                    + outputNames);
        }
        return new OnnxInference(runner, List.copyOf(inputNames), List.copyOf(outputNames), shapes);
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

    private boolean fits(List<TensorValue> inputs) {
        long batch = -1;
        for (int i = 0; i < inputs.size(); i++) {
            long[] shape = inputs.get(i).shape();
            long[] declared = inputShapes.get(i);
            if (shape.length != declared.length + 1 || shape[0] < 1 || (batch >= 0 && shape[0] != batch)
                    || !Arrays.equals(shape, 1, shape.length, declared, 0, declared.length)) {
                return false;
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
