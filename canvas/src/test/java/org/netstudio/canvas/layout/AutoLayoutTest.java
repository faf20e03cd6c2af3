package org.netstudio.canvas.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.net.Layout;

class AutoLayoutTest {

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
                    Layout.Position pa = p.get(a.id());
                    Layout.Position pb = p.get(b.id());
                    boolean overlap = pa.x() < pb.x() + b.width() && pb.x() < pa.x() + a.width()
                            && pa.y() < pb.y() + b.height() && pb.y() < pa.y() + a.height();
                    assertThat(overlap).as(a.id() + " and " + b.id()).isFalse();
                }
            }
        }
        assertThat(p.values().stream().mapToDouble(Layout.Position::x).min().orElseThrow()).isEqualTo(AutoLayout.MARGIN);
    }
}
