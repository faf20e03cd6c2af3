package org.netstudio.canvas.bench;

import com.sun.javafx.perf.PerformanceTracker;
import java.lang.management.ManagementFactory;
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
 * Benchmark (a main, not a unit test; {@code ./bench canvas [NODES…]}): opens generated graphs of
 * 1,000 and 10,000 nodes (or the sizes given) in the canvas under Monocle (headless, software
 * rendering) and measures
 * <ol>
 * <li>open time: read the JSON file, infer, lay out (background task), first rendered frame with
 * the laid-out graph, wall clock and CPU time of the process;</li>
 * <li>frame time while panning at 100%, while panning zoomed to fit, and while zooming in and out,
 * with pulses unthrottled ({@code javafx.animation.fullspeed}) so the interval between rendered
 * frames is what a frame costs; beside it the process's CPU time per frame, which other programs
 * on a busy machine disturb less than the wall clock.</li>
 * </ol>
 * It ends with one table of all sizes. {@code --open-only} skips the frames; {@code -Dbench.timeout=S}
 * gives up on an open after S seconds (default 300).
 */
public final class CanvasBench {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** True while warming up: nothing is printed. */
    private static boolean quiet;

    private CanvasBench() {
    }

    /** Frame statistics of one gesture, in ms. */
    private record Frames(String what, double zoom, double mean, double p95, double max, double cpuPerFrame, int count) {
        String cell() {
            return String.format(Locale.ROOT, "%.1f / %.1f (%.1f CPU)", mean, p95, cpuPerFrame);
        }
    }

    /**
     * What one size measured. {@code openAppCpuMs} is the CPU time of the program's own threads (UI,
     * layout, rendering; not the JIT compiler or the garbage collector) from opening to the first
     * frame: as they mostly run one after another, it is about the wall time on an idle machine.
     */
    private record Result(int nodes, double openMs, double openCpuMs, double openAppCpuMs, boolean opened,
                          List<Frames> frames) {
    }

    /** CPU time of every live Java thread by id (the JIT compiler and GC threads are not among them). */
    private static Map<Long, Long> threadCpu() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        Map<Long, Long> out = new java.util.HashMap<>();
        for (long id : t.getAllThreadIds()) {
            long c = t.getThreadCpuTime(id);
            if (c > 0) {
                out.put(id, c);
            }
        }
        return out;
    }

    private static long since(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** A residual MLP of {@code blocks} blocks (Linear, Ramp, Linear, Total), 4 nodes each: valid, deep and branching. */
    public static NetDocument generate(int blocks) {
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
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            if (a.matches("[0-9]+")) {
                sizes.add(Integer.parseInt(a));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 10_000);
        }
        boolean frames = !List.of(args).contains("--open-only");

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        Platform.setImplicitExit(false);
        started.await();
        // warm up the JIT and CSS once on a smaller graph, frames included, as a person's second open would be
        quiet = true;
        open(generate(60), frames);
        quiet = false;
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %.1f%n", OS.getAvailableProcessors(),
                OS.getSystemLoadAverage());
        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            Path file = Files.createTempFile("bench", ".json");
            NetDocument generated = generate(Math.max(1, n / 4));
            NetFileWriter.write(generated, file);
            int count = ((Graph) generated.net()).nodes().size();
            System.out.printf(Locale.ROOT, "%n%,d nodes%n", count);
            results.add(measure(file, count, frames));
            Files.deleteIfExists(file);
        }
        System.out.printf(Locale.ROOT, "%nnodes    open ms: wall (program's threads' CPU)    frame ms, mean / p95"
                + " (CPU ms per frame): pan 100%% | pan zoomed to fit | zoom in and out%n");
        for (Result r : results) {
            String open = r.opened() ? String.format(Locale.ROOT, "%,.0f (%,.0f)", r.openMs(), r.openAppCpuMs())
                    : String.format(Locale.ROOT, "> %,.0f, gave up", r.openMs());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,7d   %-34s", r.nodes(), open));
            for (Frames f : r.frames()) {
                line.append("  ").append(f.cell());
            }
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "(load average at the end %.1f on %d cores)%n", OS.getSystemLoadAverage(),
                OS.getAvailableProcessors());
        Platform.exit();
        System.exit(0);
    }

    private static Result measure(Path file, int count, boolean measureFrames) throws Exception {
        long cpu0 = OS.getProcessCpuTime();
        Opened o = open(null, measureFrames, file);
        long cpu = o.processCpu - cpu0;
        if (!o.shown) {
            System.out.printf(Locale.ROOT, "open %,d-node graph: not shown after %.0f s%n", count, o.nanos / 1e9);
            return new Result(count, o.nanos / 1e6, cpu / 1e6, o.appCpu / 1e6, false, List.of());
        }
        System.out.printf(Locale.ROOT, "open %,d-node graph (read + infer + layout + first frame): %.0f ms wall, %.0f ms CPU"
                + " (all threads), %.0f ms CPU of the program's own threads (UI, layout, rendering)%n", count, o.nanos / 1e6,
                cpu / 1e6, o.appCpu / 1e6);
        return new Result(count, o.nanos / 1e6, cpu / 1e6, o.appCpu / 1e6, true, o.frames);
    }

    /** What opening measured: the open time, whether the graph showed, and the frames measured after it. */
    private static final class Opened {
        long nanos;
        boolean shown;
        long processCpu;
        long appCpu;
        final List<Frames> frames = new ArrayList<>();
    }

    private static Opened open(NetDocument doc, boolean measureFrames) throws Exception {
        return open(doc, measureFrames, null);
    }

    /** Opens the document (or reads {@code file}) in a new window and measures it. */
    private static Opened open(NetDocument doc, boolean measureFrames, Path file) throws Exception {
        AtomicLong t0 = new AtomicLong();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> fxCpu = Collections.synchronizedMap(new LinkedHashMap<>());
        AtomicLong fxCpu0 = new AtomicLong();
        Map<String, Long> phases = Collections.synchronizedMap(new LinkedHashMap<>());
        AtomicLong firstFrame = new AtomicLong();
        CountDownLatch shown = new CountDownLatch(1);
        Object[] ui = new Object[3];
        Map<Long, Long> threads0 = threadCpu();
        Platform.runLater(() -> {
            try {
                t0.set(System.nanoTime());
                fxCpu0.set(threads.getCurrentThreadCpuTime());
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
                fxCpu.put("read", threads.getCurrentThreadCpuTime());
                model.messageProperty().addListener((o, x, msg) -> System.err.println("canvas message: " + msg.text()));
                phases.put("inferred", modelMade);
                fxCpu.put("inferred", threads.getCurrentThreadCpuTime());
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
                fxCpu.put("shown", threads.getCurrentThreadCpuTime());
                ui[0] = canvas;
                ui[1] = tracker;
                ui[2] = stage;
            } catch (Exception e) {
                e.printStackTrace();
                shown.countDown();
            }
        });
        Opened result = new Opened();
        result.shown = shown.await(Long.getLong("bench.timeout", 300), TimeUnit.SECONDS) && firstFrame.get() != 0;
        result.nanos = (result.shown ? firstFrame.get() : System.nanoTime()) - t0.get();
        result.processCpu = OS.getProcessCpuTime();
        result.appCpu = since(threads0, threadCpu());
        if (file != null) {
            StringBuilder sb = new StringBuilder("  phases:");
            phases.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s +%.0f ms", k, (v - t0.get()) / 1e6)));
            sb.append("; UI thread CPU:");
            fxCpu.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s +%.0f ms", k, (v - fxCpu0.get()) / 1e6)));
            System.out.println(sb);
        }
        NetCanvas canvas = (NetCanvas) ui[0];
        PerformanceTracker tracker = (PerformanceTracker) ui[1];
        if (measureFrames && result.shown) {
            result.frames.add(frames("pan at 100%", canvas, tracker, (c, i) -> c.panBy(-7, -5)));
            Platform.runLater(canvas::zoomToFit);
            result.frames.add(frames("pan zoomed to fit", canvas, tracker, (c, i) -> c.panBy(3, 2)));
            result.frames.add(frames("zoom in and out", canvas, tracker, (c, i) -> c.zoomAt(
                    c.zoomProperty().get() * (i % 120 < 60 ? 1.03 : 1 / 1.03), c.getWidth() / 2, c.getHeight() / 2)));
        }
        Platform.runLater(() -> {
            if (ui[2] != null) {
                ((Stage) ui[2]).close();
            }
        });
        return result;
    }

    private interface Step {
        void apply(NetCanvas c, int frame);
    }

    /** Changes the view on every pulse for 240 frames and reports the intervals between rendered frames. */
    private static Frames frames(String what, NetCanvas canvas, PerformanceTracker tracker, Step step) throws Exception {
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
        long cpu0 = OS.getProcessCpuTime();
        Platform.runLater(timer::start);
        done.await(300, TimeUnit.SECONDS);
        long cpu = OS.getProcessCpuTime() - cpu0;
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
        double cpuPerFrame = stamps.isEmpty() ? Double.NaN : cpu / 1e6 / stamps.size();
        Frames f = new Frames(what, canvas.zoomProperty().get(), mean, p95, max, cpuPerFrame, gaps.size());
        if (!quiet) {
            System.out.printf(Locale.ROOT, "frame time, %s (zoom %.2f): mean %.1f ms, p95 %.1f ms, max %.1f ms over %d frames;"
                    + " %.1f ms CPU per frame%n", what, f.zoom(), mean, p95, max, gaps.size(), cpuPerFrame);
        }
        return f;
    }
}
