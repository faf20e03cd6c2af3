package org.netstudio.app.window.preview;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.encoding.ImageEncoder;
import org.netstudio.engine.encoding.NetImages;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.netgraph.net.NetNode;
import org.netstudio.netgraph.tensor.Dim;
import org.netstudio.netgraph.tensor.ElementKind;
import org.netstudio.netgraph.tensor.TensorType;

/** Makes the example a preview runs: at random, from loaded data, or from an image file. No JavaFX. */
final class PreviewInputs {

    /** How long a sequence of varying length is when drawn at random. */
    static final int RANDOM_LENGTH = 8;

    private PreviewInputs() {
    }

    /** Random values for each input: uniform in [0, 1) for real numbers, indices in their range. */
    static PreviewExample random(List<TensorType> inputs, int seed) {
        Random random = new Random(seed);
        List<TensorValue> values = new ArrayList<>();
        for (TensorType t : inputs) {
            long[] shape = new long[t.rankKnown() ? t.rank() : 1];
            int size = 1;
            for (int i = 0; i < shape.length; i++) {
                Dim d = t.rankKnown() ? t.dim(i) : null;
                shape[i] = d instanceof Dim.Fixed f ? f.size() : RANDOM_LENGTH;
                size = Math.multiplyExact(size, (int) shape[i]);
            }
            float[] v = new float[size];
            int range = t.kind() instanceof ElementKind.Index index && index.rangeKnown() ? index.size() : 0;
            for (int i = 0; i < size; i++) {
                v[i] = t.kind() instanceof ElementKind.Index ? random.nextInt(Math.max(1, range == 0 ? 10 : range))
                        : random.nextFloat();
            }
            values.add(TensorValue.of(v, shape));
        }
        return new PreviewExample("random input " + seed, values);
    }

    /**
     * Example {@code index} of a dataset (its test split when it has one), reshaped to the net's
     * one input.
     */
    static PreviewExample fromData(Dataset data, int index, TensorType input) {
        Dataset set = data.testSet().orElse(data);
        if (set.size() == 0) {
            throw new IllegalArgumentException("The trainer panel's data has no examples.");
        }
        int i = Math.floorMod(index, set.size());
        float[] features = set.features(i);
        long[] shape = shapeOf(input, features.length);
        List<String> classes = set.classNames();
        String label = "";
        if (!classes.isEmpty() && set.targets() instanceof org.netstudio.engine.data.Targets.Classes c) {
            label = ": " + classes.get(c.label(i));
        }
        String which = data.testSet().isPresent() ? "test example " : "example ";
        return new PreviewExample(String.format(Locale.ROOT, "%s%d of %,d%s", which, i + 1, set.size(), label),
                List.of(TensorValue.of(features, shape)));
    }

    /** An image file through the input's image encoder. */
    static PreviewExample fromImage(Path file, NetNode net, TensorType input) throws IOException {
        ImageEncoder encoder = NetImages.encoder(net, input).orElseThrow(() -> new IllegalArgumentException(
                "The net's input is " + input.describe() + ", not an image."));
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file.getFileName() + " is not an image NetStudio can read (PNG, JPEG, GIF, BMP).");
        }
        float[] values = encoder.encode(image);
        return new PreviewExample(file.getFileName().toString(), List.of(TensorValue.of(values, shapeOf(input,
                values.length))));
    }

    /** The input's shape when it is fully known and holds {@code length} numbers, else a vector. */
    private static long[] shapeOf(TensorType input, int length) {
        if (input.isFullyKnown() && input.elementCount() == length) {
            long[] s = new long[input.rank()];
            for (int i = 0; i < s.length; i++) {
                s[i] = ((Dim.Fixed) input.dim(i)).size();
            }
            return s;
        }
        return new long[] {length};
    }
}
