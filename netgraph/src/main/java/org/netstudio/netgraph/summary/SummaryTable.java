package org.netstudio.netgraph.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats a {@link NetSummary} as a plain-text table, the way Keras' {@code model.summary()} reads. */
public final class SummaryTable {

    private SummaryTable() {
    }

    /** "1,234", or "?" when unknown (-1). Cheap: a canvas writes one for each of 10,000 nodes. */
    public static String count(long n) {
        if (n < 0) {
            return "?";
        }
        String digits = Long.toString(n);
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** "1.2 M", "431.1 K", "512" — short counts for node badges. */
    public static String shortCount(long n) {
        if (n < 0) {
            return "?";
        }
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.US, "%.1f K", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.US, "%.1f M", n / 1e6);
        }
        return String.format(Locale.US, "%.2f G", n / 1e9);
    }

    public static String format(String title, NetSummary s) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"Layer", "Type", "Output shape", "Parameters", "Multiply-adds"});
        for (NetSummary.Row r : s.rows()) {
            cells.add(new String[] {r.name(), r.type(), r.outputShapeText(), count(r.parameters()), count(r.multiplyAdds())});
        }
        int[] w = new int[5];
        for (String[] row : cells) {
            for (int i = 0; i < 5; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        int width = 0;
        for (int x : w) {
            width += x;
        }
        width += 4 * 3;
        StringBuilder sb = new StringBuilder();
        if (title != null && !title.isEmpty()) {
            sb.append(title).append('\n');
        }
        for (NetSummary.Port p : s.inputs()) {
            sb.append("Input  ").append(p.name()).append(": ").append(p.type().describe()).append('\n');
        }
        for (NetSummary.Port p : s.outputs()) {
            sb.append("Output ").append(p.name()).append(": ").append(p.type().describe()).append('\n');
        }
        String rule = "─".repeat(width);
        sb.append(rule).append('\n');
        for (int r = 0; r < cells.size(); r++) {
            String[] row = cells.get(r);
            sb.append(pad(row[0], w[0], false)).append("   ")
                    .append(pad(row[1], w[1], false)).append("   ")
                    .append(pad(row[2], w[2], false)).append("   ")
                    .append(pad(row[3], w[3], true)).append("   ")
                    .append(pad(row[4], w[4], true)).append('\n');
            if (r == 0) {
                sb.append(rule).append('\n');
            }
        }
        sb.append(rule).append('\n');
        sb.append(s.parameters().sentenceStart()).append('\n');
        sb.append("Multiply-adds per example: ").append(count(s.multiplyAdds())).append('\n');
        return sb.toString();
    }

    private static String pad(String s, int w, boolean right) {
        String spaces = " ".repeat(Math.max(0, w - s.length()));
        return right ? spaces + s : s + spaces;
    }
}
