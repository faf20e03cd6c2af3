package org.netstudio.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header and first rows of a CSV file, as text, for choosing the target column and showing a
 * preview table. Cells are split on commas with surrounding quotes removed; the engine's {@code
 * CsvDatasets} does the real parsing.
 *
 * @param columns the header cells
 * @param rows the first rows, each as many cells as it has
 */
public record CsvTable(List<String> columns, List<List<String>> rows) {

    /** The rows a preview reads at most. */
    public static final int PREVIEW_ROWS = 50;

    /** Checks and copies the components. */
    public CsvTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * Reads the header and up to {@link #PREVIEW_ROWS} rows.
     *
     * @param file the CSV file, UTF-8
     * @return the table
     * @throws IOException when the file cannot be read or has no header
     */
    public static CsvTable read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                throw new IOException(file.getFileName() + " is empty; a CSV file needs a header row");
            }
            List<List<String>> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null && rows.size() < PREVIEW_ROWS; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(cells(line));
                }
            }
            return new CsvTable(cells(header), rows);
        }
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.split(",", -1)).map(CsvTable::unquote).toList();
    }

    private static String unquote(String cell) {
        String t = cell.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
