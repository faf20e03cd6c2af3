package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.inference.InferenceResult;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.summary.NetSummary;

/**
 * Reports how long the biggest gallery nets take to load (index, then JSON → document) and to infer
 * (types, shapes, parameter counts), cold and warm. A report, not a benchmark: nothing is asserted
 * about the times (DESIGN.md: performance is measured by benchmarks, never by timed unit tests). The
 * table goes to the test's output and to {@code app/target/gallery-timing.txt}.
 */
class GalleryTimingTest {

    private static final List<String> IDS = List.of("resnet50", "vgg16", "mobilenet-v2", "unet", "resnet34",
            "transformer-encoder");
    private static final int WARM_RUNS = 20;

    @Test
    void reportLoadingAndInferenceTimes() throws IOException {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%-20s %7s %7s %11s %11s %11s %11s%n", "net", "layers", "nodes", "load cold", "load warm",
                "infer cold", "infer warm"));
        long t0 = System.nanoTime();
        Gallery first = fresh();
        first.entries();
        report.append(String.format(Locale.ROOT, "index (12 nets): %.1f ms%n", ms(System.nanoTime() - t0)));
        for (String id : IDS) {
            Gallery g = fresh();
            g.entries();
            long a = System.nanoTime();
            NetDocument doc = g.load(id);
            long loadCold = System.nanoTime() - a;
            a = System.nanoTime();
            InferenceResult r = ShapeInference.infer(doc.net());
            NetSummary.of(doc.net(), r);
            long inferCold = System.nanoTime() - a;
            assertThat(r.valid()).as(id).isTrue();
            long[] loads = new long[WARM_RUNS];
            long[] infers = new long[WARM_RUNS];
            for (int i = 0; i < WARM_RUNS; i++) {
                Gallery gi = fresh();
                gi.entries();
                long b = System.nanoTime();
                NetDocument d = gi.load(id);
                loads[i] = System.nanoTime() - b;
                b = System.nanoTime();
                NetSummary.of(d.net(), ShapeInference.infer(d.net()));
                infers[i] = System.nanoTime() - b;
            }
            GalleryEntry e = g.find(id).orElseThrow();
            report.append(String.format(Locale.ROOT, "%-20s %7d %7d %8.1f ms %8.1f ms %8.1f ms %8.1f ms%n", id,
                    e.layers(), e.nodes(), ms(loadCold), ms(median(loads)), ms(inferCold), ms(median(infers))));
        }
        report.append("(cold: the first load of that net by a new Gallery, in a JVM that may have run other tests; warm: median of ").append(WARM_RUNS)
                .append(" fresh loads; infer = ShapeInference + NetSummary)\n");
        System.out.print(report);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("gallery-timing.txt"), report, StandardCharsets.UTF_8);
        }
    }

    private static Gallery fresh() {
        return new Gallery(name -> Gallery.class.getResourceAsStream(Gallery.RESOURCES + name), "the gallery resources");
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
