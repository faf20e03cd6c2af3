package org.netstudio.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netstudio.engine.encoding.ImageEncoder;

/**
 * The one place a data choice becomes a dataset, for the trainer panel and the command line alike:
 * the same {@link DataChoice} for the same net gives the same examples, the same training/test
 * split and the same names everywhere.
 *
 * <p><b>The generated sets</b> are made from the fixed seed {@value #GENERATOR_SEED} and come with
 * a test split drawn from the same generator run, so that training and a later {@code eval} measure
 * the same held-out examples on every machine:
 * <ul>
 * <li>spirals: 400 points per arm (noise 0.05), 300 per arm to train and 100 per arm to test; 2 arms
 *     for a net with 2 outputs, else 3;</li>
 * <li>moons and xor: 1,250 points (noise 0.1), 1,000 to train and 250 to test;</li>
 * <li>linear: 2,500 examples (noise 0.1) with as many inputs as the net takes (else 3), 2,000 to
 *     train and 500 to test.</li>
 * </ul>
 * The validation share is split off the training part later, by {@link ValidationSplit}.
 *
 * <p><b>Fashion-MNIST and MNIST</b> are read from disk (60,000 to train, 10,000 to test) where
 * {@link DatasetLocator} finds them, and downloaded only by {@link #download}. <b>WordNet's nouns</b>
 * (Debian's {@code wordnet-base}) are labelled sentences for a net that reads text ({@link #texts}).
 * <b>A CSV file</b> is
 * read with its target column; <b>a folder of images</b> with one sub-folder per class is read
 * lazily at the size and colours of the net's image input.
 *
 * <p>Blocking (files are read, sets generated): call it off the UI thread. Immutable.
 */
public final class DatasetCatalog {

    /** The seed of the generated sets: fixed, so that every door and every run sees the same examples. */
    public static final long GENERATOR_SEED = 7;

    private final DatasetLocator locator;

    /**
     * A catalog looking for the IDX sets where a locator says.
     *
     * @param locator where Fashion-MNIST and MNIST are looked for and downloaded to
     */
    public DatasetCatalog(DatasetLocator locator) {
        this.locator = Objects.requireNonNull(locator, "locator");
    }

    /** A catalog looking for the IDX sets in the standard places ({@link DatasetLocator#standard()}). */
    public static DatasetCatalog standard() {
        return new DatasetCatalog(DatasetLocator.standard());
    }

    /** Where the IDX sets are looked for. */
    public DatasetLocator locator() {
        return locator;
    }

    /**
     * Opens the data.
     *
     * @param choice what to open
     * @param net what the data must fit (spiral arms, linear inputs, image size)
     * @return the training examples, with the test split attached where the source has one
     * @throws DatasetNotFoundException when an IDX set is not on disk, or the CSV file does not
     *     exist (the message says where it looked)
     * @throws DatasetFormatException when a file is malformed (the message names file, line and column)
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when the choice is incomplete (no file, no target column) or a
     *     folder of images meets a net whose input is no image; the message says which
     */
    public Dataset open(DataChoice choice, NetFacts net) throws IOException {
        Objects.requireNonNull(net, "net");
        return switch (choice.source()) {
            case SPIRALS -> {
                int arms = net.outputSize() == 2 ? 2 : 3;
                yield withTestSplit(GeneratedDatasets.spirals(arms, 400, 0.05, GENERATOR_SEED), 300 * arms);
            }
            case MOONS -> withTestSplit(GeneratedDatasets.moons(1250, 0.1, GENERATOR_SEED), 1000);
            case XOR -> withTestSplit(GeneratedDatasets.xor(1250, 0.1, GENERATOR_SEED), 1000);
            case LINEAR -> {
                int inputs = net.input().isFullyKnown() ? (int) net.input().elementCount() : 3;
                yield withTestSplit(GeneratedDatasets.linear(2500, inputs, 0.1, GENERATOR_SEED).dataset(), 2000);
            }
            case MAJORITY -> throw new IllegalArgumentException(choice.source().id() + ": a set of sequences of varying"
                    + " length, which only training takes so far (netstudio train measures its test split)");
            case FASHION_MNIST, MNIST -> idxSet(choice.source()).load(locator);
            case CSV -> csv(choice);
            case IMAGE_FOLDER -> folder(choice, net);
            case WORDNET_NOUNS -> throw new IllegalArgumentException(choice.source().id() + ": labelled sentences, for a"
                    + " net that reads text (an input with a Characters, Tokens or Subwords encoder), which this net has not");
            case TEXT_FILE -> throw new IllegalArgumentException((choice.path() == null ? "a plain text"
                    : choice.path().getFileName()) + ": a plain text trains a net that reads text (an input with a"
                    + " Characters, Tokens or Subwords encoder), which this net has not");
        };
    }

    /**
     * Opens the data as a table of columns, with its test split: any choice {@link #open} takes
     * (features and targets), or a set of sequences of varying length ({@code majority}: 2,500
     * token sequences 2 to 40 tokens longer than the number of classes, as many classes as the net
     * has outputs (2 to 50), 2,000 to train and 500 to test).
     *
     * @throws IOException as {@link #open} does
     */
    public ExampleTable openTable(DataChoice choice, NetFacts net) throws IOException {
        if (choice.source() == DatasetSource.MAJORITY) {
            int classes = Math.max(2, net.outputSize());
            if (classes > 50) {
                throw new IllegalArgumentException("majority makes one class per output of the net (2 to 50), but the"
                        + " net outputs " + net.outputSize());
            }
            ExampleTable all = SequenceProblems.majority(classes, 2500, classes + 2, 40, GENERATOR_SEED);
            ExampleTable test = all.subset(range(2000, all.size()), all.name() + " (test)");
            ExampleTable train = all.subset(range(0, 2000), all.name() + " (train)");
            return new ExampleTable(train.name(), train.columns(), test, train.classNames());
        }
        return tableOf(choice, open(choice, net));
    }

    /**
     * A dataset {@link #open} gave, as a table: its features and targets, and for a CSV file the
     * target column under its header's name too (so {@code --target class=label} finds it).
     */
    public static ExampleTable tableOf(DataChoice choice, Dataset data) {
        ExampleTable table = ExampleTable.of(data);
        String target = choice.targetColumn();
        if (choice.source() == DatasetSource.CSV && target != null && !table.columns().containsKey(target)) {
            table = table.with(target, table.column(ExampleTable.TARGET).orElseThrow());
        }
        return table;
    }

    /**
     * Whether a source can be opened without a download: always, except an IDX set not on disk.
     *
     * @param source the source
     * @return false only for an IDX set that is nowhere {@link DatasetLocator} looks
     */
    public boolean isOnDisk(DatasetSource source) {
        if (source.kind() == DatasetSource.Kind.PACKAGED) {
            return WordNetNouns.locate(locator).isPresent();
        }
        return source.kind() != DatasetSource.Kind.IDX || idxSet(source).locate(locator).isPresent();
    }

    /**
     * The labelled texts of a built-in set of sentences ({@link DatasetSource#isTexts()}), training
     * and test split, for a net that reads text to encode.
     *
     * @throws DatasetNotFoundException when the package that installs it is not installed (the message says which)
     * @throws IOException when its files cannot be read or are malformed
     */
    public WordNetNouns.Split texts(DatasetSource source) throws IOException {
        if (!source.isTexts()) {
            throw new IllegalArgumentException(source.label() + " is no set of labelled texts");
        }
        return WordNetNouns.open(locator, GENERATOR_SEED);
    }

    /**
     * Downloads an IDX set into the user's cache, checking every file's SHA-256. Only on a person's
     * explicit request.
     *
     * @param source {@link DatasetSource#FASHION_MNIST} or {@link DatasetSource#MNIST}
     * @param progress receives progress on the downloading thread
     * @return the folder holding the files
     * @throws IOException when a file cannot be fetched or does not match its checksum
     */
    public Path download(DatasetSource source, DownloadProgress progress) throws IOException {
        return idxSet(source).download(new DatasetDownloader(), locator, progress);
    }

    /** The folder a download of an IDX source goes into. */
    public Path downloadFolder(DatasetSource source) {
        return locator.cacheFolder(idxSet(source).name());
    }

    /** The bytes a download of an IDX source fetches. */
    public long downloadSize(DatasetSource source) {
        return idxSet(source).downloads().stream().mapToLong(RemoteFile::size).sum();
    }

    private static IdxImageDataset idxSet(DatasetSource source) {
        return switch (source) {
            case FASHION_MNIST -> FashionMnist.DATASET;
            case MNIST -> Mnist.DATASET;
            default -> throw new IllegalArgumentException(source.label() + " is not an IDX image set");
        };
    }

    /** The first {@code train} examples to train on, the rest as the test split. */
    private static MemoryDataset withTestSplit(MemoryDataset all, int train) {
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

    private static Dataset csv(DataChoice choice) throws IOException {
        Path file = choice.path();
        if (file == null) {
            throw new IllegalArgumentException("Choose a CSV file first");
        }
        if (!Files.exists(file)) {
            throw new DatasetNotFoundException(file + ": no such file", List.of());
        }
        if (choice.targetColumn() == null) {
            throw new IllegalArgumentException(file + ": a CSV file needs a target column, the column to predict");
        }
        return CsvDatasets.readNamed(file, choice.targetColumn());
    }

    private static Dataset folder(DataChoice choice, NetFacts net) throws IOException {
        Path folder = choice.path();
        if (folder == null) {
            throw new IllegalArgumentException("Choose a folder of images first");
        }
        Optional<ImageEncoder> encoder = net.image();
        if (encoder.isEmpty()) {
            throw new IllegalArgumentException(folder + ": a folder of images needs a net whose input is an image (an"
                    + " Image encoder, or a c×h×w input with 1 or 3 channels), but the net takes "
                    + net.input().describe());
        }
        return ImageFolderDataset.open(folder, encoder.get());
    }
}
