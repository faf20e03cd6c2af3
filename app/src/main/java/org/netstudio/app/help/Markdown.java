package org.netstudio.app.help;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netstudio.netgraph.catalog.LayerReference;

/**
 * The part of Markdown NetStudio's own documents use, parsed into blocks for the Help viewer:
 * headings, paragraphs, lists, tables and fenced code, with inline code, bold and links. HTML
 * comments are left out; anything else reads as plain text. Pure and stateless.
 */
public final class Markdown {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)([-*+]|\\d+[.)])\\s+(.*)$");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");

    private Markdown() {
    }

    /** A block of a document. */
    public sealed interface Block permits Heading, Paragraph, ListBlock, Table, Code {
    }

    /** A heading of level 1 to 6, and the anchor links reach it by (as GitHub makes them). */
    public record Heading(int level, List<Span> text, String anchor) implements Block {
    }

    public record Paragraph(List<Span> text) implements Block {
    }

    /** A bulleted or numbered list; each item is one line of inline text. */
    public record ListBlock(boolean ordered, List<List<Span>> items) implements Block {
    }

    /** A table: a header row and body rows of cells. */
    public record Table(List<List<Span>> header, List<List<List<Span>>> rows) implements Block {
    }

    /** A fenced code block, as written. */
    public record Code(String text) implements Block {
    }

    /**
     * A run of inline text: {@code code} when written in backticks, {@code strong} in double
     * asterisks, and {@code link} the target of a link ({@code null} outside links).
     */
    public record Span(String text, boolean strong, boolean code, String link) {
    }

    /** The blocks of a document. */
    public static List<Block> parse(String markdown) {
        List<String> lines = markdown.replace("\r\n", "\n").lines().toList();
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String trimmed = line.strip();
            Matcher m;
            if (trimmed.isEmpty()) {
                i++;
            } else if (trimmed.startsWith("<!--")) {
                while (i < lines.size() && !lines.get(i).contains("-->")) {
                    i++;
                }
                i++;
            } else if (trimmed.startsWith("```")) {
                StringBuilder code = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).strip().startsWith("```")) {
                    code.append(lines.get(i)).append('\n');
                    i++;
                }
                i++;
                blocks.add(new Code(code.toString().stripTrailing()));
            } else if ((m = HEADING.matcher(trimmed)).matches()) {
                List<Span> text = inline(m.group(2));
                blocks.add(new Heading(m.group(1).length(), text, LayerReference.anchor(plain(text))));
                i++;
            } else if (trimmed.startsWith("|") && i + 1 < lines.size() && TABLE_RULE.matcher(lines.get(i + 1).strip()).matches()) {
                List<List<Span>> header = cells(trimmed);
                List<List<List<Span>>> rows = new ArrayList<>();
                i += 2;
                while (i < lines.size() && lines.get(i).strip().startsWith("|")) {
                    rows.add(cells(lines.get(i).strip()));
                    i++;
                }
                blocks.add(new Table(header, rows));
            } else if ((m = ITEM.matcher(line)).matches()) {
                boolean ordered = Character.isDigit(m.group(2).charAt(0));
                List<List<Span>> items = new ArrayList<>();
                StringBuilder item = new StringBuilder(m.group(3));
                i++;
                while (i < lines.size() && !lines.get(i).isBlank()) {
                    Matcher next = ITEM.matcher(lines.get(i));
                    if (next.matches()) {
                        items.add(inline(item.toString()));
                        item = new StringBuilder(next.group(3));
                    } else {
                        item.append(' ').append(lines.get(i).strip());
                    }
                    i++;
                }
                items.add(inline(item.toString()));
                blocks.add(new ListBlock(ordered, items));
            } else {
                StringBuilder text = new StringBuilder(trimmed);
                i++;
                while (i < lines.size() && startsParagraphText(lines, i)) {
                    text.append(' ').append(lines.get(i).strip());
                    i++;
                }
                blocks.add(new Paragraph(inline(text.toString())));
            }
        }
        return blocks;
    }

    /** Whether line {@code i} continues a paragraph rather than starting another block. */
    private static boolean startsParagraphText(List<String> lines, int i) {
        String t = lines.get(i).strip();
        return !t.isEmpty() && !t.startsWith("#") && !t.startsWith("```") && !t.startsWith("|")
                && !t.startsWith("<!--") && !ITEM.matcher(lines.get(i)).matches();
    }

    private static List<List<Span>> cells(String row) {
        String inner = row.strip();
        if (inner.startsWith("|")) {
            inner = inner.substring(1);
        }
        if (inner.endsWith("|") && !inner.endsWith("\\|")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        List<List<Span>> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inCode = false;
        for (int k = 0; k < inner.length(); k++) {
            char c = inner.charAt(k);
            if (c == '\\' && k + 1 < inner.length() && inner.charAt(k + 1) == '|') {
                cell.append("\\|");
                k++;
            } else if (c == '`') {
                inCode = !inCode;
                cell.append(c);
            } else if (c == '|' && !inCode) {
                cells.add(inline(cell.toString().strip()));
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(inline(cell.toString().strip()));
        return cells;
    }

    /** Inline text: `code`, **bold**, [links](target) and backslash escapes; the rest as it is. */
    public static List<Span> inline(String text) {
        List<Span> spans = new ArrayList<>();
        inline(text, null, spans);
        return spans;
    }

    private static void inline(String text, String link, List<Span> out) {
        StringBuilder plain = new StringBuilder();
        boolean strong = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && isPunctuation(text.charAt(i + 1))) {
                plain.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int end = text.indexOf('`', i + 1);
                if (end < 0) {
                    plain.append(c);
                    i++;
                } else {
                    flush(plain, strong, link, out);
                    out.add(new Span(text.substring(i + 1, end).replace("\\|", "|"), strong, true, link));
                    i = end + 1;
                }
            } else if (c == '*' && text.startsWith("**", i)) {
                flush(plain, strong, link, out);
                strong = !strong;
                i += 2;
            } else if ((c == '[' || (c == '!' && text.startsWith("![", i))) && link == null) {
                int open = c == '!' ? i + 1 : i;
                int close = closingBracket(text, open);
                if (close > 0 && close + 1 < text.length() && text.charAt(close + 1) == '(' && text.indexOf(')', close) > 0) {
                    int end = text.indexOf(')', close);
                    flush(plain, strong, link, out);
                    List<Span> inner = new ArrayList<>();
                    inline(text.substring(open + 1, close), text.substring(close + 2, end).strip(), inner);
                    for (Span s : inner) {
                        out.add(new Span(s.text(), s.strong() || strong, s.code(), s.link()));
                    }
                    i = end + 1;
                } else {
                    plain.append(c);
                    i++;
                }
            } else {
                plain.append(c);
                i++;
            }
        }
        flush(plain, strong, link, out);
    }

    private static int closingBracket(String text, int open) {
        int depth = 0;
        for (int k = open; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '`') {
                int end = text.indexOf('`', k + 1);
                if (end < 0) {
                    return -1;
                }
                k = end;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static void flush(StringBuilder plain, boolean strong, String link, List<Span> out) {
        if (!plain.isEmpty()) {
            out.add(new Span(plain.toString(), strong, false, link));
            plain.setLength(0);
        }
    }

    private static boolean isPunctuation(char c) {
        return "\\`*_{}[]()#+-.!|<>".indexOf(c) >= 0;
    }

    /** The text of spans without their styles. */
    public static String plain(List<Span> spans) {
        StringBuilder s = new StringBuilder();
        spans.forEach(span -> s.append(span.text()));
        return s.toString();
    }
}
