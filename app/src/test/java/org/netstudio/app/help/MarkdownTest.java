package org.netstudio.app.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.app.help.Markdown.Block;
import org.netstudio.app.help.Markdown.Code;
import org.netstudio.app.help.Markdown.Heading;
import org.netstudio.app.help.Markdown.ListBlock;
import org.netstudio.app.help.Markdown.Paragraph;
import org.netstudio.app.help.Markdown.Span;
import org.netstudio.app.help.Markdown.Table;

class MarkdownTest {

    @Test
    void headingsGetTheAnchorsLinksReachThemBy() {
        List<Block> blocks = Markdown.parse("# NetStudio user guide\n\n## ONNX: import and export\n");
        assertThat(blocks).containsExactly(
                new Heading(1, List.of(plain("NetStudio user guide")), "netstudio-user-guide"),
                new Heading(2, List.of(plain("ONNX: import and export")), "onnx-import-and-export"));
    }

    @Test
    void aParagraphJoinsItsLinesAndKeepsCodeBoldAndLinks() {
        Paragraph p = (Paragraph) Markdown.parse("Press **Train** or run\n`netstudio train`; see [the `cli` reference](cli.md#netstudio-train).").get(0);
        assertThat(p.text()).containsExactly(
                plain("Press "), new Span("Train", true, false, null), plain(" or run "),
                new Span("netstudio train", false, true, null), plain("; see "),
                new Span("the ", false, false, "cli.md#netstudio-train"),
                new Span("cli", false, true, "cli.md#netstudio-train"),
                new Span(" reference", false, false, "cli.md#netstudio-train"), plain("."));
    }

    @Test
    void listItemsTakeTheirIndentedContinuationLines() {
        ListBlock l = (ListBlock) Markdown.parse("1. Open a net\n   from the gallery.\n2. Train it.\n").get(0);
        assertThat(l.ordered()).isTrue();
        assertThat(l.items()).extracting(Markdown::plain).containsExactly("Open a net from the gallery.", "Train it.");
    }

    @Test
    void tablesSplitCellsOnPipesButNotOnEscapedOnesOrInCode() {
        Table t = (Table) Markdown.parse("| key | meaning |\n| --- | --- |\n| `a|b` | x \\| y |\n").get(0);
        assertThat(t.header()).extracting(Markdown::plain).containsExactly("key", "meaning");
        assertThat(t.rows()).hasSize(1);
        assertThat(t.rows().get(0)).extracting(Markdown::plain).containsExactly("a|b", "x | y");
    }

    @Test
    void codeBlocksStayAsWrittenAndCommentsAreLeftOut() {
        List<Block> blocks = Markdown.parse("<!-- generated; do not edit -->\n\n```bash\n./netstudio --help\n  indented\n```\nafter\n");
        assertThat(blocks).containsExactly(new Code("./netstudio --help\n  indented"), new Paragraph(List.of(plain("after"))));
    }

    @Test
    void everyBundledDocumentParsesAndStartsWithItsTitle() {
        for (HelpDocument d : HelpDocument.values()) {
            String text = d.text().orElseThrow(() -> new AssertionError(d.file() + " is not bundled"));
            assertThat(Markdown.parse(text).get(0)).as(d.file()).isInstanceOf(Heading.class);
        }
    }

    private static Span plain(String text) {
        return new Span(text, false, false, null);
    }
}
