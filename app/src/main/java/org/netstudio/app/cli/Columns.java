package org.netstudio.app.cli;

import java.util.List;

/** Lays out rows of cells as aligned text columns, two spaces apart, the first row a header. */
final class Columns {

    private Columns() {
    }

    /** Each row on a line; a cell that looks like a number is aligned right, any other left. */
    static String format(List<String[]> rows) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(i == 0 ? "" : "  ").append(numeric(r[i]) ? pad + r[i] : r[i] + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static boolean numeric(String cell) {
        return !cell.isEmpty() && cell.matches("[-+]?[0-9][0-9.,eE+-]*%?");
    }
}
