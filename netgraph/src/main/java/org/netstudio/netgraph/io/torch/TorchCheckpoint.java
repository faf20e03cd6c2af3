package org.netstudio.netgraph.io.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.RegularFiles;
import org.netstudio.netgraph.io.WeightArray;

/**
 * Reads a PyTorch state_dict saved by {@code torch.save} (the zip format of PyTorch 1.6 and later,
 * as torchvision publishes its {@code .pth} weights): {@code <archive>/data.pkl}, a pickle of an
 * OrderedDict of names to tensors, and {@code <archive>/data/<key>}, each storage's raw
 * little-endian values. Float32 tensors become real arrays and int64 ones (BatchNorm's
 * {@code num_batches_tracked}) whole-number arrays, named by their state_dict keys
 * ({@code "layer1.0.conv1.weight"}), shaped as in PyTorch, with storage offsets and strides applied.
 *
 * <p>No pickle code is ever run: only the globals a state_dict needs are recognised (see
 * {@link StateDictPickle}); anything else, other dtypes, the legacy non-zip format or a broken file
 * is refused with a {@link NetFileException} naming the file and the problem. Stateless; thread-safe.
 */
public final class TorchCheckpoint {

    private TorchCheckpoint() {
    }

    /** The tensors of a state_dict file by name, in the file's order (read-only). */
    public static Map<String, WeightArray> read(Path file) throws IOException {
        String name = file.getFileName().toString();
        RegularFiles.require(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(zip, name);
        } catch (ZipException e) {
            throw new NetFileException(name, null, "is not a PyTorch zip checkpoint (torch.save since PyTorch 1.6): "
                    + e.getMessage(), e);
        }
    }

    private static Map<String, WeightArray> read(ZipFile zip, String name) throws IOException {
        ZipEntry pickle = zip.stream().filter(e -> e.getName().endsWith("/data.pkl") || e.getName().equals("data.pkl"))
                .findFirst().orElseThrow(() -> new NetFileException(name, null,
                        "has no data.pkl entry, so it is not a checkpoint written by torch.save"));
        String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
        Map<String, StateDictPickle.TensorView> views;
        try {
            views = StateDictPickle.read(zip.getInputStream(pickle).readAllBytes());
        } catch (StateDictPickle.Refused e) {
            throw new NetFileException(name, pickle.getName(), e.getMessage());
        }
        Map<String, ByteBuffer> storages = new LinkedHashMap<>();
        Map<String, WeightArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, StateDictPickle.TensorView> e : views.entrySet()) {
            StateDictPickle.TensorView t = e.getValue();
            String entry = prefix + "data/" + t.storage().key();
            ByteBuffer data = storages.get(entry);
            if (data == null) {
                ZipEntry z = zip.getEntry(entry);
                if (z == null) {
                    throw new NetFileException(name, e.getKey(), "its storage " + entry + " is missing from the file");
                }
                data = ByteBuffer.wrap(zip.getInputStream(z).readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
                storages.put(entry, data);
            }
            out.put(e.getKey(), array(name, e.getKey(), t, data));
        }
        return Collections.unmodifiableMap(out);
    }

    private static WeightArray array(String file, String key, StateDictPickle.TensorView t, ByteBuffer data)
            throws NetFileException {
        try {
            return view(file, key, t, data);
        } catch (ArithmeticException e) {
            throw new NetFileException(file, key, "its shape " + Arrays.toString(t.size()) + " or strides "
                    + Arrays.toString(t.stride()) + " are too large to address");
        }
    }

    private static WeightArray view(String file, String key, StateDictPickle.TensorView t, ByteBuffer data)
            throws NetFileException {
        boolean real = t.storage().type().equals("FloatStorage");
        int width = real ? Float.BYTES : Long.BYTES;
        long count = t.storage().count();
        if ((long) data.capacity() < Math.multiplyExact(count, width)) {
            throw new NetFileException(file, key, "its storage holds " + data.capacity() + " bytes, but "
                    + count + " values need " + count * width);
        }
        long n = 1;
        long last = t.offset();
        for (int d = 0; d < t.size().length; d++) {
            n = Math.multiplyExact(n, t.size()[d]);
            last = Math.addExact(last, t.size()[d] == 0 ? 0 : Math.multiplyExact(t.size()[d] - 1, t.stride()[d]));
        }
        if (n > 0 && last >= count || n > Integer.MAX_VALUE) {
            throw new NetFileException(file, key, "its shape " + Arrays.toString(t.size()) + " with strides "
                    + Arrays.toString(t.stride()) + " from offset " + t.offset() + " reaches past its storage of "
                    + count + " values");
        }
        float[] floats = real ? new float[(int) n] : null;
        long[] longs = real ? null : new long[(int) n];
        int[] index = new int[t.size().length];
        for (int i = 0; i < n; i++) {
            long at = t.offset();
            for (int d = 0; d < index.length; d++) {
                at += index[d] * t.stride()[d];
            }
            if (real) {
                floats[i] = data.getFloat((int) (at * width));
            } else {
                longs[i] = data.getLong((int) (at * width));
            }
            // Row-major odometer over the logical shape.
            for (int d = index.length - 1; d >= 0 && ++index[d] == t.size()[d]; d--) {
                index[d] = 0;
            }
        }
        return real ? WeightArray.of(key, t.size(), floats) : WeightArray.ofLongs(key, t.size(), longs);
    }
}
