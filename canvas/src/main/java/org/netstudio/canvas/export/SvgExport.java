package org.netstudio.canvas.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.netstudio.canvas.level.HitTest;
import org.netstudio.canvas.level.LevelView;
import org.netstudio.canvas.level.NodeGeometry;
import org.netstudio.canvas.level.NodeItem;
import org.netstudio.canvas.level.PortItem;
import org.netstudio.canvas.level.WireItem;
import org.netstudio.canvas.level.WireGeometry;
import org.netstudio.netgraph.io.AtomicFiles;

/**
 * Draws a level as SVG from its geometry (the same numbers the views use): wires as cubic paths,
 * nodes as rounded rectangles with a category accent, their texts and port dots. No JavaFX needed.
 */
public final class SvgExport {

    private static final double MARGIN = 32;

    private SvgExport() {
    }

    /** Saves the level as an SVG file, atomically and with the user's permissions, as nets are saved. */
    public static void write(LevelView level, SvgPalette palette, Path file) throws IOException {
        AtomicFiles.write(file, svg(level, palette).getBytes(StandardCharsets.UTF_8));
    }

    public static String svg(LevelView level, SvgPalette p) {
        double[] b = level.bounds();
        if (b == null) {
            b = new double[] {0, 0, 100, 100};
        }
        double x0 = b[0] - MARGIN;
        double y0 = b[1] - MARGIN;
        double w = b[2] - b[0] + 2 * MARGIN;
        double h = b[3] - b[1] + 2 * MARGIN;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"%.1f %.1f %.1f %.1f\""
                + " font-family=\"Inter, 'Segoe UI', 'DejaVu Sans', Helvetica, Arial, sans-serif\">\n", w, h, x0, y0, w, h));
        s.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", x0, y0, w, h, p.background()));
        Map<String, NodeItem> byId = level.byId();
        s.append("<g fill=\"none\" stroke-width=\"1.6\">\n");
        for (WireItem wire : level.wires()) {
            double[] e = HitTest.ends(byId, wire);
            if (e != null) {
                s.append(f("<path d=\"%s\" stroke=\"%s\"/>\n", WireGeometry.svgPath(e[0], e[1], e[2], e[3], wire.loop()),
                        wire.problems().isEmpty() ? p.wire() : p.danger()));
            }
        }
        s.append("</g>\n");
        for (NodeItem n : level.nodes()) {
            if (n.placed()) {
                node(s, n, p);
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void node(StringBuilder s, NodeItem n, SvgPalette p) {
        String stroke = n.hasProblems() ? p.danger() : p.border();
        s.append(f("<g transform=\"translate(%.1f %.1f)\">\n", n.x(), n.y()));
        if (n.isGraphPort()) {
            s.append(f("<rect width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>\n", n.width(),
                    n.height(), n.height() / 2, p.accent(n.category()), stroke));
            s.append(f("<text x=\"12\" y=\"16\" font-size=\"12\" font-weight=\"bold\" fill=\"#ffffff\">%s</text>\n",
                    esc(n.title())));
            s.append(f("<text x=\"12\" y=\"31\" font-size=\"11\" fill=\"#ffffff\" opacity=\"0.85\">%s</text>\n",
                    esc(n.detail())));
        } else {
            double top = NodeGeometry.textTop(n);
            s.append(f("<rect width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" stroke=\"%s\"/>\n", n.width(),
                    n.height(), p.body(), stroke));
            s.append(f("<rect x=\"0\" y=\"0\" width=\"5\" height=\"%.1f\" rx=\"2.5\" fill=\"%s\"/>\n", n.height(),
                    p.accent(n.category())));
            s.append(f("<text x=\"16\" y=\"%.1f\" font-size=\"12.5\" fill=\"%s\"><tspan font-weight=\"bold\">%s</tspan>"
                    + "<tspan fill=\"%s\"> %s</tspan></text>\n", top + 22, p.text(), esc(n.title()), p.muted(), esc(n.detail())));
            if (!org.netstudio.canvas.level.NodeText.shownName(n.id(), n.typeName()).isEmpty()) {
                s.append(f("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\">%s</text>\n",
                        n.width() - 12, top + 22, p.muted(), esc(n.id())));
            }
            s.append(f("<text x=\"16\" y=\"%.1f\" font-size=\"11.5\" font-family=\"'DejaVu Sans Mono', Menlo, Consolas, monospace\""
                    + " fill=\"%s\">%s</text>\n", top + 42, p.text(), esc(n.shape())));
            s.append(f("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\">%s</text>\n",
                    n.width() - 12, top + 42, p.muted(), esc(n.params())));
            if (n.inputs().size() > 1) {
                for (PortItem port : n.inputs()) {
                    s.append(f("<text x=\"%.1f\" y=\"15\" font-size=\"9.5\" text-anchor=\"middle\" fill=\"%s\">%s</text>\n",
                            port.dx(), p.muted(), esc(port.name())));
                }
            }
        }
        for (PortItem port : n.inputs()) {
            dot(s, port, p);
        }
        for (PortItem port : n.outputs()) {
            dot(s, port, p);
        }
        if (n.hasProblems()) {
            s.append(f("<circle cx=\"%.1f\" cy=\"2\" r=\"8\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"6\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#ffffff\">!</text>\n",
                    n.width() - 2, p.danger(), n.width() - 2));
            s.append("<title>").append(esc(String.join("\n", n.problems()))).append("</title>\n");
        }
        s.append("</g>\n");
    }

    private static void dot(StringBuilder s, PortItem port, SvgPalette p) {
        s.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
                port.dx(), port.dy(), NodeGeometry.PORT_RADIUS, port.connected() ? p.wire() : p.body(),
                port.problems().isEmpty() ? p.wire() : p.danger()));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
