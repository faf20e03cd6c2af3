package org.netstudio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.DatasetCatalog;
import org.netstudio.engine.data.DatasetNotFoundException;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.data.NetFacts;
import org.netstudio.netgraph.net.NetNode;

/**
 * The {@code --data NAME [--target COLUMN] [--download]} of train and eval: what the person typed,
 * opened through the engine's {@link DatasetCatalog} (the same data the trainer panel gets for the
 * same name and net), with the command line's words for what went wrong and a progress line for a
 * download.
 */
final class DataArgument {

    /** A --data value that names nothing usable; the message says why and what would do. */
    static final class DataException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean usage;

        DataException(String message, boolean usage) {
            super(message);
            this.usage = usage;
        }

        /** Whether this is a mistake on the command line (exit 2 with usage) rather than a missing or broken file. */
        boolean usage() {
            return usage;
        }
    }

    /** What {@code --data} takes, for the commands that train or prepare a training. */
    static final String DESCRIPTION = "spirals, moons, xor, linear, majority (token sequences of varying length), "
            + "fashion-mnist, mnist, a .csv file (with --target) or a folder of images with one sub-folder per class. For"
            + " a net that reads text (a Characters, Tokens or Subwords encoder): wordnet-nouns (definitions of nouns"
            + " labelled animal, artifact, food or plant, from Debian's wordnet-base, with a test split), a .csv/.tsv"
            + " table of texts (with --target), a folder of .txt files with one sub-folder per class, or a plain text file for "
            + "next-character training.";

    private DataArgument() {
    }

    /**
     * Opens the data.
     *
     * @param name     the --data value
     * @param target   the CSV target column, or null
     * @param download whether Fashion-MNIST/MNIST may be downloaded when not found
     * @param net      the net the data will feed (spiral arms, linear inputs, image size)
     * @param progress where download progress goes
     */
    static Dataset open(String name, String target, boolean download, NetNode net, PrintWriter progress)
            throws DataException {
        return open(name, target, download, net, progress, DatasetCatalog::open);
    }

    /**
     * Opens the data as a table of columns (its test split attached): any dataset, or a set of
     * sequences of varying length.
     */
    static ExampleTable openTable(String name, String target, boolean download, NetNode net, PrintWriter progress)
            throws DataException {
        return open(name, target, download, net, progress, DatasetCatalog::openTable);
    }

    /** How a catalog opens a choice for a net. */
    private interface Opening<T> {
        T open(DatasetCatalog catalog, DataChoice choice, NetFacts net) throws IOException;
    }

    private static <T> T open(String name, String target, boolean download, NetNode net, PrintWriter progress,
                              Opening<T> opening) throws DataException {
        DataChoice choice;
        try {
            choice = DataChoice.parse(name, target);
        } catch (IllegalArgumentException e) {
            throw new DataException("--data " + e.getMessage(), true);
        }
        DatasetSource source = choice.source();
        if (source == DatasetSource.CSV && !Files.exists(choice.path())) {
            throw new DataException("--data " + name + ": no such file", false);
        }
        if (source == DatasetSource.CSV && target == null) {
            throw new DataException("--data " + name + ": a CSV file needs --target COLUMN, the column to predict", true);
        }
        DatasetCatalog catalog = DatasetCatalog.standard();
        try {
            if (download && !catalog.isOnDisk(source)) {
                progress.println("Downloading " + source.label() + " into " + catalog.downloadFolder(source)
                        + " (checking each file's SHA-256)…");
                progress.flush();
                catalog.download(source, new DownloadLine(progress));
                progress.println("  every file matches its published SHA-256");
                progress.flush();
            }
            return opening.open(catalog, choice, NetFacts.of(net));
        } catch (DatasetNotFoundException e) {
            throw new DataException(e.getMessage() + (source.kind() != DatasetSource.Kind.IDX ? ""
                    : "\nOr run again with --download to fetch it from its official source (about 30 MB, checked"
                    + " against its SHA-256)."), false);
        } catch (IllegalArgumentException e) {
            throw new DataException("--data " + e.getMessage(), true);
        } catch (IOException e) {
            throw new DataException((source.builtIn() ? source.label() + ": " : "") + e.getMessage(), false);
        }
    }

    /** Prints one line per downloaded file, and a redrawn percentage when the output is a terminal. */
    private static final class DownloadLine implements org.netstudio.engine.data.DownloadProgress {
        private final PrintWriter out;
        private final boolean terminal = System.console() != null;
        private long lastDraw;

        DownloadLine(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void progress(org.netstudio.engine.data.RemoteFile file, long done, long total) {
            boolean complete = total >= 0 && done >= total;
            long now = System.nanoTime();
            if (complete) {
                out.print((terminal ? "\r" : "") + "  " + file.fileName() + "  " + done / 1024 + " KB\n");
                out.flush();
            } else if (terminal && now - lastDraw > 100_000_000L) {
                lastDraw = now;
                String pct = total > 0 ? (100 * done / total) + "%" : done / 1024 + " KB";
                out.print("\r  " + file.fileName() + "  " + pct + "   ");
                out.flush();
            }
        }
    }
}
