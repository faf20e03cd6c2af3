package org.netstudio.canvas.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.Layout;

class AutoLayoutTest {

    private static boolean overlap(Map<String, Layout.Position> p, AutoLayout.Box a, AutoLayout.Box b) {
        Layout.Position pa = p.get(a.id());
        Layout.Position pb = p.get(b.id());
        return pa.x() < pb.x() + b.width() && pb.x() < pa.x() + a.width()
                && pa.y() < pb.y() + b.height() && pb.y() < pa.y() + a.height();
    }

    @Test
    void aChainFlowsTopToBottomWithoutOverlaps() {
        List<AutoLayout.Box> boxes = new ArrayList<>();
        List<AutoLayout.Link> links = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boxes.add(new AutoLayout.Box("n" + i, 200, 56));
            if (i > 0) {
                links.add(new AutoLayout.Link("n" + (i - 1), "n" + i));
            }
        }
        boxes.add(new AutoLayout.Box("side", 200, 56));
        links.add(new AutoLayout.Link("n2", "side"));

        Map<String, Layout.Position> p = AutoLayout.compute(boxes, links);

        for (int i = 1; i < 8; i++) {
            assertThat(p.get("n" + i).y()).isGreaterThanOrEqualTo(p.get("n" + (i - 1)).y() + 56 + AutoLayout.RANK_SPACING - 1);
        }
        assertThat(p.get("side").y()).isGreaterThan(p.get("n2").y());
        for (AutoLayout.Box a : boxes) {
            for (AutoLayout.Box b : boxes) {
                if (a != b) {
                    assertThat(overlap(p, a, b)).as(a.id() + " and " + b.id()).isFalse();
                }
            }
        }
        assertThat(p.values().stream().mapToDouble(Layout.Position::x).min().orElseThrow()).isEqualTo(AutoLayout.MARGIN);
    }

    @Test
    void aLevelTooLargeForJGraphXIsLaidOutInRanksWithoutOverlapsItsTrunkInOneColumn() {
        // residual blocks as a 10,000-node net has them: a → b → sum, with the block's input also into sum
        List<AutoLayout.Box> boxes = new ArrayList<>();
        List<AutoLayout.Link> links = new ArrayList<>();
        boxes.add(new AutoLayout.Box("in", 152, 40));
        String prev = "in";
        for (int k = 0; k < 1_000; k++) {
            for (String n : new String[] {"a", "b", "sum"}) {
                boxes.add(new AutoLayout.Box(n + k, 200, n.equals("sum") ? 70 : 56));
            }
            links.add(new AutoLayout.Link(prev, "a" + k));
            links.add(new AutoLayout.Link("a" + k, "b" + k));
            links.add(new AutoLayout.Link("b" + k, "sum" + k));
            links.add(new AutoLayout.Link(prev, "sum" + k));
            prev = "sum" + k;
        }
        assertThat(boxes.size()).isGreaterThan(AutoLayout.LARGE);

        Map<String, Layout.Position> p = AutoLayout.compute(boxes, links);

        assertThat(p).hasSize(boxes.size());
        for (AutoLayout.Link l : links) {
            assertThat(p.get(l.to()).y()).as(l.from() + " above " + l.to()).isGreaterThan(p.get(l.from()).y());
        }
        for (int k = 1; k < 1_000; k++) {
            assertThat(p.get("a" + k).x()).as("the trunk is one column").isEqualTo(p.get("a0").x());
        }
        // no two boxes overlap: those of one rank share a y, so comparing neighbours in y order suffices
        List<AutoLayout.Box> byY = new ArrayList<>(boxes);
        byY.sort(java.util.Comparator.comparingDouble((AutoLayout.Box b) -> p.get(b.id()).y())
                .thenComparingDouble(b -> p.get(b.id()).x()));
        for (int i = 1; i < byY.size(); i++) {
            AutoLayout.Box a = byY.get(i - 1);
            AutoLayout.Box b = byY.get(i);
            assertThat(overlap(p, a, b)).as(a.id() + " and " + b.id()).isFalse();
        }
        assertThat(p.values().stream().mapToDouble(Layout.Position::x).min().orElseThrow()).isEqualTo(AutoLayout.MARGIN);
        assertThat(p.values().stream().mapToDouble(Layout.Position::y).min().orElseThrow()).isEqualTo(AutoLayout.MARGIN);
    }
}
