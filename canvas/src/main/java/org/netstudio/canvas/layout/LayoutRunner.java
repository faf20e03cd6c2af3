package org.netstudio.canvas.layout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import org.netstudio.netgraph.net.Layout;

/**
 * Runs {@link AutoLayout} somewhere and hands the positions back on the calling (JavaFX) thread.
 * The default runs a {@link Task} on a background thread so the UI never waits on layout; tests and
 * tools without a running toolkit use {@link #direct()}.
 */
@FunctionalInterface
public interface LayoutRunner {

    /**
     * Lays out the boxes; calls {@code done} with positions by id, or {@code failed} with a sentence.
     */
    void run(List<AutoLayout.Box> boxes, List<AutoLayout.Link> links, Consumer<Map<String, Layout.Position>> done,
             Consumer<String> failed);

    /** Computes on the calling thread. */
    static LayoutRunner direct() {
        return (boxes, links, done, failed) -> {
            Map<String, Layout.Position> p;
            try {
                p = AutoLayout.compute(boxes, links);
            } catch (RuntimeException e) {
                failed.accept("Auto-layout failed: " + e.getMessage());
                return;
            }
            done.accept(p);
        };
    }

    /** Computes in a {@link Task} on a shared background thread; results arrive on the FX thread. */
    static LayoutRunner background() {
        return Background.INSTANCE;
    }

    /** The shared background runner. */
    final class Background implements LayoutRunner {
        static final Background INSTANCE = new Background();
        private final Executor executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netstudio-canvas-layout");
            t.setDaemon(true);
            return t;
        });

        private Background() {
        }

        @Override
        public void run(List<AutoLayout.Box> boxes, List<AutoLayout.Link> links,
                        Consumer<Map<String, Layout.Position>> done, Consumer<String> failed) {
            Task<Map<String, Layout.Position>> task = new Task<>() {
                @Override
                protected Map<String, Layout.Position> call() {
                    return AutoLayout.compute(boxes, links);
                }
            };
            task.setOnSucceeded(e -> done.accept(task.getValue()));
            task.setOnFailed(e -> failed.accept("Auto-layout failed: " + task.getException().getMessage()));
            executor.execute(task);
        }
    }
}
