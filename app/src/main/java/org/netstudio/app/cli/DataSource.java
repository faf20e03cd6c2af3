package org.netstudio.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netstudio.engine.data.CsvDatasets;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.SequenceProblems;
import org.netstudio.engine.data.DatasetDownloader;
import org.netstudio.engine.data.DatasetLocator;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.IdxImageDataset;
import org.netstudio.engine.data.ImageFolderDataset;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.Mnist;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * Resolves the {@code --data NAME} of train and eval to a dataset: a generated set (spirals,
 * moons, xor, linear), Fashion-MNIST or MNIST found on disk (or downloaded when asked), a CSV file
 * or a folder of images with one sub-folder per class.
 *
 * <p>Generated sets come with a test split made from the same generator and seed, so that
 * {@code train} and {@code eval} measure the same held-out examples on every machine.
 */
final class DataSource {

    /** The names --data accepts besides files and folders. */
    static final List<String> NAMES = List.of("spirals", "moons", "xor", "linear", "majority", "fashion-mnist", "mnist");

    /** Training data as tables of columns, with the test split when the data has one. */
    record Tables(ExampleTable train, ExampleTable test) {
    }

    /**
     * Opens the data as tables: {@link #open} for data of fixed shape, or a generated set of
     * sequences of varying length ({@code majority}: as many classes as the net outputs).
     */
    static Tables openTables(String name, String target, boolean download, TensorType input, int outputs,
                             ImageEncoder imageEncoder, PrintWriter progress) throws DataException {
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (key.equals("majority")) {
            int classes = Math.max(2, outputs);
            if (classes > 50) {
                throw new DataException("--data majority makes one class per output of the net (2 to 50), but the net"
                        + " outputs " + outputs, true);
            }
            ExampleTable all = SequenceProblems.majority(classes, 2500, classes + 2, 40, DATA_SEED);
            return new Tables(slice(all, 0, 2000, " (train)"), slice(all, 2000, all.size(), " (test)"));
        }
        Dataset data = open(name, target, download, input, outputs, imageEncoder, progress);
        return new Tables(ExampleTable.of(data), data.testSet().map(ExampleTable::of).orElse(null));
    }

    private static ExampleTable slice(ExampleTable all, int from, int to, String suffix) {
        return all.subset(range(from, to), all.name() + suffix);
    }

    /** The seed of the generated sets: fixed, so that train and eval see the same examples. */
    private static final long DATA_SEED = 7;

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

    private DataSource() {
    }

    /**
     * Opens the data.
     *
     * @param name      the --data value
     * @param target    the CSV target column, or null
     * @param download  whether Fashion-MNIST/MNIST may be downloaded when not found
     * @param input     the net's input type (sizes the generated linear problem and the image encoder)
     * @param outputs   the size of the net's output vector, or 0 when unknown (picks 2 or 3 spiral arms)
     * @param imageEncoder the net's image encoder, or null (folders of images then use the input shape)
     * @param progress  where download progress goes
     */
    static Dataset open(String name, String target, boolean download, TensorType input, int outputs,
                        ImageEncoder imageEncoder, PrintWriter progress) throws DataException {
        String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (key) {
            case "spirals": {
                int arms = outputs == 2 ? 2 : 3;
                return split(GeneratedDatasets.spirals(arms, 400, 0.05, DATA_SEED), 300 * arms);
            }
            case "moons":
                return split(GeneratedDatasets.moons(1250, 0.1, DATA_SEED), 1000);
            case "xor":
                return split(GeneratedDatasets.xor(1250, 0.1, DATA_SEED), 1000);
            case "linear": {
                int inputs = input.isFullyKnown() ? (int) input.elementCount() : 3;
                return split(GeneratedDatasets.linear(2500, inputs, 0.1, DATA_SEED).dataset(), 2000);
            }
            case "fashion-mnist", "fashionmnist":
                return idx(FashionMnist.DATASET, download, progress);
            case "mnist":
                return idx(Mnist.DATASET, download, progress);
            default:
                return file(name, target, input, imageEncoder);
        }
    }

    /** The first {@code train} examples for training, the rest as the test split. */
    private static MemoryDataset split(MemoryDataset all, int train) {
        String base = all.name();
        MemoryDataset test = all.subset(range(train, all.size()), base + " (test)");
        return all.subset(range(0, train), base + " (train)").withTestSet(test);
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }

    private static Dataset idx(IdxImageDataset dataset, boolean download, PrintWriter progress) throws DataException {
        DatasetLocator locator = DatasetLocator.standard();
        try {
            Optional<Path> folder = dataset.locate(locator);
            if (folder.isEmpty() && download) {
                progress.println("Downloading " + dataset.displayName() + " into " + locator.cacheFolder(dataset.name())
                        + " (checking each file's SHA-256)…");
                progress.flush();
                folder = Optional.of(dataset.download(new DatasetDownloader(), locator, new DownloadLine(progress)));
                progress.println("  every file matches its published SHA-256");
                progress.flush();
            }
            if (folder.isEmpty()) {
                dataset.load(locator);
            }
            return dataset.load(folder.orElseThrow());
        } catch (org.netstudio.engine.data.DatasetNotFoundException e) {
            throw new DataException(e.getMessage() + "\nOr run again with --download to fetch it from its official"
                    + " source (about 30 MB, checked against its SHA-256).", false);
        } catch (IOException e) {
            throw new DataException(dataset.displayName() + ": " + e.getMessage(), false);
        }
    }

    private static Dataset file(String name, String target, TensorType input, ImageEncoder imageEncoder)
            throws DataException {
        Path path = Path.of(name);
        boolean csv = name.toLowerCase(Locale.ROOT).endsWith(".csv");
        if (!Files.exists(path)) {
            if (csv) {
                throw new DataException("--data " + name + ": no such file", false);
            }
            throw new DataException("--data " + name + ": not a dataset name (" + String.join(", ", NAMES)
                    + "), nor a .csv file or a folder of images", true);
        }
        try {
            if (Files.isDirectory(path)) {
                ImageEncoder encoder = imageEncoder != null ? imageEncoder : NetInputs.imageEncoder(input)
                        .orElseThrow(() -> new DataException("--data " + name + ": a folder of images needs a net whose"
                                + " input is an image (an Image encoder, or a c×h×w input with 1 or 3 channels), but"
                                + " the net takes " + input.describe(), true));
                return ImageFolderDataset.open(path, encoder);
            }
            if (!csv) {
                throw new DataException("--data " + name + ": a file must be a .csv table (or give a folder of"
                        + " images, or one of " + String.join(", ", NAMES) + ")", true);
            }
            if (target == null) {
                throw new DataException("--data " + name + ": a CSV file needs --target COLUMN, the column to"
                        + " predict", true);
            }
            return CsvDatasets.read(path, target);
        } catch (IOException e) {
            throw new DataException(e.getMessage(), false);
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
