package org.netstudio.canvas.bench;

import com.sun.javafx.perf.PerformanceTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.netstudio.assets.Theme;
import org.netstudio.canvas.CanvasModel;
import org.netstudio.canvas.NetCanvas;
import org.netstudio.netgraph.io.NetFileReader;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.net.PortRef;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Benchmark (a main, not a unit test): opens a generated 1,000-node graph in the canvas under
 * Monocle (headless, software rendering) and measures
 * <ol>
 * <li>open time: read the JSON file, infer, lay out (JGraphX, background task), first rendered frame;</li>
 * <li>frame time while panning and while zooming, with pulses unthrottled
 * ({@code javafx.animation.fullspeed}) so the interval between rendered frames is what a frame costs.</li>
 * </ol>
 * Run: {@code mvn -o -q -pl canvas test-compile} then
 * {@code java -cp canvas/target/test-classes:canvas/target/classes:$(cat cp.txt) org.netstudio.canvas.bench.CanvasBench}
 * where cp.txt comes from {@code mvn -pl canvas dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}.
 */
public final class CanvasBench {

    private CanvasBench() {
    }

    /** A residual MLP of {@code blocks} blocks (Linear, Ramp, Linear, Total), 4 nodes each: valid, deep and branching. */
    static NetDocument generate(int blocks) {
        Map<String, NetNode> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        PortRef prev = PortRef.graphPort("Input");
        for (int b = 1; b <= blocks; b++) {
            String fc1 = "fc" + b + "a";
            String act = "relu" + b;
            String fc2 = "fc" + b + "b";
            String add = "add" + b;
            nodes.put(fc1, Layer.of("Linear", "units", 64));
            nodes.put(act, Layer.of("Ramp"));
            nodes.put(fc2, Layer.of("Linear", "units", 64));
            nodes.put(add, Layer.of("Total").withInputCount(2));
            edges.add(new Edge(prev, PortRef.of(fc1, "Input")));
            edges.add(new Edge(PortRef.of(fc1, "Output"), PortRef.of(act, "Input")));
            edges.add(new Edge(PortRef.of(act, "Output"), PortRef.of(fc2, "Input")));
            edges.add(new Edge(PortRef.of(fc2, "Output"), PortRef.of(add, "Input1")));
            edges.add(new Edge(prev, PortRef.of(add, "Input2")));
            prev = PortRef.of(add, "Output");
        }
        edges.add(new Edge(prev, PortRef.graphPort("Output")));
        Map<String, PortDecl> in = Map.of("Input", PortDecl.of(TensorType.real(64)));
        Map<String, PortDecl> out = Map.of("Output", PortDecl.UNSPECIFIED);
        return new NetDocument("bench", new Graph(in, nodes, edges, out), null);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
        System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        System.setProperty("headless.geometry", "1600x1000-32");
        System.setProperty("javafx.animation.fullspeed", "true");
        Path file = Files.createTempFile("bench", ".json");
        NetDocument generated = generate(250);
        NetFileWriter.write(generated, file);
        int count = ((Graph) generated.net()).nodes().size();

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        Platform.setImplicitExit(false);
        started.await();
        // warm up the JIT and CSS once on a smaller graph, as a person's second open would be
        open(generate(60), false);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long openNanos = open(null, false, file);
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf(Locale.ROOT, "open %d-node graph (read + infer + layout + first frame): %.0f ms wall, %.0f ms CPU"
                + " (all threads; load average %.1f on %d cores)%n", count, openNanos / 1e6, cpu / 1e6,
                os.getSystemLoadAverage(), os.getAvailableProcessors());
        if (!List.of(args).contains("--open-only")) {
            open(null, true, file);
        }
        Files.deleteIfExists(file);
        Platform.exit();
        System.exit(0);
    }

    private static long open(NetDocument doc, boolean measureFrames) throws Exception {
        return open(doc, measureFrames, null);
    }

    /** Opens the document (or reads {@code file}) in a new window; returns the open time in ns. */
    private static long open(NetDocument doc, boolean measureFrames, Path file) throws Exception {
        AtomicLong t0 = new AtomicLong();
        Map<String, Long> phases = Collections.synchronizedMap(new LinkedHashMap<>());
        AtomicLong firstFrame = new AtomicLong();
        CountDownLatch shown = new CountDownLatch(1);
        Object[] ui = new Object[3];
        Platform.runLater(() -> {
            try {
                t0.set(System.nanoTime());
                NetDocument d = doc != null ? doc : NetFileReader.read(file);
                long read = System.nanoTime();
                CanvasModel model = new CanvasModel(d);
                long modelMade = System.nanoTime();
                model.layoutPendingProperty().addListener((o, was, now) -> {
                    if (!now) {
                        phases.put("layout done", System.nanoTime());
                        Platform.runLater(() -> phases.put("views updated", System.nanoTime()));
                    }
                });
                phases.put("read", read);
                model.messageProperty().addListener((o, x, msg) -> System.err.println("canvas message: " + msg.text()));
                phases.put("inferred", modelMade);
                NetCanvas canvas = new NetCanvas(model);
                phases.put("control", System.nanoTime());
                Scene scene = new Scene(canvas, 1600, 1000);
                Theme.LIGHT.applyTo(scene.getStylesheets());
                scene.getStylesheets().add(NetCanvas.STYLESHEET);
                Stage stage = new Stage();
                stage.setScene(scene);
                phases.put("scene", System.nanoTime());
                PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
                tracker.setOnRenderedFrameTask(() -> {
                    if (!model.layoutPendingProperty().get() && model.getLevel().allPlaced()
                            && firstFrame.get() == 0) {
                        firstFrame.set(System.nanoTime());
                        phases.put("first frame", firstFrame.get());
                        shown.countDown();
                    }
                });
                stage.show();
                phases.put("shown", System.nanoTime());
                ui[0] = canvas;
                ui[1] = tracker;
                ui[2] = stage;
            } catch (Exception e) {
                e.printStackTrace();
                shown.countDown();
            }
        });
        if (!shown.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the canvas never showed the laid-out graph");
        }
        long openNanos = firstFrame.get() - t0.get();
        if (file != null) {
            StringBuilder sb = new StringBuilder("  phases:");
            phases.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s +%.0f ms", k, (v - t0.get()) / 1e6)));
            System.out.println(sb);
        }
        NetCanvas canvas = (NetCanvas) ui[0];
        PerformanceTracker tracker = (PerformanceTracker) ui[1];
        if (measureFrames) {
            frames("pan at 100%", canvas, tracker, (c, i) -> c.panBy(-7, -5));
            Platform.runLater(canvas::zoomToFit);
            frames("pan zoomed to fit", canvas, tracker, (c, i) -> c.panBy(3, 2));
            frames("zoom in and out", canvas, tracker, (c, i) -> c.zoomAt(
                    c.getZoom() * (i % 120 < 60 ? 1.03 : 1 / 1.03), c.getWidth() / 2, c.getHeight() / 2));
        }
        Platform.runLater(() -> ((Stage) ui[2]).close());
        return openNanos;
    }

    private interface Step {
        void apply(NetCanvas c, int frame);
    }

    /** Changes the view on every pulse for 240 frames and reports the intervals between rendered frames. */
    private static void frames(String what, NetCanvas canvas, PerformanceTracker tracker, Step step) throws Exception {
        int n = 240;
        List<Long> stamps = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        int[] i = {0};
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (i[0]++ >= n) {
                    stop();
                    done.countDown();
                    return;
                }
                step.apply(canvas, i[0]);
            }
        };
        tracker.setOnRenderedFrameTask(() -> stamps.add(System.nanoTime()));
        Platform.runLater(timer::start);
        done.await(120, TimeUnit.SECONDS);
        tracker.setOnRenderedFrameTask(null);
        List<Double> gaps = new ArrayList<>();
        synchronized (stamps) {
            for (int k = 11; k < stamps.size(); k++) {
                gaps.add((stamps.get(k) - stamps.get(k - 1)) / 1e6);
            }
        }
        Collections.sort(gaps);
        double mean = gaps.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double p95 = gaps.isEmpty() ? Double.NaN : gaps.get((int) Math.min(gaps.size() - 1, Math.round(gaps.size() * 0.95)));
        double max = gaps.isEmpty() ? Double.NaN : gaps.get(gaps.size() - 1);
        System.out.printf(Locale.ROOT, "frame time, %s (zoom %.2f): mean %.1f ms, p95 %.1f ms, max %.1f ms over %d frames%n",
                what, canvas.getZoom(), mean, p95, max, gaps.size());
    }
}
