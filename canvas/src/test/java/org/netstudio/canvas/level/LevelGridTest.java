package org.netstudio.canvas.level;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netstudio.canvas.bench.CanvasBench;
import org.netstudio.canvas.layout.AutoLayout;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.Layout;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;

/** The grid answers "what is in this area" exactly as looking at every node and wire would. */
class LevelGridTest {

    private static LevelView laidOut(int blocks) {
        NetDocument doc = CanvasBench.generate(blocks);
        var inf = ShapeInference.infer(doc.net());
        LevelView unplaced = LevelBuilder.build(doc, inf, NodePath.ROOT, Map.of());
        List<AutoLayout.Box> boxes = new ArrayList<>();
        unplaced.nodes().forEach(n -> boxes.add(new AutoLayout.Box(n.id(), n.width(), n.height())));
        List<AutoLayout.Link> links = unplaced.wires().stream().map(w -> new AutoLayout.Link(w.fromId(), w.toId())).toList();
        Map<String, Layout.Position> at = AutoLayout.compute(boxes, links);
        return LevelBuilder.build(doc, inf, NodePath.ROOT, at);
    }

    @Test
    void nodesAndWiresInAnAreaAreExactlyThoseThatReachIntoIt() {
        LevelView level = laidOut(700);   // 2,802 nodes: the large-graph layout
        double[] b = level.bounds();
        Random random = new Random(7);
        for (int k = 0; k < 200; k++) {
            double x = b[0] - 500 + random.nextDouble() * (b[2] - b[0] + 1000);
            double y = b[1] - 500 + random.nextDouble() * (b[3] - b[1] + 1000);
            double w = random.nextDouble() * (k % 10 == 0 ? 40_000 : 2_000);
            double h = random.nextDouble() * (k % 10 == 0 ? 40_000 : 2_000);

            Set<String> expected = new HashSet<>();
            for (NodeItem n : level.nodes()) {
                if (n.x() < x + w && n.x() + n.width() > x && n.y() < y + h && n.y() + n.height() > y) {
                    expected.add(n.id());
                }
            }
            Set<String> found = new HashSet<>();
            level.grid().nodesIn(x, y, x + w, y + h).forEach(n -> found.add(n.id()));
            assertThat(found).isEqualTo(expected);

            Set<String> wires = new HashSet<>();
            level.grid().wiresIn(x, y, x + w, y + h).forEach(wire -> wires.add(wire.key()));
            for (WireItem wire : level.wires()) {
                double[] e = HitTest.ends(level.byId(), wire);
                for (int i = 0; i <= 20; i++) {
                    double[] p = WireGeometry.at(e[0], e[1], e[2], e[3], i / 20.0);
                    if (p[0] >= x && p[0] <= x + w && p[1] >= y && p[1] <= y + h) {
                        assertThat(wires).as("a wire through the area").contains(wire.key());
                        break;
                    }
                }
            }
        }
    }
}
