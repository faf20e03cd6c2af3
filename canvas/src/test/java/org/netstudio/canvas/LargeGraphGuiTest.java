package org.netstudio.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Rectangle;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.bench.CanvasBench;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.node.NodeView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A 10,000-node graph on the canvas: it is laid out and drawn, Zoom to Fit shows its nodes, and
 * what is drawn is what is in view, wherever the view goes (no timings: the benchmark has those).
 */
class LargeGraphGuiTest extends CanvasWindowTest {

    /** The ids drawn now (full views, or rectangles zoomed out) whose box is on screen in the canvas. */
    private static Set<String> drawnInView(FxRobot robot, CanvasFixture f) {
        Set<String> out = new HashSet<>();
        robot.interact(() -> {
            Bounds view = f.canvas.localToScreen(f.canvas.getLayoutBounds());
            for (Node n : robot.lookup(".net-node").queryAll()) {
                if (n instanceof NodeView v && v.isVisible() && v.getParent().isVisible()
                        && view.intersects(v.localToScreen(v.getLayoutBounds()))) {
                    out.add(v.item().id());
                }
            }
            for (Node n : robot.lookup(".lod-node").queryAll()) {
                if (n instanceof Rectangle r && r.isVisible() && r.getParent().isVisible()
                        && view.intersects(r.localToScreen(r.getLayoutBounds()))) {
                    out.add(f.model.getLevel().nodes().stream().filter(i -> i.x() == r.getX() && i.y() == r.getY())
                            .findFirst().orElseThrow().id());
                }
            }
        });
        return out;
    }

    /** The ids of the level's nodes whose box lies in the canvas's view, by geometry alone. */
    private static Set<String> inView(FxRobot robot, CanvasFixture f) {
        Set<String> out = new HashSet<>();
        robot.interact(() -> {
            double[] a = f.canvas.toCanvas(0, 0);
            double[] b = f.canvas.toCanvas(f.canvas.getWidth(), f.canvas.getHeight());
            for (NodeItem n : f.model.getLevel().nodes()) {
                if (n.x() < b[0] && n.x() + n.width() > a[0] && n.y() < b[1] && n.y() + n.height() > a[1]) {
                    out.add(n.id());
                }
            }
        });
        return out;
    }

    private static int drawnAtAll(FxRobot robot) {
        int[] n = new int[1];
        robot.interact(() -> n[0] = robot.lookup(".net-node").queryAll().size() + robot.lookup(".lod-node").queryAll().size());
        return n[0];
    }

    @Test
    void aTenThousandNodeGraphShowsItsNodesAfterZoomToFitAndDrawsWhatIsInViewWhereverTheViewGoes(FxRobot robot)
            throws TimeoutException {
        CanvasFixture f = show(robot, CanvasBench.generate(2_500));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !f.model.layoutPendingProperty().get() && f.model.getLevel().allPlaced());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(f.model.getLevel().nodes()).hasSize(10_002);

        robot.interact(f.canvas::requestFocus);
        robot.push(KeyCode.SHIFT, KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> shown = inView(robot, f);
        assertThat(shown).as("zoomed to fit, part of the graph is in view").isNotEmpty();
        assertThat(drawnInView(robot, f)).as("every node in view is drawn").isEqualTo(shown);
        assertThat(drawnAtAll(robot)).as("and only those near the view").isLessThan(2_000);

        // 100%, then a long way down with the middle button: what comes into view is drawn, what left is not
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT0);
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> before = inView(robot, f);
        assertThat(drawnInView(robot, f)).isEqualTo(before);
        for (int i = 0; i < 6; i++) {
            robot.drag(f.canvas, MouseButton.MIDDLE).dropBy(0, -300);
        }
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> after = inView(robot, f);
        assertThat(after).isNotEmpty().doesNotContainAnyElementsOf(List.copyOf(before));
        assertThat(drawnInView(robot, f)).isEqualTo(after);
        assertThat(drawnAtAll(robot)).isLessThan(500);
    }
}
