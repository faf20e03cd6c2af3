package org.netstudio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.netstudio.engine.data.DatasetCatalog;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.engine.data.WordNetNouns;
import org.netstudio.netgraph.net.NetNode;

/**
 * The {@code --data} of train for a net whose input has a text encoder: a built-in set of labelled
 * sentences ({@code wordnet-nouns}, with its test split), a CSV or TSV table of
 * texts and labels (with {@code --target}), a folder of {@code .txt} files with one sub-folder per
 * class, or a plain text file for next-character (or next-word) training in windows.
 */
final class TextSource {

    private TextSource() {
    }

    /**
     * Reads and encodes the data for the net.
     *
     * @param name    the --data value
     * @param net     a net with a text encoder at an input
     * @param options the target column, text column, windows, validation share and seed
     * @param base    the folder a Subwords tokenizer path is relative to (the net file's), or null
     * @throws DataArgument.DataException with a sentence naming the file (usage when the command line is at fault)
     */
    static TextDatasets.TextData open(String name, NetNode net, TextDatasets.Options options, Path base)
            throws DataArgument.DataException {
        java.util.Optional<DatasetSource> named = DatasetSource.named(name).filter(DatasetSource::isTexts);
        if (named.isPresent()) {
            return builtIn(named.get(), net, options);
        }
        Path path = Path.of(name);
        if (!Files.exists(path)) {
            throw new DataArgument.DataException("--data " + name + ": no such file or folder; the net reads text ("
                    + "its input has a text encoder), so give a .csv or .tsv table of texts and labels (with --target), a"
                    + " folder of .txt files with one sub-folder per class, or a plain text file", true);
        }
        if (TextDatasets.isTable(path) && options.target() == null) {
            throw new DataArgument.DataException("--data " + name + ": a table of texts needs --target COLUMN, the"
                    + " column of labels to predict", true);
        }
        try {
            return TextDatasets.open(path, net, new TextDatasets.Options(options.target(), options.textColumn(),
                    options.window(), options.stride(), options.validation(), options.seed(), base));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataArgument.DataException(e.getMessage(), false);
        } catch (IllegalArgumentException e) {
            throw new DataArgument.DataException("--data " + name + ": " + e.getMessage(), true);
        }
    }

    /** A built-in set of labelled sentences, with its test split. */
    private static TextDatasets.TextData builtIn(DatasetSource source, NetNode net, TextDatasets.Options options)
            throws DataArgument.DataException {
        try {
            WordNetNouns.Split split = DatasetCatalog.standard().texts(source);
            return TextDatasets.classification(split.train(), split.test(), net, options);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataArgument.DataException(e.getMessage(), false);
        } catch (IllegalArgumentException e) {
            throw new DataArgument.DataException("--data " + source.id() + ": " + e.getMessage(), true);
        }
    }
}
