package org.netstudio.engine.bench;

import java.io.IOException;
import java.util.Locale;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.device.DjlSetup;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.LearningRateFinder;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.train.LearningRateSchedule;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.NetNode;

/**
 * Issue 14's second must-show: on the gallery's Fashion-MNIST CNN (fresh weights, Adam), a
 * constant learning rate against one-cycle in the same number of epochs, and whether the
 * learning-rate finder's suggestion lies where training converges (one epoch at suggestion / 10,
 * suggestion and suggestion × 10). Each run trains on the first N training images and is measured
 * on the 10,000 test images. Not a unit test: it takes minutes.
 *
 * <p>Run: {@code ./bench one-cycle [examples epochs seed]} (defaults 20000, 2, 1).
 */
public final class OneCycleBench {

    private OneCycleBench() {
    }

    public static void main(String[] args) throws IOException {
        int examples = BenchArgs.integer(args, 0, 20_000);
        int epochs = BenchArgs.integer(args, 1, 2);
        long seed = BenchArgs.longInteger(args, 2, 1);
        DjlSetup.beforeEngineLoads();
        MemoryDataset all = FashionMnist.DATASET.load();
        MemoryDataset train = all.slice(0, Math.min(examples, all.size()));
        MemoryDataset test = (MemoryDataset) all.testSet().orElseThrow();
        NetNode net = HealthOverheadBench.fashionCnn();
        TrainingOptions base = TrainingOptions.builder().batchSize(64).maxEpochs(epochs).validationFraction(0)
                .seed(seed).build();
        System.out.printf(Locale.ROOT, "Fashion-MNIST CNN, Adam, batch 64, %,d training images, %d epochs, seed %d;"
                + " test accuracy on 10,000 images%n", train.size(), epochs, seed);

        long t0 = System.nanoTime();
        LearningRateFinder.Result found = LearningRateFinder.find(net, null, ExampleTable.of(train),
                DataMapping.AUTOMATIC, base, null);
        double s = found.suggestion();
        System.out.printf(Locale.ROOT, "finder: %d batches, suggestion %.3g (minimum at %.3g, steepest at %.3g)%s,"
                + " %.0f s%n", found.points().size(), s, found.minimumRate(), found.steepestRate(),
                found.exploded() ? ", loss exploded" : "", (System.nanoTime() - t0) / 1e9);

        double rate = TrainingOptions.DEFAULT_ADAM_RATE;
        report("constant  " + fmt(rate), net, train, test, base.toBuilder().learningRate(rate).build());
        report("one-cycle " + fmt(rate), net, train, test, base.toBuilder().learningRate(rate)
                .schedule(LearningRateSchedule.oneCycle()).build());
        report("one-cycle " + fmt(s) + " (suggested)", net, train, test, base.toBuilder().learningRate(s)
                .schedule(LearningRateSchedule.oneCycle()).build());
        report("constant  " + fmt(s) + " (suggested)", net, train, test, base.toBuilder().learningRate(s).build());
        for (double f : new double[] {0.1, 10}) {
            report("1 epoch constant " + fmt(s * f) + " (suggestion × " + f + ")", net, train, test,
                    base.toBuilder().learningRate(s * f).maxEpochs(1).build());
        }
        report("1 epoch constant " + fmt(s) + " (suggestion)", net, train, test,
                base.toBuilder().learningRate(s).maxEpochs(1).build());
    }

    private static void report(String what, NetNode net, MemoryDataset train, MemoryDataset test,
                               TrainingOptions options) {
        long t0 = System.nanoTime();
        TrainedNet trained = NetTrain.train(net, train, options, null);
        String end = trained.result().finalMetrics().map(m -> String.format(Locale.ROOT, "train loss %.4f",
                m.training().loss())).orElse("no epoch");
        String tested = "—";
        if (!trained.weights().isEmpty() && !trained.result().failed()) {
            Metrics m = NetTrain.evaluate(trained.net(), trained.weights(), ExampleTable.of(test), DataMapping.AUTOMATIC);
            tested = String.format(Locale.ROOT, "test loss %.4f, accuracy %.2f%%", m.loss(),
                    100 * m.accuracy().orElse(Double.NaN));
        }
        System.out.printf(Locale.ROOT, "%-44s %s; %s; %s (%.0f s)%n", what, trained.result().stopReason(), end, tested,
                (System.nanoTime() - t0) / 1e9);
    }

    private static String fmt(double rate) {
        return String.format(Locale.ROOT, "%.3g", rate);
    }
}
