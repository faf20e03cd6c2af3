package org.netstudio.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.netstudio.engine.data.CsvDatasets;
import org.netstudio.engine.data.DatasetDownloader;
import org.netstudio.engine.data.DatasetLocator;
import org.netstudio.engine.data.DownloadProgress;
import org.netstudio.engine.data.FashionMnist;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.IdxImageDataset;
import org.netstudio.engine.data.ImageFolderDataset;
import org.netstudio.engine.data.Mnist;
import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.engine.encoding.ImageEncoder;

/**
 * Turns a {@link DataChoice} into a dataset through the engine bridge. Blocking (files are read,
 * sets are generated): call it on a background thread. Stateless.
 */
public final class DataLoader {

    /** Generated sets use a fixed seed, so the same choice always gives the same points. */
    private static final long DATA_SEED = 7;
    /** Image folders are read at this size unless they say otherwise. */
    private static final int FOLDER_IMAGE_SIZE = 32;
    private static final ImageShape IDX_IMAGE = new ImageShape(1, 28, 28);

    private final DatasetLocator locator;

    /** A loader looking for IDX sets in the standard places. */
    public DataLoader() {
        this(DatasetLocator.standard());
    }

    /** A loader looking for IDX sets where a locator says. */
    public DataLoader(DatasetLocator locator) {
        this.locator = locator;
    }

    /**
     * Loads the data.
     *
     * @param choice what to load
     * @return the dataset and its preview facts
     * @throws IOException when a file is missing, unreadable or malformed (the message says which)
     */
    public LoadedData load(DataChoice choice) throws IOException {
        return switch (choice.source()) {
            case SPIRALS -> generated(choice, GeneratedDatasets.spirals(3, 300, 0.05, DATA_SEED));
            case MOONS -> generated(choice, GeneratedDatasets.moons(600, 0.1, DATA_SEED));
            case XOR -> generated(choice, GeneratedDatasets.xor(600, 0.05, DATA_SEED));
            case FASHION_MNIST -> idx(choice, FashionMnist.DATASET);
            case MNIST -> idx(choice, Mnist.DATASET);
            case CSV -> csv(choice);
            case IMAGE_FOLDER -> folder(choice);
        };
    }

    /** Whether an IDX source is on disk already (never downloads); true for the other sources. */
    public boolean isAvailable(DataSource source) {
        return switch (source) {
            case FASHION_MNIST -> FashionMnist.DATASET.locate(locator).isPresent();
            case MNIST -> Mnist.DATASET.locate(locator).isPresent();
            default -> true;
        };
    }

    /**
     * Downloads an IDX source into the user's cache, checking every file's checksum. Blocking;
     * only on the person's request.
     *
     * @param source {@link DataSource#FASHION_MNIST} or {@link DataSource#MNIST}
     * @param progress receives progress on the downloading thread
     * @return the folder holding the files
     * @throws IOException when a file cannot be fetched or verified
     */
    public Path download(DataSource source, DownloadProgress progress) throws IOException {
        return idxSet(source).download(new DatasetDownloader(), locator, progress);
    }

    /** The bytes a download of an IDX source fetches. */
    public long downloadSize(DataSource source) {
        return idxSet(source).downloads().stream().mapToLong(org.netstudio.engine.data.RemoteFile::size).sum();
    }

    private static LoadedData generated(DataChoice choice, org.netstudio.engine.data.Dataset data) {
        return new LoadedData(choice, data, Optional.empty(), Optional.empty());
    }

    private LoadedData idx(DataChoice choice, IdxImageDataset set) throws IOException {
        return new LoadedData(choice, set.load(locator), Optional.of(IDX_IMAGE), Optional.empty());
    }

    private static IdxImageDataset idxSet(DataSource source) {
        return switch (source) {
            case FASHION_MNIST -> FashionMnist.DATASET;
            case MNIST -> Mnist.DATASET;
            default -> throw new IllegalArgumentException(source.label() + " is not downloadable");
        };
    }

    private static LoadedData csv(DataChoice choice) throws IOException {
        if (choice.path() == null) {
            throw new IOException("Choose a CSV file first");
        }
        CsvTable table = CsvTable.read(choice.path());
        String target = choice.targetColumn() != null ? choice.targetColumn()
                : table.columns().get(table.columns().size() - 1);
        return new LoadedData(new DataChoice(choice.source(), choice.path(), target),
                CsvDatasets.read(choice.path(), target), Optional.empty(), Optional.of(table));
    }

    private static LoadedData folder(DataChoice choice) throws IOException {
        if (choice.path() == null) {
            throw new IOException("Choose a folder of images first");
        }
        ImageEncoder encoder = ImageEncoder.of(FOLDER_IMAGE_SIZE, FOLDER_IMAGE_SIZE, ColorSpace.RGB);
        ImageFolderDataset data = ImageFolderDataset.open(choice.path(), encoder);
        return new LoadedData(choice, data,
                Optional.of(new ImageShape(encoder.colorSpace().channels(), encoder.height(), encoder.width())),
                Optional.empty());
    }
}
