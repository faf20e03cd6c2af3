package org.netstudio.canvas.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netstudio.canvas.CanvasModel;
import org.netstudio.canvas.demo.CanvasDemo;
import org.netstudio.canvas.layout.LayoutRunner;
import org.netstudio.netgraph.edit.CommandStack;

class SvgExportTest {

    @Test
    void drawsEveryNodeAndWireWithItsTexts() {
        CanvasModel m = new CanvasModel(new CommandStack(CanvasDemo.lenet()), LayoutRunner.direct());

        String svg = SvgExport.svg(m.getLevel(), SvgPalette.DEFAULT);

        assertThat(svg.split("<g transform=").length - 1).isEqualTo(13);
        assertThat(svg.split("<path d=\"M").length - 1).isEqualTo(12);
        assertThat(svg).contains(">Pooling<").contains("mean 2×2").contains("50×4×4").contains("25,050 params")
                .contains("1×28×28").endsWith("</svg>\n");
        assertThat(SvgExport.esc("a<b & \"c\"")).isEqualTo("a&lt;b &amp; &quot;c&quot;");
    }
}
