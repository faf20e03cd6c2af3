package org.netstudio.engine.data;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An image dataset in the MNIST layout: four IDX files (training images and labels, test images
 * and labels), plain or gzipped, in one folder. {@link FashionMnist} and {@link Mnist} describe the
 * two well-known ones.
 *
 * <p>Loading gives a {@link MemoryDataset} of the training images, shape {@code (1, rows, cols)}
 * with pixel values scaled to [0, 1], whose {@link Dataset#testSet()} holds the test images.
 * Looking for the files never downloads; {@link #download} does, only when called. Immutable and
 * thread-safe.
 *
 * @param name the folder name, e.g. "fashion-mnist"
 * @param displayName the name shown to people, e.g. "Fashion-MNIST"
 * @param classNames the name of each label value 0, 1, …
 * @param downloads the four gzipped files a download fetches, with their checksums, in the order of {@link #FILES}
 */
public record IdxImageDataset(String name, String displayName, List<String> classNames, List<RemoteFile> downloads) {

    /** The four files, in the order train images, train labels, test images, test labels. */
    static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** Describes a dataset. */
    public IdxImageDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        classNames = List.copyOf(classNames);
        downloads = List.copyOf(downloads);
    }

    /** A file's SHA-256 checksum and size in bytes, as published. */
    public record Published(String sha256, long size) {
    }

    /**
     * Describes a dataset whose four files, gzipped and named as usual
     * ({@code train-images-idx3-ubyte.gz}, …), can be downloaded from each of {@code mirrors}.
     *
     * @param name the folder name, e.g. "fashion-mnist"
     * @param displayName the name shown to people, e.g. "Fashion-MNIST"
     * @param classNames the name of each label value 0, 1, …
     * @param mirrors the base addresses, each ending in "/", tried in order
     * @param published the four files' checksums and sizes: train images, train labels, test images, test labels
     */
    public static IdxImageDataset published(String name, String displayName, List<String> classNames,
            List<String> mirrors, List<Published> published) {
        if (published.size() != FILES.size()) {
            throw new IllegalArgumentException("An IDX dataset has " + FILES.size() + " files, not " + published.size());
        }
        List<RemoteFile> downloads = new ArrayList<>();
        for (int i = 0; i < FILES.size(); i++) {
            downloads.add(RemoteFile.at(FILES.get(i) + ".gz", published.get(i).sha256(), published.get(i).size(),
                    mirrors.toArray(String[]::new)));
        }
        return new IdxImageDataset(name, displayName, classNames, downloads);
    }

    /**
     * Finds a folder holding all four files (each either gzipped, {@code name.gz}, or plain).
     *
     * @param locator where to look
     * @return the folder, or empty
     */
    public Optional<Path> locate(DatasetLocator locator) {
        return locator.find(name, IdxImageDataset::isComplete);
    }

    /** Finds the dataset's folder in the standard places ({@link DatasetLocator#standard()}); never downloads. */
    public Optional<Path> locate() {
        return locate(DatasetLocator.standard());
    }

    /**
     * Loads the dataset from the standard places ({@link DatasetLocator#standard()}).
     *
     * @return the training set, with the test set attached
     * @throws DatasetNotFoundException when it is not installed
     * @throws IOException when a file is corrupt or unreadable
     */
    public MemoryDataset load() throws IOException {
        return load(DatasetLocator.standard());
    }

    /**
     * Finds the dataset with {@link #locate} and loads it.
     *
     * @param locator where to look
     * @return the training set, with the test set attached
     * @throws DatasetNotFoundException listing the folders searched when it is nowhere
     * @throws DatasetFormatException when a file is corrupt
     * @throws IOException when a file cannot be read
     */
    public MemoryDataset load(DatasetLocator locator) throws IOException {
        Optional<Path> folder = locate(locator);
        if (folder.isEmpty()) {
            List<Path> searched = locator.candidates(name);
            throw new DatasetNotFoundException(displayName + " was not found. Looked in:\n  "
                    + String.join("\n  ", searched.stream().map(Path::toString).toList())
                    + "\nInstall it (Debian: apt install dataset-" + name + " where packaged), copy the four"
                    + " IDX files into one of these folders, or download it explicitly.", searched);
        }
        return load(folder.get());
    }

    /**
     * Loads the dataset from a folder holding its four files. The test files are read on a second
     * thread while the training files are read on this one.
     *
     * @param folder the folder
     * @return the training set, with the test set attached
     * @throws DatasetFormatException naming the file when a file is missing, corrupt, or the files
     *     disagree (counts, sizes, labels out of range)
     * @throws IOException when a file cannot be read
     */
    public MemoryDataset load(Path folder) throws IOException {
        CompletableFuture<MemoryDataset> test = CompletableFuture.supplyAsync(() -> {
            try {
                return loadPart(folder, 2, displayName + " (test)", null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        MemoryDataset train;
        try {
            train = loadPart(folder, 0, displayName + " (train)", null);
        } catch (IOException | RuntimeException e) {
            test.cancel(false);
            throw e;
        }
        try {
            return train.withTestSet(test.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
    }

    private MemoryDataset loadPart(Path folder, int first, String partName, Dataset testSet) throws IOException {
        Path imagesFile = existing(folder, FILES.get(first));
        Path labelsFile = existing(folder, FILES.get(first + 1));
        IdxArray labels = IdxReader.read(labelsFile);
        if (labels.dims().length != 1) {
            throw new DatasetFormatException(labelsFile, "a label file must have 1 dimension, but this one has "
                    + labels.shapeText());
        }
        IdxReader.Scaled images = IdxReader.readScaled(imagesFile, 1f / 255f);
        int[] dims = images.dims();
        if (dims.length != 3) {
            throw new DatasetFormatException(imagesFile, "an image file must have 3 dimensions (count × rows ×"
                    + " columns), but this one has " + IdxArray.shapeText(dims));
        }
        if (dims[0] != labels.count()) {
            throw new DatasetFormatException(imagesFile, "holds " + dims[0] + " images but "
                    + labelsFile.getFileName() + " holds " + labels.count() + " labels");
        }
        int[] classes = labels.toInts();
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= classNames.size()) {
                throw new DatasetFormatException(labelsFile, "label " + (i + 1) + " is " + classes[i]
                        + ", but " + displayName + " has only the classes 0 to " + (classNames.size() - 1));
            }
        }
        return MemoryDataset.adopt(partName, images.values(), new Shape(1, dims[1], dims[2]),
                new Targets.Classes(classes, classNames), testSet);
    }

    /**
     * Downloads the four files into the locator's cache folder, checking each SHA-256. Does
     * nothing for files already there and intact. Blocking; never called implicitly.
     *
     * @param downloader the downloader
     * @param locator gives the cache folder
     * @param progress receives progress
     * @return the folder now holding the dataset
     * @throws IOException if a file cannot be downloaded and verified
     */
    public Path download(DatasetDownloader downloader, DatasetLocator locator, DownloadProgress progress)
            throws IOException {
        Path folder = locator.cacheFolder(name);
        downloader.downloadAll(downloads, folder, progress);
        return folder;
    }

    private static boolean isComplete(Path folder) {
        for (String file : FILES) {
            if (!Files.isRegularFile(folder.resolve(file + ".gz")) && !Files.isRegularFile(folder.resolve(file))) {
                return false;
            }
        }
        return true;
    }

    private static Path existing(Path folder, String file) throws DatasetFormatException {
        Path gz = folder.resolve(file + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = folder.resolve(file);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new DatasetFormatException(folder, "the file " + file + ".gz (or " + file + ") is missing");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
