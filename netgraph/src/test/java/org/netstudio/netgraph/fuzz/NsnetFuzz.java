package org.netstudio.netgraph.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.netstudio.netgraph.catalog.ArraySpec;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.inference.LayerInfo;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.io.HandMadeZip;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.NetFileWriter;
import org.netstudio.netgraph.io.NsnetFile;
import org.netstudio.netgraph.io.RandomNets;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.NetDocument;

/**
 * Fuzzes the .nsnet and safetensors readers: random nets with weights for their arrays, saved as
 * NetStudio saves them, then mutated byte by byte (every accepted file must load exactly as
 * saved: the data is checksummed), rebuilt as zips that lie about sizes, checksums, compression
 * and entries (zip bombs among them), or with their safetensors header mutated. Refusal: a
 * {@link NetFileException}.
 */
public final class NsnetFuzz implements FuzzTarget {

    @Override
    public String name() {
        return ".nsnet / safetensors";
    }

    @Override
    public FuzzInput input(Random r, Path dir) throws Exception {
        NetDocument doc = RandomNets.document(r.nextLong());
        Weights weights = weightsFor(doc, r);
        Path nsnet = dir.resolve("net.nsnet");
        NsnetFile.write(nsnet, doc, weights);
        byte[] saved = Files.readAllBytes(nsnet);
        byte[] json = NetFileWriter.toBytes(doc);
        byte[] tensors = Safetensors.toBytes(weights);
        switch (r.nextInt(8)) {
            case 0 -> {
                return new FuzzInput(nsnet, "valid", new LoadedNet(doc, weights));
            }
            case 1, 2 -> {
                Files.write(nsnet, Mutations.mutate(saved, r));
                return new FuzzInput(nsnet, "bytes mutated", new LoadedNet(doc, weights));
            }
            case 3 -> {
                Files.write(nsnet, HandMadeZip.of(lyingEntries(json, tensors, r)));
                return new FuzzInput(nsnet, "zip entries lying");
            }
            case 4 -> {
                Files.write(nsnet, HandMadeZip.of(List.of(HandMadeZip.Entry.deflated(NsnetFile.NET_ENTRY, json),
                        entry(NsnetFile.WEIGHTS_ENTRY, safetensorsMutated(tensors, r), r))));
                return new FuzzInput(nsnet, "safetensors header mutated");
            }
            case 5 -> {
                Files.write(nsnet, HandMadeZip.of(List.of(entry(NsnetFile.NET_ENTRY, JsonMutations.mutate(json, r), r),
                        entry(NsnetFile.WEIGHTS_ENTRY, tensors, r))));
                return new FuzzInput(nsnet, "net.json mutated");
            }
            case 6 -> {
                Path raw = Files.write(dir.resolve("weights.safetensors"), r.nextBoolean()
                        ? safetensorsMutated(tensors, r) : Mutations.mutate(tensors, r));
                return new FuzzInput(raw, "raw safetensors mutated");
            }
            default -> {
                byte[] zeros = new byte[(1 + r.nextInt(3)) << 20];
                Files.write(nsnet, HandMadeZip.of(List.of(HandMadeZip.Entry.deflated(NsnetFile.NET_ENTRY, json),
                        HandMadeZip.Entry.deflated(NsnetFile.WEIGHTS_ENTRY, r.nextBoolean() ? zeros
                                : Arrays.copyOf(tensors, tensors.length + zeros.length)))));
                return new FuzzInput(nsnet, "zip bomb");
            }
        }
    }

    /** Random values for every array of the net whose shape inference knows and that is small. */
    private static Weights weightsFor(NetDocument doc, Random r) {
        List<WeightArray> arrays = new ArrayList<>();
        for (LayerInfo l : ShapeInference.infer(doc.net()).layers()) {
            for (ArraySpec a : l.arrays()) {
                long size = a.size();
                if (size < 0 || size > 4096) {
                    continue;
                }
                float[] values = new float[(int) size];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) r.nextGaussian();
                }
                long[] shape = a.shape().stream().mapToLong(d -> d.size()).toArray();
                arrays.add(WeightArray.of(Weights.key(l.path(), a.name()), shape, values));
            }
        }
        return Weights.of(arrays, r.nextBoolean() ? Map.of() : Map.of("trainedEpochs", "3"));
    }

    private static HandMadeZip.Entry entry(String name, byte[] content, Random r) {
        return r.nextBoolean() ? HandMadeZip.Entry.stored(name, content) : HandMadeZip.Entry.deflated(name, content);
    }

    /** The two entries with what their headers declare, their data, names or number changed. */
    private static List<HandMadeZip.Entry> lyingEntries(byte[] json, byte[] tensors, Random r) {
        List<HandMadeZip.Entry> entries = new ArrayList<>(List.of(entry(NsnetFile.NET_ENTRY, json, r),
                entry(NsnetFile.WEIGHTS_ENTRY, tensors, r)));
        int k = r.nextInt(entries.size());
        HandMadeZip.Entry e = entries.get(k);
        switch (r.nextInt(7)) {
            case 0 -> e = e.declaring(lie(e.size(), r), e.compressedSize(), e.crc());
            case 1 -> e = e.declaring(e.size(), lie(e.compressedSize(), r), e.crc());
            case 2 -> e = e.declaring(e.size(), e.compressedSize(), lie(e.crc(), r) & 0xffffffffL);
            case 3 -> e = e.withData(Arrays.copyOf(e.data(), r.nextInt(e.data().length + 1)));
            case 4 -> e = e.withData(Mutations.mutate(e.data(), r));
            case 5 -> e = new HandMadeZip.Entry(r.nextBoolean() ? "../" + e.name() : e.name().toUpperCase(),
                    e.deflated(), e.data(), e.size(), e.compressedSize(), e.crc());
            default -> entries.add(r.nextBoolean() ? e : HandMadeZip.Entry.stored("run.sh", new byte[8]));
        }
        entries.set(k, e);
        if (r.nextInt(4) == 0) {
            entries.remove(r.nextInt(entries.size()));
        }
        return entries;
    }

    private static long lie(long truth, Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> Mutations.interesting(r) & 0xffffffffL;
            case 1 -> Math.max(0, truth + r.nextInt(17) - 8);
            default -> truth * (2 + r.nextInt(1000));
        };
    }

    /** The safetensors bytes with their JSON header mutated, and its length field true or not. */
    private static byte[] safetensorsMutated(byte[] tensors, Random r) {
        ByteBuffer b = ByteBuffer.wrap(tensors).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) b.getLong();
        byte[] header = Arrays.copyOfRange(tensors, 8, 8 + headerLength);
        byte[] data = Arrays.copyOfRange(tensors, 8 + headerLength, tensors.length);
        byte[] mutated = JsonMutations.mutate(new String(header, StandardCharsets.UTF_8).strip()
                .getBytes(StandardCharsets.UTF_8), r);
        if (r.nextInt(4) == 0) {
            mutated = Mutations.mutate(mutated, r);
        }
        long declared = r.nextInt(5) == 0 ? Mutations.interesting(r) : mutated.length;
        ByteBuffer out = ByteBuffer.allocate(8 + mutated.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(declared).put(mutated).put(data);
        return out.array();
    }

    @Override
    public Object read(Path input) throws Exception {
        if (input.getFileName().toString().endsWith(".safetensors")) {
            Safetensors.read(input);
            return null;
        }
        LoadedNet loaded = NetFiles.read(input);
        return new LoadedNet(loaded.document(), loaded.weights().orElseThrow());
    }

    @Override
    public boolean isRefusal(Throwable t) {
        return t instanceof NetFileException && FuzzTarget.isSentence(t.getMessage());
    }
}
