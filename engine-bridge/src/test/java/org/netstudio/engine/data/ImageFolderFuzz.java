package org.netstudio.engine.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.netstudio.engine.encoding.ColorSpace;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.netgraph.fuzz.FuzzInput;
import org.netstudio.netgraph.fuzz.FuzzTarget;
import org.netstudio.netgraph.fuzz.Mutations;

/**
 * Fuzzes the image-folder reader: folders of class sub-folders holding PNG, JPEG, BMP and GIF
 * files of every pixel layout ImageIO writes, mutated byte by byte or with headers declaring
 * billions of pixels, next to empty files, text named {@code .png}, folders named like images and
 * links to {@code /dev/zero}. Reading is what training does: list the folder, then decode and
 * encode every image. Refusal: a {@link DatasetFormatException}, thrown or (when an image is
 * decoded) wrapped in an {@link UncheckedIOException}.
 */
public final class ImageFolderFuzz implements FuzzTarget {

    private static final String[] FORMATS = {"png", "jpg", "bmp", "gif"};
    private static final int[] TYPES = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY,
            BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED};

    @Override
    public String name() {
        return "image folder";
    }

    @Override
    public FuzzInput input(Random r, Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("images"));
        // Half the folders hold only valid images; the others hold anything.
        boolean clean = r.nextBoolean();
        int classes = !clean && r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(3);
        StringBuilder made = new StringBuilder();
        for (int c = 0; c < classes; c++) {
            Path folder = Files.createDirectory(root.resolve(r.nextInt(10) == 0 ? "class é " + c : "class" + c));
            int files = !clean && r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(3);
            for (int f = 0; f < files; f++) {
                made.append(file(folder, f, clean, r)).append("; ");
            }
        }
        return new FuzzInput(root, made.length() == 0 ? "no images" : made.toString());
    }

    private static String file(Path folder, int index, boolean clean, Random r) throws Exception {
        String format = FORMATS[r.nextInt(FORMATS.length)];
        Path file = folder.resolve(index + "." + (r.nextInt(8) == 0 ? format.toUpperCase() : format));
        switch (clean ? 7 : r.nextInt(10)) {
            case 0 -> {
                Files.write(file, new byte[0]);
                return "empty " + format;
            }
            case 1 -> {
                Files.writeString(file, "not an image");
                return "text as " + format;
            }
            case 2 -> {
                Path zero = Path.of("/dev/zero");
                if (r.nextBoolean() && Files.exists(zero)) {
                    Files.createSymbolicLink(file, zero);
                    return "link to /dev/zero";
                }
                Files.createDirectory(file);
                return "folder named " + file.getFileName();
            }
            case 3 -> {
                Files.write(file, headerLying(image(format, r), format, r));
                return format + " header lying";
            }
            case 4, 5, 6 -> {
                Files.write(file, Mutations.mutate(image(format, r), r));
                return format + " mutated";
            }
            default -> {
                Files.write(file, image(format, r));
                return "valid " + format;
            }
        }
    }

    /** A small random image in a random pixel layout, or a few bytes when the format cannot hold that layout. */
    private static byte[] image(String format, Random r) throws Exception {
        BufferedImage image = new BufferedImage(1 + r.nextInt(24), 1 + r.nextInt(24), TYPES[r.nextInt(TYPES.length)]);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, r.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            ImageIO.write(rgb, format, out);
        }
        return out.toByteArray();
    }

    /** The image with the width or height in its header set to a size that breaks arithmetic. */
    private static byte[] headerLying(byte[] image, String format, Random r) {
        byte[] b = image.clone();
        long size = r.nextBoolean() ? Mutations.interesting(r) : 100_000 + r.nextInt(100_000);
        switch (format) {
            case "png" -> {
                if (b.length >= 24) {
                    ByteBuffer.wrap(b).putInt(16 + 4 * r.nextInt(2), (int) size);
                }
            }
            case "bmp" -> {
                if (b.length >= 26) {
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(18 + 4 * r.nextInt(2), (int) size);
                }
            }
            case "gif" -> {
                if (b.length >= 10) {
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(6 + 2 * r.nextInt(2), (short) size);
                }
            }
            default -> {
                for (int i = 2; i + 8 < b.length; i++) {
                    if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xC0) {
                        ByteBuffer.wrap(b).putShort(i + 5 + 2 * r.nextInt(2), (short) size);
                        break;
                    }
                }
            }
        }
        return b;
    }

    @Override
    public Object read(Path input) throws Exception {
        ImageEncoder encoder = ImageEncoder.of(8, 8, input.hashCode() % 2 == 0 ? ColorSpace.RGB : ColorSpace.GRAYSCALE);
        ImageFolderDataset d = ImageFolderDataset.open(input, encoder);
        int[] all = new int[d.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        d.copyFeatures(all, 0, all.length, FloatBuffer.allocate(all.length * encoder.length()));
        return null;
    }

    @Override
    public boolean isRefusal(Throwable t) {
        Throwable refusal = t instanceof UncheckedIOException u ? u.getCause() : t;
        return refusal instanceof DatasetFormatException && FuzzTarget.isSentence(refusal.getMessage());
    }
}
