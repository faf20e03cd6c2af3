package org.netstudio.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.DatasetCatalog;
import org.netstudio.engine.data.DatasetLocator;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.data.DownloadProgress;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.NetFacts;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.netgraph.net.NetNode;

/**
 * Opens the person's data choice through the engine's {@link DatasetCatalog} and {@link
 * TextDatasets} (the same data the command line gets for the same name and net) and adds what the preview needs: the first rows of
 * a CSV file, the image shape of image data. Blocking: call it on a background thread. Stateless.
 */
public final class DataLoader {

    private final DatasetCatalog catalog;

    /** A loader looking for IDX sets in the standard places. */
    public DataLoader() {
        this(DatasetLocator.standard());
    }

    /** A loader looking for IDX sets where a locator says. */
    public DataLoader(DatasetLocator locator) {
        this.catalog = new DatasetCatalog(locator);
    }

    /**
     * Loads data for a net that reads no text.
     *
     * @param choice what to load; a CSV file without a target column takes its last column
     * @param net what the data must fit (spiral arms, linear inputs, image size)
     * @return the dataset and its preview facts
     * @throws IOException when a file is missing, unreadable or malformed (the message says which)
     * @throws IllegalArgumentException when the choice does not fit the net (the message says why)
     */
    public LoadedData load(DataChoice choice, NetFacts net) throws IOException {
        return load(choice, net, null, null);
    }

    /**
     * Loads the data as the command line's {@code train} opens it: for a net with a text encoder,
     * a CSV table of texts and labels, a folder of {@code .txt} files with one sub-folder per class,
     * or a plain text cut into windows (the encoder built from the training part); a set of
     * sequences as a table; anything else as a dataset of fixed-shape examples.
     *
     * @param choice what to load; a CSV file without a target column takes its last column
     * @param facts what the data must fit (spiral arms, linear inputs, image size, classes)
     * @param net the net, to find a text input; null when there is none yet
     * @param text how to read text (window, validation share, seed), or null for the defaults
     * @return the data and its preview facts
     * @throws IOException when a file is missing, unreadable or malformed (the message says which)
     * @throws IllegalArgumentException when the choice does not fit the net (the message says why)
     */
    public LoadedData load(DataChoice choice, NetFacts facts, NetNode net, TextDatasets.Options text)
            throws IOException {
        Optional<CsvTable> table = Optional.empty();
        DataChoice opened = choice;
        if (choice.source() == DatasetSource.CSV && choice.path() != null) {
            CsvTable t = CsvTable.read(choice.path());
            table = Optional.of(t);
            if (choice.targetColumn() == null) {
                opened = new DataChoice(choice.source(), choice.path(), t.columns().get(t.columns().size() - 1));
            }
        }
        if (net != null && choice.path() != null && readsText(choice.source())
                && TextDatasets.textInput(net).isPresent()) {
            TextDatasets.Options o = text != null ? text : TextDatasets.Options.defaults(null, 0, 0);
            TextDatasets.TextData data = TextDatasets.open(choice.path(), net, new TextDatasets.Options(
                    opened.targetColumn(), o.textColumn(), o.window(), o.stride(), o.validation(), o.seed(), o.base()));
            return new LoadedData(opened, data.table(), Optional.empty(), Optional.of(data), Optional.empty(), table);
        }
        if (net != null && choice.source().isTexts() && TextDatasets.textInput(net).isPresent()) {
            TextDatasets.Options o = text != null ? text : TextDatasets.Options.defaults(null, 0, 0);
            var split = catalog.texts(choice.source());
            TextDatasets.TextData data = TextDatasets.classification(split.train(), split.test(), net, o);
            return new LoadedData(opened, data.table(), Optional.empty(), Optional.of(data), Optional.empty(), table);
        }
        if (choice.source() == DatasetSource.MAJORITY) {
            ExampleTable sequences = catalog.openTable(opened, facts);
            return new LoadedData(opened, sequences, Optional.empty(), Optional.empty(), Optional.empty(), table);
        }
        Dataset data = catalog.open(opened, facts);
        return new LoadedData(opened, DatasetCatalog.tableOf(opened, data), Optional.of(data), Optional.empty(),
                imageShape(data), table);
    }

    /** The sources a net with a text encoder reads as text. */
    private static boolean readsText(DatasetSource source) {
        return source == DatasetSource.CSV || source == DatasetSource.IMAGE_FOLDER
                || source == DatasetSource.TEXT_FILE;
    }

    /** Whether a source is on disk (never downloads); false only for an IDX set that is not. */
    public boolean isAvailable(DatasetSource source) {
        return catalog.isOnDisk(source);
    }

    /**
     * Downloads an IDX source into the user's cache, checking every file's checksum. Blocking;
     * only on the person's request.
     *
     * @param source {@link DatasetSource#FASHION_MNIST} or {@link DatasetSource#MNIST}
     * @param progress receives progress on the downloading thread
     * @return the folder holding the files
     * @throws IOException when a file cannot be fetched or verified
     */
    public Path download(DatasetSource source, DownloadProgress progress) throws IOException {
        return catalog.download(source, progress);
    }

    /** The bytes a download of an IDX source fetches. */
    public long downloadSize(DatasetSource source) {
        return catalog.downloadSize(source);
    }

    /** Examples of shape {@code c×h×w} with 1 or 3 channels are images. */
    private static Optional<ImageShape> imageShape(Dataset data) {
        long[] s = data.featureDims();
        if (s.length == 3 && (s[0] == 1 || s[0] == 3)) {
            return Optional.of(new ImageShape((int) s[0], (int) s[1], (int) s[2]));
        }
        return Optional.empty();
    }
}
