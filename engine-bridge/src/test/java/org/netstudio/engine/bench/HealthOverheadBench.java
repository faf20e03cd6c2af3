package org.netstudio.engine.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.train.TrainingLoop;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.engine.train.TrainingResult;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * What measuring each layer's health costs (issue 12): the gallery's Fashion-MNIST CNN trained for
 * one epoch on Fashion-MNIST examples with health measured (every {@link TrainingLoop#HEALTH_EVERY}
 * batches, the default) and without ({@code netstudio.trainingHealth=false}), side by side in one
 * JVM, rounds alternating which goes first. Prints the training loop's samples per second of each
 * and the median of the per-round ratios. Not a unit test.
 *
 * <p>Run: {@code ./bench health [examples rounds batch]} (defaults 4096, 6, 64).
 */
public final class HealthOverheadBench {

    private HealthOverheadBench() {
    }

    /** The gallery's fashion-cnn, layer for layer. */
    static NetNode fashionCnn() {
        return Chain.named(PortDecl.of(TensorType.real(1, 28, 28)), List.of(
                Layer.of("Convolution", "channels", 32, "kernel", 3, "padding", 1), Layer.of("BatchNorm"), Layer.of("Ramp"),
                Layer.of("Pooling", "function", "max", "kernel", 2),
                Layer.of("Convolution", "channels", 64, "kernel", 3, "padding", 1), Layer.of("BatchNorm"), Layer.of("Ramp"),
                Layer.of("Pooling", "function", "max", "kernel", 2), Layer.of("Flatten"), Layer.of("Dropout", "rate", 0.3),
                Layer.of("Linear", "units", 128), Layer.of("Ramp"), Layer.of("Linear", "units", 10), Layer.of("Softmax")),
                Arrays.asList(new String[14]), PortDecl.UNSPECIFIED);
    }

    public static void main(String[] args) throws IOException {
        int examples = BenchArgs.integer(args, 0, 4096);
        int rounds = BenchArgs.integer(args, 1, 6);
        int batch = BenchArgs.integer(args, 2, 64);
        DjlSetup.beforeEngineLoads();
        MemoryDataset data = FashionMnist.DATASET.load().slice(0, examples);
        NetNode net = fashionCnn();
        System.out.printf(Locale.ROOT, "Fashion-MNIST CNN, %d examples, batch %d, 1 epoch per run, health every %d"
                + " batches, %d rounds%n", examples, batch, TrainingLoop.HEALTH_EVERY, rounds);
        run(net, data.slice(0, Math.min(examples, 1024)), batch, true);
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            boolean healthFirst = r % 2 == 0;
            double a = run(net, data, batch, healthFirst);
            double b = run(net, data, batch, !healthFirst);
            double with = healthFirst ? a : b;
            double without = healthFirst ? b : a;
            on.add(with);
            off.add(without);
            ratios.add(with / without);
            System.out.printf(Locale.ROOT, "round %d: with health %6.0f samples/s, without %6.0f, ratio %.3f%n", r + 1,
                    with, without, with / without);
        }
        System.out.printf(Locale.ROOT, "median: with health %.0f samples/s, without %.0f; with / without %.3f"
                + " (median of per-round ratios)%n", median(on), median(off), median(ratios));
    }

    private static double run(NetNode net, MemoryDataset data, int batch, boolean health) {
        System.setProperty("netstudio.trainingHealth", Boolean.toString(health));
        TrainingOptions options = TrainingOptions.builder().maxEpochs(1).batchSize(batch).validationFraction(0)
                .seed(3).build();
        TrainingResult result = NetTrain.train(net, data, options, e -> { }).result();
        return result.samplesPerSecond();
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
