package org.netstudio.netgraph.bench;

import java.util.concurrent.TimeUnit;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Inference after one edit of a 1,003-node graph (DESIGN.md target: under 10 ms). The edit swaps
 * one convolution's kernel between 3 and 5 (same padding), as typing in the inspector would; the
 * baseline is the edit alone, so the difference is inference.
 * Run: {@code ./bench inference}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InferenceBench {

    private Graph graph;
    private Layer kernel3;
    private Layer kernel5;
    private boolean flip;

    @Setup
    public void setUp() {
        graph = LargeNets.residualGraph(200);
        kernel3 = (Layer) graph.nodes().get("conv100");
        kernel5 = kernel3.with("kernel", 5);
    }

    /** Baseline: the edit only (an immutable 1,003-node graph with one node replaced). */
    @Benchmark
    public Graph editOnly() {
        flip = !flip;
        return graph.withNode("conv100", flip ? kernel5 : kernel3);
    }

    /** The edit plus whole-net inference, as the editor runs it. */
    @Benchmark
    public InferenceResult editAndInfer() {
        flip = !flip;
        return ShapeInference.infer(graph.withNode("conv100", flip ? kernel5 : kernel3));
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(InferenceBench.class.getSimpleName()).build()).run();
    }
}
