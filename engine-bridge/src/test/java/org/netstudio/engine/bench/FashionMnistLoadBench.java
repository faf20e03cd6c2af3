package org.netstudio.engine.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.MemoryDataset;

/**
 * Times loading all 70,000 Fashion-MNIST images (four gzipped IDX files, validated, decompressed
 * and converted to floats in [0, 1]) into memory. The first load in a fresh JVM is the one a user
 * waits for; later ones show the warmed-up speed. Not a unit test.
 *
 * <p>Run: {@code mvn -o -q -pl engine-bridge test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.netstudio.engine.bench.FashionMnistLoadBench [-Dexec.args="repeats"]}
 * (default 10 loads). Fashion-MNIST must be installed (Debian: dataset-fashion-mnist).
 */
public final class FashionMnistLoadBench {

    private FashionMnistLoadBench() {}

    public static void main(String[] args) throws IOException {
        int repeats = BenchArgs.integer(args, 0, 10);
        System.out.println("Fashion-MNIST found in " + FashionMnist.DATASET.locate()
                .orElseThrow(() -> new IOException("Fashion-MNIST is not installed")));
        List<Double> times = new ArrayList<>();
        long checksum = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            MemoryDataset train = FashionMnist.DATASET.load();
            double seconds = (System.nanoTime() - start) / 1e9;
            Dataset test = train.testSet().orElseThrow();
            checksum += train.size() + test.size();
            times.add(seconds);
            System.out.printf(Locale.ROOT, "load %2d: %d + %d images in %.3f s%n", i + 1, train.size(), test.size(),
                    seconds);
        }
        List<Double> warm = new ArrayList<>(times.subList(Math.min(1, times.size() - 1), times.size()));
        warm.sort(null);
        System.out.printf(Locale.ROOT, "first (cold JVM) %.3f s; warm: best %.3f s, median %.3f s (%d images per load)%n",
                times.get(0), warm.get(0), warm.get(warm.size() / 2), checksum / repeats);
    }
}
