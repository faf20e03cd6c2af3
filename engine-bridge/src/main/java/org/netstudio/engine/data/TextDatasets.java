package org.netstudio.engine.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.netstudio.engine.encoding.TextEncoder;
import org.netstudio.engine.encoding.TextEncoders;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.Coders;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Text data for a net whose input has a text encoder ({@code Characters}, {@code Tokens},
 * {@code Subwords}), read and encoded in one step:
 * <ul>
 * <li>a CSV or TSV table with a text column and a label column: a text classifier;</li>
 * <li>a folder with one sub-folder of {@code .txt} files per class: a text classifier;</li>
 * <li>any other text file: next-character (or next-word) training, in windows of a set length
 * whose targets are the windows one element further on.</li>
 * </ul>
 * An alphabet or vocabulary the encoder builds comes from the training part alone: for labelled
 * texts the examples {@link ValidationSplit} keeps for training with the same share and seed (the
 * training run holds back the same validation examples), for a plain text all but its last share,
 * which is cut off as validation windows (a random split of windows that overlap would validate on
 * text seen in training). The net that comes back holds it (its encoder, and a text
 * decoder at an output that was waiting for the same), so that the trained net is
 * self-contained. Stateless.
 */
public final class TextDatasets {

    private TextDatasets() {
    }

    /**
     * How to read text data.
     *
     * @param target     the label column of a table; null for folders and plain text
     * @param textColumn the text column of a table, or null for the only column besides the labels
     * @param window     elements per window of next-element training (characters, words), at least 1
     * @param stride     elements from one window to the next, at least 1
     * @param validation the share of the data held out for validation, in [0, 1): the training options'
     * @param seed       the seed of the validation split: the training options' (labelled texts are split
     *                   as the training run splits them)
     * @param base       the folder a Subwords tokenizer path is relative to, or null
     */
    public record Options(String target, String textColumn, int window, int stride, double validation, long seed,
                          Path base) {

        public Options {
            Bounds.atLeastOne("The window length", window);
            Bounds.atLeastOne("The window stride", stride);
            Bounds.share("The validation share", validation);
        }

        /** Windows of {@value TextTables#DEFAULT_WINDOW}, one after the other; the validation share and seed given. */
        public static Options defaults(String target, double validation, long seed) {
            return new Options(target, null, TextTables.DEFAULT_WINDOW, TextTables.DEFAULT_WINDOW, validation, seed, null);
        }

        /** These options with another window length and stride. */
        public Options withWindow(int newWindow, int newStride) {
            return new Options(target, textColumn, newWindow, newStride, validation, seed, base);
        }
    }

    /**
     * Text data encoded for a net.
     *
     * @param net        the net with its text encoder filled in (alphabet or vocabulary built from the training part)
     * @param port       the input that takes the text
     * @param encoder    its encoder
     * @param table      the data to train on (columns {@value ExampleTable#FEATURES} and {@value
     *                   ExampleTable#TARGET}): for labelled texts all of them, from which training holds back
     *                   its validation share; for a plain text the windows of all but its last share
     * @param validation for a plain text, the windows of its last share (null when the share is 0); null
     *                   for labelled texts
     */
    public record TextData(NetNode net, String port, TextEncoder encoder, ExampleTable table,
                           ExampleTable validation) {

        public TextData {
            Objects.requireNonNull(net, "net");
            Objects.requireNonNull(table, "table");
        }

        /** The validation table, if there is one. */
        public Optional<ExampleTable> validationTable() {
            return Optional.ofNullable(validation);
        }
    }

    /** The net's input that takes text (the one with a Characters, Tokens or Subwords encoder), if any. */
    public static Optional<String> textInput(NetNode net) {
        Map<String, PortDecl> inputs = PortDecls.inputs(net);
        return inputs.entrySet().stream().filter(e -> Coders.isText(e.getValue().coder())).map(Map.Entry::getKey)
                .findFirst();
    }

    /** Whether a path is read as a table of texts and labels (.csv, .tsv, .tab) rather than a plain text. */
    public static boolean isTable(Path path) {
        String n = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || TextReaders.isTabSeparated(path);
    }

    /**
     * Reads and encodes text data for a net: a folder of class sub-folders, a CSV/TSV table, or a
     * plain text (see the class comment).
     *
     * @param path    the folder or file
     * @param net     a net with a text encoder at an input
     * @param options how to read it
     * @return the tables and the net with its encoder filled in
     * @throws DatasetFormatException naming the file (and line) when the data cannot be read as text
     *     or encoded
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when the net has no text input, or a table is given no label column
     */
    public static TextData open(Path path, NetNode net, Options options) throws IOException {
        Objects.requireNonNull(options, "options");
        if (Files.isDirectory(path)) {
            return classification(TextReaders.folder(path), net, options);
        }
        if (isTable(path)) {
            if (options.target() == null) {
                throw new IllegalArgumentException(path + ": a table of texts needs the name of its label column");
            }
            return classification(TextReaders.table(path, options.target(), options.textColumn()), net, options);
        }
        return nextElement(TextReaders.plain(path), path.getFileName().toString(), net, options);
    }

    /**
     * Labelled texts for a text classifier: the encoder fitted to the texts {@link ValidationSplit}
     * keeps for training (with the options' share and seed, as the training run will split), all
     * texts encoded, the classes ordered as the net's Class decoder lists them (or sorted, when it
     * has none).
     */
    public static TextData classification(LabelledTexts texts, NetNode net, Options options)
            throws DatasetFormatException {
        String port = requireTextInput(net);
        int[] training = ValidationSplit.of(texts.size(), options.validation(), options.seed()).training();
        TextEncoder encoder = fit(PortDecls.inputs(net).get(port).coder(), texts.texts(training), options.base());
        List<String> classes = outputLabels(net).orElseGet(texts::classNames);
        int[] all = new int[texts.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        ExampleTable table = TextTables.classification(texts, all, encoder, classes, texts.name());
        return new TextData(withClasses(withEncoder(net, port, encoder, false), classes), port, encoder, table, null);
    }

    /**
     * Labelled texts with a separate test split (a built-in set of sentences): as {@link
     * #classification(LabelledTexts, NetNode, Options)} for the training texts, with the test texts
     * encoded alike and attached as the table's test split, so that training reports held-out accuracy.
     */
    public static TextData classification(LabelledTexts train, LabelledTexts test, NetNode net, Options options)
            throws DatasetFormatException {
        TextData data = classification(train, net, options);
        List<String> classes = data.table().classNames();
        int[] all = new int[test.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        ExampleTable t = data.table();
        ExampleTable testTable = TextTables.classification(test, all, data.encoder(), classes, test.name());
        return new TextData(data.net(), data.port(), data.encoder(),
                new ExampleTable(t.name(), t.columns(), testTable, t.classNames()), data.validation());
    }

    /**
     * The net with a Class decoder naming the classes on its one output that gives a vector of as
     * many values and declares no decoder: what a text classifier learnt to tell apart, so that it
     * says "positive" rather than "class 1" once trained. Any other net comes back as it was.
     */
    public static NetNode withClasses(NetNode net, List<String> classes) {
        Map<String, PortDecl> outputs = PortDecls.outputs(net);
        if (outputs.size() != 1 || classes.isEmpty()) {
            return net;
        }
        Map.Entry<String, PortDecl> only = outputs.entrySet().iterator().next();
        if (only.getValue().coder() != null) {
            return net;
        }
        TensorType type;
        try {
            type = org.netstudio.netgraph.summary.NetSummary.of(net).outputs().get(0).type();
        } catch (RuntimeException e) {
            return net;
        }
        if (!type.isFullyKnown() || type.rank() != 1 || type.elementCount() != classes.size()) {
            return net;
        }
        PortDecl decl = PortDecls.decoder(new Coder("Class", Map.of("labels", List.copyOf(classes))));
        return net instanceof Chain c ? c.withOutput(decl) : ((Graph) net).withOutput(only.getKey(), decl);
    }

    /**
     * A plain text for next-element training: the last share of the text held out for validation,
     * the encoder fitted to the rest, both cut into windows.
     */
    public static TextData nextElement(String text, String name, NetNode net, Options options)
            throws DatasetFormatException {
        String port = requireTextInput(net);
        int cut = cut(text, options.validation());
        String trainingText = text.substring(0, cut);
        String validationText = text.substring(cut);
        TextEncoder encoder = fit(PortDecls.inputs(net).get(port).coder(), List.of(trainingText), options.base());
        int[] trainingSequence = encode(encoder, trainingText, name, 1);
        ExampleTable training = windows(trainingSequence, encoder, options, name + " (training)");
        ExampleTable validation = null;
        if (!validationText.isEmpty()) {
            int[] v = encode(encoder, validationText, name, 1 + (int) trainingText.chars().filter(c -> c == '\n').count());
            validation = v.length < 2 ? null : windows(v, encoder, options, name + " (validation)");
        }
        return new TextData(withEncoder(net, port, encoder, true), port, encoder, training, validation);
    }

    /** Encodes a long text; when it cannot, names the line (counted from {@code firstLine}) that holds the problem. */
    private static int[] encode(TextEncoder encoder, String text, String name, int firstLine)
            throws DatasetFormatException {
        try {
            return encoder.encode(text);
        } catch (IllegalArgumentException e) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                TextTables.encodeOrEmpty(encoder, lines[i], name + ", line " + (firstLine + i));
            }
            throw new DatasetFormatException(null, name + ": " + e.getMessage());
        }
    }

    private static ExampleTable windows(int[] sequence, TextEncoder encoder, Options options, String name)
            throws DatasetFormatException {
        try {
            return TextTables.windows(sequence, options.window(), options.stride(), encoder.size(), encoder.units(),
                    name);
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(null, e.getMessage());
        }
    }

    /** Where the validation part of a text starts: at the share asked for, moved on to the next white space nearby. */
    private static int cut(String text, double validation) {
        if (validation == 0) {
            return text.length();
        }
        int points = text.codePointCount(0, text.length());
        int at = text.offsetByCodePoints(0, (int) Math.round(points * (1 - validation)));
        for (int i = at; i < Math.min(text.length(), at + 200); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return at;
    }

    /**
     * The net with an input's text encoder replaced by a fitted one; with {@code decoders}, also
     * every output whose text decoder of the same kind waits for its alphabet or vocabulary (a
     * next-character net predicts the characters it reads).
     *
     * @throws IllegalArgumentException when such an output already has another alphabet or vocabulary
     */
    public static NetNode withEncoder(NetNode net, String port, TextEncoder encoder, boolean decoders) {
        PortDecl in = PortDecls.encoder(encoder.coder());
        NetNode out = net instanceof Chain c ? c.withInput(in) : ((Graph) net).withInput(port, in);
        if (!decoders) {
            return out;
        }
        Map<String, PortDecl> outputs = PortDecls.outputs(out);
        for (Map.Entry<String, PortDecl> e : outputs.entrySet()) {
            Coder d = e.getValue().coder();
            if (d == null || !d.type().equals(encoder.coder().type())) {
                continue;
            }
            if (Coders.builtFromData(d)) {
                PortDecl decl = PortDecls.decoder(encoder.coder());
                out = out instanceof Chain c ? c.withOutput(decl) : ((Graph) out).withOutput(e.getKey(), decl);
            } else if (!d.equals(encoder.coder())) {
                throw new IllegalArgumentException("The net's output '" + e.getKey() + "' decodes other "
                        + encoder.units() + " than its input '" + port + "' reads; to predict the next of them,"
                        + " give both the same " + (d.type().equals("Tokens") ? "vocabulary" : "alphabet")
                        + " (or none, to build it from the data)");
            }
        }
        return out;
    }

    private static TextEncoder fit(Coder coder, List<String> texts, Path base) throws DatasetFormatException {
        try {
            return TextEncoders.fit(coder, texts, base);
        } catch (UncheckedIOException e) {
            throw new DatasetFormatException(null, e.getMessage(), e.getCause());
        }
    }

    private static String requireTextInput(NetNode net) {
        return textInput(net).orElseThrow(() -> new IllegalArgumentException("The net has no input with a text"
                + " encoder (Characters, Tokens or Subwords) to read the text with; put one on its input"));
    }

    /** The labels of the net's Class decoder, when its one output (or one of them) has one. */
    private static Optional<List<String>> outputLabels(NetNode net) {
        List<List<String>> found = new ArrayList<>();
        PortDecls.outputs(net).values().forEach(d -> {
            List<String> l = Coders.labels(d.coder());
            if (!l.isEmpty()) {
                found.add(l);
            }
        });
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
