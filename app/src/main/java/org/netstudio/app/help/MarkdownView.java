package org.netstudio.app.help;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.netstudio.app.help.Markdown.Block;
import org.netstudio.app.help.Markdown.Code;
import org.netstudio.app.help.Markdown.Heading;
import org.netstudio.app.help.Markdown.ListBlock;
import org.netstudio.app.help.Markdown.Paragraph;
import org.netstudio.app.help.Markdown.Span;
import org.netstudio.app.help.Markdown.Table;

/**
 * Parsed Markdown as JavaFX nodes, styled by {@code help.css} through {@code ns-help-*} classes:
 * headings, wrapped paragraphs, lists, tables whose columns share the width by how much they hold,
 * and code in a fixed-width font. Links call {@code onLink} with their target; each heading is found
 * by its anchor ({@link #heading(String)}).
 */
public final class MarkdownView extends VBox {

    /** Columns never get less than this share of a table's width. */
    private static final double MIN_COLUMN_SHARE = 8;

    private final Consumer<String> onLink;
    private final Map<String, Node> headings = new LinkedHashMap<>();

    public MarkdownView(List<Block> blocks, Consumer<String> onLink) {
        this.onLink = onLink;
        getStyleClass().add("ns-help-document");
        for (Block block : blocks) {
            getChildren().add(render(block));
        }
    }

    /** The node of the heading with this anchor, if the document has one. */
    public Node heading(String anchor) {
        return headings.get(anchor);
    }

    /** The anchors of the document's headings, in order. */
    public List<String> anchors() {
        return List.copyOf(headings.keySet());
    }

    private Node render(Block block) {
        if (block instanceof Heading h) {
            TextFlow flow = flow(h.text());
            flow.getStyleClass().addAll("ns-help-heading", "ns-help-h" + h.level());
            headings.putIfAbsent(h.anchor(), flow);
            return flow;
        }
        if (block instanceof Paragraph p) {
            TextFlow flow = flow(p.text());
            flow.getStyleClass().add("ns-help-paragraph");
            return flow;
        }
        if (block instanceof ListBlock l) {
            return list(l);
        }
        if (block instanceof Table t) {
            return table(t);
        }
        Code c = (Code) block;
        Label code = new Label(c.text());
        code.getStyleClass().add("ns-help-code-block");
        code.setMinWidth(Region.USE_PREF_SIZE);
        code.setMinHeight(Region.USE_PREF_SIZE);
        return code;
    }

    private Node list(ListBlock l) {
        VBox box = new VBox();
        box.getStyleClass().add("ns-help-list");
        int n = 1;
        for (List<Span> item : l.items()) {
            Label mark = new Label(l.ordered() ? n++ + "." : "•");
            mark.getStyleClass().add("ns-help-list-mark");
            mark.setMinWidth(Region.USE_PREF_SIZE);
            TextFlow text = flow(item);
            HBox row = new HBox(mark, text);
            row.getStyleClass().add("ns-help-list-item");
            HBox.setHgrow(text, Priority.ALWAYS);
            box.getChildren().add(row);
        }
        return box;
    }

    private Node table(Table t) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("ns-help-table");
        int columns = t.header().size();
        for (List<List<Span>> row : t.rows()) {
            columns = Math.max(columns, row.size());
        }
        double[] weight = new double[columns];
        for (int c = 0; c < columns; c++) {
            weight[c] = Math.min(60, width(t.header(), c));
            for (List<List<Span>> row : t.rows()) {
                weight[c] = Math.max(weight[c], Math.min(60, width(row, c)));
            }
        }
        double total = 0;
        for (double w : weight) {
            total += Math.max(w, 1);
        }
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(Math.max(MIN_COLUMN_SHARE, 100 * Math.max(weight[c], 1) / total));
            grid.getColumnConstraints().add(cc);
        }
        addRow(grid, 0, t.header(), columns, "ns-help-table-header");
        for (int r = 0; r < t.rows().size(); r++) {
            addRow(grid, r + 1, t.rows().get(r), columns, r % 2 == 0 ? "ns-help-table-cell" : "ns-help-table-cell-alt");
        }
        return grid;
    }

    private void addRow(GridPane grid, int row, List<List<Span>> cells, int columns, String style) {
        for (int c = 0; c < columns; c++) {
            TextFlow cell = flow(c < cells.size() ? cells.get(c) : List.of());
            cell.getStyleClass().add(style);
            cell.setMaxWidth(Double.MAX_VALUE);
            cell.setMaxHeight(Double.MAX_VALUE);
            grid.add(cell, c, row);
        }
    }

    private static double width(List<List<Span>> row, int column) {
        return column < row.size() ? Markdown.plain(row.get(column)).length() : 0;
    }

    private TextFlow flow(List<Span> spans) {
        TextFlow flow = new TextFlow();
        for (Span s : spans) {
            flow.getChildren().add(s.link() == null ? text(s) : link(s));
        }
        return flow;
    }

    private static Text text(Span s) {
        Text t = new Text(s.text());
        t.getStyleClass().add("ns-help-text");
        if (s.strong()) {
            t.getStyleClass().add("ns-help-strong");
        }
        if (s.code()) {
            t.getStyleClass().add("ns-help-code");
        }
        return t;
    }

    private Node link(Span s) {
        Hyperlink link = new Hyperlink(s.text());
        link.getStyleClass().add("ns-help-link");
        if (s.code()) {
            link.getStyleClass().add("ns-help-code");
        }
        link.setTooltip(new Tooltip(s.link()));
        link.setFocusTraversable(false);
        link.setOnAction(e -> {
            link.setVisited(false);
            onLink.accept(s.link());
        });
        return link;
    }
}
