package org.netstudio.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads text data from disk, before any encoding: a CSV or TSV table with a text column and a
 * label column, a folder of {@code .txt} files with one sub-folder per class, or a plain text
 * file. Files are UTF-8 (a leading byte-order mark is ignored). Every problem is one {@link
 * DatasetFormatException} naming the file, the line where there is one, and what is wrong.
 * Stateless and thread-safe.
 */
public final class TextReaders {

    /** The largest {@code .txt} file of a class folder: one example is a text, not a corpus. */
    public static final long MAX_EXAMPLE_BYTES = 16L << 20;

    /** The largest plain text read whole for next-character or next-word training. */
    public static final long MAX_TEXT_BYTES = 64L << 20;

    private TextReaders() {
    }

    /** Whether a file is read as a tab-separated table (by its extension, .tsv or .tab) rather than CSV. */
    public static boolean isTabSeparated(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tab");
    }

    /**
     * Reads a table of texts and labels: a header row naming the columns, then one example per
     * row. CSV cells follow {@link CsvDatasets} (commas, double quotes within a line); TSV cells
     * are separated by tabs, without quoting. Empty lines are skipped.
     *
     * @param file       the .csv, .tsv or .tab file
     * @param target     the column of class labels
     * @param textColumn the column of texts, or null for the only other column
     * @return the texts and labels
     * @throws DatasetFormatException naming file, line and column for malformed content
     * @throws IOException when the file cannot be read
     */
    public static LabelledTexts table(Path file, String target, String textColumn) throws IOException {
        boolean tabs = isTabSeparated(file);
        try (Lines lines = new Lines(file)) {
            String line;
            List<String> header = null;
            while (header == null && (line = lines.next()) != null) {
                if (lines.number() == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    header = cells(file, line, lines.number(), tabs);
                }
            }
            if (header == null) {
                throw new DatasetFormatException(file, "is empty; a text table needs a header row naming its columns,"
                        + " then one text and label per row");
            }
            int labelAt = header.indexOf(target);
            if (labelAt < 0) {
                throw new DatasetFormatException(file, "there is no column '" + target + "'; the columns are: "
                        + String.join(", ", header));
            }
            int textAt = textColumn(file, header, labelAt, textColumn);
            List<String> texts = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            while ((line = lines.next()) != null) {
                int number = lines.number();
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = cells(file, line, number, tabs);
                if (cells.size() != header.size()) {
                    throw new DatasetFormatException(file, "line " + number + " has " + cells.size() + " cells, but the"
                            + " header has " + header.size() + " columns" + (tabs ? " (cells are separated by tabs)" : ""));
                }
                String text = cells.get(textAt);
                String label = cells.get(labelAt).strip();
                if (text.isBlank()) {
                    throw new DatasetFormatException(file, "line " + number + ", column " + (textAt + 1) + " ('"
                            + header.get(textAt) + "'): the text is empty");
                }
                if (label.isEmpty()) {
                    throw new DatasetFormatException(file, "line " + number + ", column " + (labelAt + 1) + " ('"
                            + target + "'): the label is empty");
                }
                texts.add(text);
                labels.add(label);
                sources.add(file + ", line " + number);
            }
            if (texts.isEmpty()) {
                throw new DatasetFormatException(file, "has a header but no rows of text");
            }
            return new LabelledTexts(file.getFileName().toString(), texts, labels, sources);
        }
    }

    private static int textColumn(Path file, List<String> header, int labelAt, String textColumn)
            throws DatasetFormatException {
        if (textColumn != null) {
            int at = header.indexOf(textColumn);
            if (at < 0) {
                throw new DatasetFormatException(file, "there is no column '" + textColumn + "'; the columns are: "
                        + String.join(", ", header));
            }
            if (at == labelAt) {
                throw new DatasetFormatException(file, "the column '" + textColumn + "' cannot be both the text and"
                        + " the label");
            }
            return at;
        }
        if (header.size() < 2) {
            throw new DatasetFormatException(file, "the label column '" + header.get(labelAt) + "' is the only column,"
                    + " so there is no text");
        }
        if (header.size() > 2) {
            List<String> others = new ArrayList<>(header);
            others.remove(labelAt);
            throw new DatasetFormatException(file, "there are several columns besides '" + header.get(labelAt) + "' ("
                    + String.join(", ", others) + "); say which one holds the text");
        }
        return labelAt == 0 ? 1 : 0;
    }

    private static List<String> cells(Path file, String line, int number, boolean tabs) throws DatasetFormatException {
        if (!tabs) {
            return CsvDatasets.split(file, line, number);
        }
        List<String> cells = new ArrayList<>();
        for (String c : line.split("\t", -1)) {
            cells.add(c.strip());
        }
        return cells;
    }

    /**
     * Reads a folder of texts with one sub-folder per class: every {@code .txt} file directly in
     * a sub-folder is one example of the class the sub-folder names. Sub-folders and files are
     * taken in name order; hidden ones are skipped.
     *
     * @param root the folder
     * @return the texts, labelled by their sub-folder
     * @throws DatasetFormatException when there are fewer than two classes, a class has no text, or
     *     a file is empty, too large or not UTF-8 (naming the file)
     * @throws IOException when the folder cannot be read
     */
    public static LabelledTexts folder(Path root) throws IOException {
        List<Path> classes;
        try (Stream<Path> s = Files.list(root)) {
            classes = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        if (classes.size() < 2) {
            throw new DatasetFormatException(root, "a folder of texts needs one sub-folder per class (at least two),"
                    + " each holding .txt files, but it has " + (classes.isEmpty() ? "none" : "only '"
                    + classes.get(0).getFileName() + "'"));
        }
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Path dir : classes) {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> !hidden(p) && Files.isRegularFile(p)
                        && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new DatasetFormatException(dir, "the class '" + dir.getFileName() + "' holds no .txt file");
            }
            for (Path f : files) {
                String text = read(f, MAX_EXAMPLE_BYTES, "a text example");
                if (text.isBlank()) {
                    throw new DatasetFormatException(f, "the text is empty");
                }
                texts.add(text.strip());
                labels.add(dir.getFileName().toString());
                sources.add(f.toString());
            }
        }
        return new LabelledTexts(root.getFileName().toString(), texts, labels, sources);
    }

    /**
     * Reads a plain text file whole, for next-character or next-word training.
     *
     * @throws DatasetFormatException when it is empty, larger than {@link #MAX_TEXT_BYTES} or not UTF-8
     * @throws IOException when it cannot be read
     */
    public static String plain(Path file) throws IOException {
        String text = read(file, MAX_TEXT_BYTES, "a text to train on");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            throw new DatasetFormatException(file, "is empty");
        }
        return text;
    }

    private static String read(Path file, long limit, String what) throws IOException {
        long size = Files.size(file);
        if (size > limit) {
            throw new DatasetFormatException(file, "is " + size + " bytes, more than the " + limit + " bytes " + what
                    + " may have");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > limit) {
            throw new DatasetFormatException(file, "grew past " + limit + " bytes while it was read");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DatasetFormatException(file, "is not UTF-8 text", e);
        }
    }

    /** The lines of a UTF-8 file, counted, so that bytes that are not UTF-8 are reported with their line. */
    private static final class Lines implements AutoCloseable {
        private final Path file;
        private final BufferedReader reader;
        private int number;

        Lines(Path file) throws IOException {
            this.file = file;
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder));
        }

        String next() throws IOException {
            try {
                String line = reader.readLine();
                if (line != null) {
                    number++;
                }
                return line;
            } catch (CharacterCodingException e) {
                throw new DatasetFormatException(file, "is not UTF-8 text (near line " + (number + 1) + ")", e);
            }
        }

        int number() {
            return number;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
