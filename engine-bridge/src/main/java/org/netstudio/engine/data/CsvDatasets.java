package org.netstudio.engine.data;

import ai.djl.ndarray.types.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.netstudio.netgraph.io.RegularFiles;
import org.netstudio.netgraph.text.Shown;

/**
 * Reads tabular datasets from CSV files: a header row naming the columns, then one example per
 * row. One column, chosen by name, is the target; every other column is a numeric feature, so an
 * example's features have shape {@code (columns - 1)}.
 *
 * <p>The target becomes classes when any of its cells is not a number (or when {@link
 * TargetKind#CLASS} is asked for), else a real value. Class names are sorted (numerically when they
 * are all numbers). Cells are separated by commas; a cell may be enclosed in double quotes, with
 * {@code ""} for a quote inside; blanks around unquoted cells are ignored; empty lines are skipped.
 * Every error names the file, the line, and where it applies the column. Stateless and thread-safe.
 */
public final class CsvDatasets {

    /** How the target column is read. */
    public enum TargetKind {
        /** Classes if any target cell is not a number, else real values. */
        AUTOMATIC,
        /** Always classes, even for numbers (e.g. digits 0 to 9). */
        CLASS,
        /** Always real values; every target cell must be a number. */
        REAL
    }

    /** Cells that mean "no value" in exported tables; never a class of a numeric target. */
    private static final Set<String> MISSING = Set.of("nan", "na", "n/a", "null", "none", "?", "-", "inf", "+inf",
            "-inf", "infinity", "-infinity");

    private CsvDatasets() {}

    /**
     * Reads a CSV file, deciding the kind of the target automatically.
     *
     * @param file the file, UTF-8
     * @param targetColumn the header name of the target column
     * @return the dataset, named after the file
     * @throws DatasetFormatException naming file, line and column for malformed content
     * @throws IOException if the file cannot be read
     */
    public static MemoryDataset read(Path file, String targetColumn) throws IOException {
        return read(file, targetColumn, TargetKind.AUTOMATIC);
    }

    /**
     * Reads a CSV file.
     *
     * @param file the file, UTF-8
     * @param targetColumn the header name of the target column
     * @param kind how to read the target
     * @return the dataset, named after the file
     * @throws DatasetFormatException naming file, line and column for malformed content
     * @throws IOException if the file cannot be read
     */
    public static MemoryDataset read(Path file, String targetColumn, TargetKind kind) throws IOException {
        Objects.requireNonNull(targetColumn, "targetColumn");
        Objects.requireNonNull(kind, "kind");
        Optional<String> notRegular = RegularFiles.problem(file);
        if (notRegular.isPresent()) {
            throw new DatasetFormatException(file, notRegular.get());
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return (MemoryDataset) parse(file, new CsvLineReader(reader, file), targetColumn, kind).data();
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DatasetFormatException(file, "is not UTF-8 text", e);
        }
    }

    /**
     * Reads a CSV dataset as {@link #read(Path, String)} does, keeping the header's name of each
     * feature, so that a person can feed a port from some of the columns ({@link ColumnGroups}).
     */
    public static NamedFeatures readNamed(Path file, String targetColumn) throws IOException {
        Objects.requireNonNull(targetColumn, "targetColumn");
        Optional<String> notRegular = RegularFiles.problem(file);
        if (notRegular.isPresent()) {
            throw new DatasetFormatException(file, notRegular.get());
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, new CsvLineReader(reader, file), targetColumn, TargetKind.AUTOMATIC);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DatasetFormatException(file, "is not UTF-8 text", e);
        }
    }

    private static NamedFeatures parse(Path file, CsvLineReader reader, String targetColumn, TargetKind kind)
            throws IOException {
        String line;
        int lineNumber = 0;
        List<String> header = null;
        while (header == null && (line = reader.readLine()) != null) {
            lineNumber = reader.lineNumber();
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!line.isBlank()) {
                header = split(file, line, lineNumber);
            }
        }
        if (header == null) {
            throw new DatasetFormatException(file, "is empty; a CSV dataset needs a header row and data rows");
        }
        int target = header.indexOf(targetColumn);
        if (target < 0) {
            List<String> shown = header.stream().limit(20).map(Shown::text).toList();
            throw new DatasetFormatException(file, "there is no column '" + Shown.text(targetColumn) + "'; the columns are: "
                    + String.join(", ", shown) + (header.size() > shown.size() ? ", … (" + header.size() + " in all)" : ""));
        }
        if (header.size() < 2) {
            throw new DatasetFormatException(file, "the target column '" + Shown.text(targetColumn)
                    + "' is the only column, so there are no features");
        }
        int width = header.size();
        int featureCount = width - 1;
        FloatList features = new FloatList();
        List<String> targetCells = new ArrayList<>();
        List<Integer> targetLines = new ArrayList<>();
        while ((line = reader.readLine()) != null) {
            lineNumber = reader.lineNumber();
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(file, line, lineNumber);
            if (cells.size() != width) {
                throw new DatasetFormatException(file, "line " + lineNumber + " has " + cells.size() + " cells, but"
                        + " the header has " + width + " columns");
            }
            for (int c = 0; c < width; c++) {
                if (c == target) {
                    continue;
                }
                features.add(number(file, cells.get(c), lineNumber, c, header.get(c)));
            }
            targetCells.add(cells.get(target));
            targetLines.add(lineNumber);
        }
        if (targetCells.isEmpty()) {
            throw new DatasetFormatException(file, "has a header but no data rows");
        }
        boolean allNumbers = targetCells.stream().allMatch(CsvDatasets::isNumber);
        String name = file.getFileName().toString();
        Shape shape = new Shape(featureCount);
        if (kind == TargetKind.AUTOMATIC && !allNumbers) {
            refuseGapsInNumbers(file, targetCells, targetLines, target, targetColumn);
        }
        if (kind == TargetKind.REAL || (kind == TargetKind.AUTOMATIC && allNumbers)) {
            float[] values = new float[targetCells.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = number(file, targetCells.get(i), targetLines.get(i), target, targetColumn);
            }
            return new NamedFeatures(MemoryDataset.adopt(name, features.toArray(), shape, new Targets.Values(values, 1),
                    null), featureNames(header, target));
        }
        Set<String> distinct = new LinkedHashSet<>(targetCells);
        List<String> classNames = new ArrayList<>(distinct);
        for (int i = 0; i < classNames.size(); i++) {
            if (classNames.get(i).isEmpty()) {
                int at = targetCells.indexOf("");
                throw new DatasetFormatException(file, "line " + targetLines.get(at) + ", column " + (target + 1)
                        + " ('" + Shown.text(targetColumn) + "'): the target cell is empty");
            }
        }
        classNames.sort(allNumbers ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            index.put(classNames.get(i), i);
        }
        int[] labels = targetCells.stream().mapToInt(index::get).toArray();
        return new NamedFeatures(MemoryDataset.adopt(name, features.toArray(), shape,
                new Targets.Classes(labels, classNames), null), featureNames(header, target));
    }

    private static List<String> featureNames(List<String> header, int target) {
        List<String> names = new ArrayList<>(header);
        names.remove(target);
        return names;
    }

    /**
     * A numeric target column with a few cells that are not numbers is a column of numbers with
     * gaps, not a set of classes: refused at its first gap when the column holds real numbers (a
     * fraction somewhere) or when every other cell is a number and the gaps read as missing values
     * ("NaN", "NA", empty …). Class labels that happen to be numbers, such as digits among words,
     * stay classes.
     */
    private static void refuseGapsInNumbers(Path file, List<String> cells, List<Integer> lines, int column,
            String columnName) throws DatasetFormatException {
        int firstNumber = -1;
        boolean fraction = false;
        boolean onlyMissingGaps = true;
        int firstGap = -1;
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (isNumber(c)) {
                firstNumber = firstNumber < 0 ? i : firstNumber;
                double v = Double.parseDouble(c);
                fraction |= v != Math.rint(v);
            } else {
                firstGap = firstGap < 0 ? i : firstGap;
                onlyMissingGaps &= c.isEmpty() || MISSING.contains(c.toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (firstNumber < 0 || firstGap < 0 || !(fraction || onlyMissingGaps)) {
            return;
        }
        String gap = cells.get(firstGap);
        throw new DatasetFormatException(file, "line " + lines.get(firstGap) + ", column " + (column + 1) + " ('"
                + Shown.text(columnName) + "'): " + (gap.isEmpty() ? "the target cell is empty" : "'" + Shown.text(gap) + "'"
                + " is not a number") + ", but the target column holds numbers (e.g. '" + Shown.text(cells.get(firstNumber))
                + "' on line " + lines.get(firstNumber) + "); every target of a numeric column must be a number");
    }

    private static boolean isNumber(String cell) {
        try {
            return Double.isFinite(Double.parseDouble(cell)) && !cell.isEmpty() && !looksHex(cell);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean looksHex(String cell) {
        String c = cell.toLowerCase(java.util.Locale.ROOT);
        return c.contains("x") || c.endsWith("d") || c.endsWith("f");
    }

    private static float number(Path file, String cell, int line, int column, String columnName)
            throws DatasetFormatException {
        String where = "line " + line + ", column " + (column + 1) + " ('" + Shown.text(columnName) + "'): ";
        if (cell.isEmpty()) {
            throw new DatasetFormatException(file, where + "the cell is empty; every feature must be a number");
        }
        if (!isNumber(cell)) {
            throw new DatasetFormatException(file, where + "'" + Shown.text(cell) + "'" + " is not a number");
        }
        float value = Float.parseFloat(cell);
        if (!Float.isFinite(value)) {
            throw new DatasetFormatException(file, where + "'" + Shown.text(cell) + "'" + " is too large for a 32-bit float");
        }
        return value;
    }

    /** Splits one line into cells (RFC 4180 quoting within the line). */
    static List<String> split(Path file, String line, int lineNumber) throws DatasetFormatException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                int start = i;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DatasetFormatException(file, "line " + lineNumber + ", column " + (cells.size() + 1)
                                + ": the quote opened at character " + (start + 1) + " is never closed");
                    }
                    char ch = line.charAt(i);
                    if (ch == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        cell.append(ch);
                        i++;
                    }
                }
                while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new DatasetFormatException(file, "line " + lineNumber + ", column " + (cells.size() + 1)
                            + ": unexpected text after a quoted cell at character " + (i + 1));
                }
            } else {
                int start = i;
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
                cell.append(line, start, i);
                while (cell.length() > 0 && Character.isWhitespace(cell.charAt(cell.length() - 1))) {
                    cell.setLength(cell.length() - 1);
                }
            }
            cells.add(cell.toString());
            cell.setLength(0);
            if (i >= n) {
                return cells;
            }
            i++; // the comma
        }
    }

    /** A growable float array, to avoid boxing every cell. */
    private static final class FloatList {
        private float[] values = new float[1024];
        private int size;

        void add(float v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
