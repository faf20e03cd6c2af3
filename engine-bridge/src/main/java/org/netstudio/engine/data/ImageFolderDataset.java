package org.netstudio.engine.data;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.netgraph.io.RegularFiles;
import org.netstudio.netgraph.text.Shown;

/**
 * Images in a folder with one sub-folder per class ({@code root/cat/1.png}, {@code root/dog/7.jpg},
 * …), read from disk only when {@link #copyFeatures} asks for them, through an {@link
 * ImageEncoder}. Only the file list and the labels are held in memory, so the images may take more
 * space than the memory has.
 *
 * <p>Classes are the sub-folder names in sorted order; images are the files ending in .png, .jpg,
 * .jpeg, .bmp or .gif, sorted by name. Hidden files and folders are skipped. Immutable and safe to
 * read from several threads.
 */
public final class ImageFolderDataset implements Dataset {

    /** The file name extensions read, in lower case. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    /** The most pixels an image may have (4096 × 4096): its header is checked before it is decoded. */
    public static final long MAX_PIXELS = 1L << 24;

    private final String name;
    private final List<Path> files;
    private final Targets.Classes targets;
    private final ImageEncoder encoder;
    private final Dataset testSet;

    private ImageFolderDataset(String name, List<Path> files, Targets.Classes targets, ImageEncoder encoder,
            Dataset testSet) {
        this.name = name;
        this.files = List.copyOf(files);
        this.targets = targets;
        this.encoder = encoder;
        this.testSet = testSet;
    }

    /**
     * Lists the images of a folder; reads no image yet.
     *
     * @param root the folder holding one sub-folder per class
     * @param encoder turns each image into features
     * @return the dataset
     * @throws DatasetFormatException if there are no class folders, or a class folder has no image
     * @throws IOException if the folder cannot be listed
     */
    public static ImageFolderDataset open(Path root, ImageEncoder encoder) throws IOException {
        Objects.requireNonNull(encoder, "encoder");
        if (!Files.isDirectory(root)) {
            throw new DatasetFormatException(root, "not a folder; an image dataset is a folder with one sub-folder"
                    + " of images per class");
        }
        List<Path> classFolders;
        try (Stream<Path> children = Files.list(root)) {
            classFolders = children.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        if (classFolders.isEmpty()) {
            throw new DatasetFormatException(root, "has no sub-folders; put the images of each class in a"
                    + " sub-folder named after the class");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classFolders.size(); c++) {
            Path folder = classFolders.get(c);
            classNames.add(folder.getFileName().toString());
            List<Path> images;
            try (Stream<Path> children = Files.list(folder)) {
                images = children.filter(Files::isRegularFile).filter(p -> !hidden(p))
                        .filter(ImageFolderDataset::isImage).sorted().toList();
            }
            if (images.isEmpty()) {
                throw new DatasetFormatException(folder, "the class folder has no images (" + String.join(", ",
                        EXTENSIONS.stream().sorted().toList()) + ")");
            }
            for (Path image : images) {
                files.add(image);
                labels.add(c);
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageFolderDataset(root.getFileName() == null ? root.toString() : root.getFileName().toString(),
                files, new Targets.Classes(labelArray, classNames), encoder, null);
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape featureShape() {
        return encoder.shape();
    }

    @Override
    public Targets.Classes targets() {
        return targets;
    }

    @Override
    public Optional<Dataset> testSet() {
        return Optional.ofNullable(testSet);
    }

    /** The encoder images go through. */
    public ImageEncoder encoder() {
        return encoder;
    }

    /** The image files, in example order. */
    public List<Path> files() {
        return files;
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Decodes each image from disk now.
     */
    @Override
    public void copyFeatures(int[] indices, int from, int count, FloatBuffer destination) {
        Objects.checkFromIndexSize(from, count, indices.length);
        for (int i = from; i < from + count; i++) {
            Path file = files.get(indices[i]);
            encoder.encode(readImage(file), destination);
        }
    }

    /**
     * Decodes one image, its size checked from its header before its pixels are decoded. ImageIO's
     * decoders throw unchecked exceptions on some corrupt files; those are reported like any other
     * unreadable image.
     */
    static BufferedImage readImage(Path file) {
        try {
            Optional<String> notRegular = RegularFiles.problem(file);
            if (notRegular.isPresent()) {
                throw new DatasetFormatException(file, notRegular.get());
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
                if (readers == null || !readers.hasNext()) {
                    throw new DatasetFormatException(file, "not an image that can be read (PNG, JPEG, BMP or GIF)");
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                    if (pixels > MAX_PIXELS) {
                        throw new DatasetFormatException(file, "the image is " + reader.getWidth(0) + "×"
                                + reader.getHeight(0) + " pixels, more than the " + MAX_PIXELS + " NetStudio reads");
                    }
                    BufferedImage image = reader.read(0);
                    if (image == null) {
                        throw new DatasetFormatException(file, "not an image that can be read (PNG, JPEG, BMP or GIF)");
                    }
                    return image;
                } finally {
                    reader.dispose();
                }
            }
        } catch (DatasetFormatException e) {
            throw new UncheckedIOException(e);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : Shown.text(e.getMessage());
            throw new UncheckedIOException(new DatasetFormatException(file, "cannot read the image: " + why, e));
        }
    }

    @Override
    public ImageFolderDataset subset(int[] indices, String newName) {
        List<Path> picked = new ArrayList<>(indices.length);
        for (int index : indices) {
            picked.add(files.get(index));
        }
        return new ImageFolderDataset(newName, picked, targets.subset(indices), encoder, null);
    }

    /**
     * Returns this dataset with a test set.
     *
     * @param test the test set, or null
     * @return a new dataset
     */
    public ImageFolderDataset withTestSet(Dataset test) {
        return new ImageFolderDataset(name, files, targets, encoder, test);
    }

    @Override
    public String toString() {
        return "ImageFolderDataset[" + name + ", " + files.size() + " images, " + targets.classCount() + " classes, "
                + encoder + "]";
    }
}
