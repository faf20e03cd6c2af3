package org.netstudio.app.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.app.help.HelpSections.Section;

class HelpSectionsTest {

    private static final String DOC = """
            # Guide

            Intro.

            ## Canvas

            ### Keys on the canvas

            | key | what |
            | --- | --- |
            | Escape | clear |

            ### Viewing

            Scroll.

            ## Training

            Train.
            """;

    @Test
    void aDocumentSplitsIntoItsIntroAndOnePartPerSecondLevelHeading() {
        List<Section> parts = HelpSections.split(Markdown.parse(DOC));
        assertThat(parts).extracting(Section::title).containsExactly("Guide", "Canvas", "Training");
        assertThat(parts.get(1).anchors()).containsExactlyInAnyOrder("canvas", "keys-on-the-canvas", "viewing");
        assertThat(parts.get(2).blocks()).hasSize(2);
    }

    @Test
    void theBlocksUnderAHeadingEndAtTheNextHeadingOfItsLevel() {
        List<Markdown.Block> keys = HelpSections.under(Markdown.parse(DOC), "Keys on the canvas");
        assertThat(keys).hasSize(1).first().isInstanceOf(Markdown.Table.class);
        assertThat(HelpSections.under(Markdown.parse(DOC), "No such heading")).isEmpty();
    }
}
