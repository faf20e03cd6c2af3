package org.netstudio.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.encoding.TextEncoder;

/**
 * Text as training data, encoded when it is loaded: an {@link ExampleTable} whose column
 * {@value ExampleTable#FEATURES} is a {@link SequenceColumn} of the texts' indices under a net's
 * text encoder, and whose column {@value ExampleTable#TARGET} holds each text's class, or (for
 * next-character or next-word training) the sequence of the following indices. Stateless.
 */
public final class TextTables {

    /** The window length of next-element training when the person does not set one. */
    public static final int DEFAULT_WINDOW = 100;

    private TextTables() {
    }

    /**
     * Some labelled texts as a table: their encoded texts and their classes.
     *
     * @param texts      the texts
     * @param rows       which of them, in this order
     * @param encoder    the net's text encoder
     * @param classNames the classes in the order of the net's output; every label of the rows must be one
     * @param name       the table's name, e.g. "words.csv (training)"
     * @throws DatasetFormatException naming the example's source when a text cannot be encoded or
     *     encodes to nothing, or its label is not a class
     */
    public static ExampleTable classification(LabelledTexts texts, int[] rows, TextEncoder encoder,
                                              List<String> classNames, String name) throws DatasetFormatException {
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            classIndex.put(classNames.get(i), i);
        }
        List<int[]> sequences = new ArrayList<>(rows.length);
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            String source = texts.sources().get(r);
            Integer label = classIndex.get(texts.labels().get(r));
            if (label == null) {
                throw new DatasetFormatException(null, source + ": the label '" + texts.labels().get(r)
                        + "' is not one of the net's classes (" + String.join(", ", classNames) + ")");
            }
            labels[i] = label;
            sequences.add(encode(encoder, texts.texts().get(r), source));
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put(ExampleTable.FEATURES, SequenceColumn.ofIndices(sequences, encoder.size(), encoder.units()));
        columns.put(ExampleTable.TARGET, new TargetColumn(new Targets.Classes(labels, classNames)));
        return new ExampleTable(name, columns, null, classNames);
    }

    /**
     * Encodes one text, naming where it comes from when it cannot be encoded or encodes to nothing.
     *
     * @param source "words.csv, line 12", a file's path …
     */
    public static int[] encode(TextEncoder encoder, String text, String source) throws DatasetFormatException {
        int[] indices = encodeOrEmpty(encoder, text, source);
        if (indices.length == 0) {
            throw new DatasetFormatException(null, source + ": the text holds no " + encoder.units());
        }
        return indices;
    }

    /** Encodes one text, naming where it comes from when it cannot be encoded; it may encode to nothing. */
    static int[] encodeOrEmpty(TextEncoder encoder, String text, String source) throws DatasetFormatException {
        try {
            return encoder.encode(text);
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(null, source + ": " + e.getMessage());
        }
    }

    /**
     * Next-element training windows over one encoded sequence: window {@code k} starts at
     * {@code k·stride}; its input is the {@code length} elements from there, its target the
     * {@code length} elements one further on (the element that follows each). A sequence shorter
     * than {@code length + 1} makes one window of all it has.
     *
     * @param sequence   the encoded text
     * @param length     elements per window, at least 1
     * @param stride     elements from one window's start to the next, at least 1
     * @param vocabulary the number of distinct indices
     * @param units      what an index stands for ("characters")
     * @param name       the table's name
     * @throws IllegalArgumentException when the sequence has fewer than two elements
     */
    public static ExampleTable windows(int[] sequence, int length, int stride, int vocabulary, String units,
                                       String name) {
        if (length < 1 || stride < 1) {
            throw new IllegalArgumentException("A window needs a length and a stride of at least 1, but got length "
                    + length + ", stride " + stride);
        }
        if (sequence.length < 2) {
            throw new IllegalArgumentException("'" + name + "' has " + sequence.length + " " + units
                    + "; predicting the next one needs at least 2");
        }
        int n = Math.min(length, sequence.length - 1);
        List<int[]> inputs = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (int start = 0; start + n < sequence.length; start += stride) {
            inputs.add(Arrays.copyOfRange(sequence, start, start + n));
            targets.add(Arrays.copyOfRange(sequence, start + 1, start + n + 1));
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put(ExampleTable.FEATURES, SequenceColumn.ofIndices(inputs, vocabulary, units));
        columns.put(ExampleTable.TARGET, SequenceColumn.ofIndices(targets, vocabulary, "next " + units));
        return new ExampleTable(name, columns, null, List.of());
    }
}
