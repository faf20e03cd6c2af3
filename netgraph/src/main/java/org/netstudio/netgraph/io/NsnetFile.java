package org.netstudio.netgraph.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.netstudio.netgraph.net.NetDocument;

/**
 * A trained net in one file: a zip holding exactly {@code net.json} (the net file, see
 * {@link NetFileReader}) and {@code weights.safetensors} (see {@link Safetensors}).
 *
 * <p>Reading is as strict as for the parts: a missing, duplicate or unexpected entry, or weights
 * for nodes the net does not have are refused with a {@link NetFileException} naming the file and
 * the entry. Nothing is allocated on the zip's word: each entry's declared sizes are checked
 * against the file and a decompression ratio before it is read, no more than it declares is ever
 * inflated, and its length and CRC-32 are verified, so a zip bomb stops early and a truncated or
 * byte-flipped file is refused (see {@link ZipEntryInput}). In all, at most
 * {@link NetFileReader#MAX_FILE_BYTES} + {@link #MAX_WEIGHTS_BYTES} bytes are read. Writing is atomic and deterministic
 * (fixed entry order and timestamps; the weights stored uncompressed, as floats hardly compress).
 * Stateless and thread-safe.
 */
public final class NsnetFile {

    public static final String NET_ENTRY = "net.json";
    public static final String WEIGHTS_ENTRY = "weights.safetensors";

    /** The largest weights entry read, in bytes (uncompressed). */
    public static final long MAX_WEIGHTS_BYTES = 4L << 30;

    /** Entries get this time so that saving the same net twice gives the same bytes. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

    private NsnetFile() {
    }

    /** Reads a .nsnet file; the result always has weights. */
    public static LoadedNet read(Path file) throws IOException {
        return read(file, MAX_WEIGHTS_BYTES);
    }

    static LoadedNet read(Path file, long maxWeightsBytes) throws IOException {
        String source = file.toString();
        RegularFiles.require(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new NetFileException(source, null, "not a .nsnet file: it is not a zip archive (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new NetFileException(source, null, "not a readable .nsnet file: its zip directory ends early"
                    + " (is the file truncated?)", e);
        }
        try (zip) {
            ZipEntry net = null;
            ZipEntry weights = null;
            Set<String> seen = new HashSet<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            int count = 0;
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (++count > 16) {
                    throw new NetFileException(source, null, "it has more entries than a .nsnet file holds ("
                            + NET_ENTRY + " and " + WEIGHTS_ENTRY + ")");
                }
                if (!seen.add(e.getName())) {
                    throw new NetFileException(source, e.getName(), "the entry appears twice");
                }
                if (e.getName().equals(NET_ENTRY)) {
                    net = e;
                } else if (e.getName().equals(WEIGHTS_ENTRY)) {
                    weights = e;
                } else {
                    throw new NetFileException(source, e.getName(), "unexpected entry; a .nsnet file holds only "
                            + NET_ENTRY + " and " + WEIGHTS_ENTRY);
                }
            }
            if (net == null) {
                throw new NetFileException(source, null, "missing " + NET_ENTRY + ", the net itself");
            }
            if (weights == null) {
                throw new NetFileException(source, null, "missing " + WEIGHTS_ENTRY + ", the net's weights");
            }
            long fileLength = Files.size(file);
            String netSource = source + " (" + NET_ENTRY + ")";
            NetDocument doc;
            try (InputStream in = ZipEntryInput.open(zip, net, fileLength, NetFileReader.MAX_FILE_BYTES,
                    "a net file may have", source)) {
                doc = NetFileReader.read(in, netSource);
            }
            Weights w;
            try (ZipEntryInput in = ZipEntryInput.open(zip, weights, fileLength, maxWeightsBytes, "NetStudio reads",
                    source)) {
                w = Safetensors.read(in, weights.getSize(), source + " (" + WEIGHTS_ENTRY + ")");
            }
            WeightsFit.check(doc, w, source + " (" + WEIGHTS_ENTRY + ")");
            return new LoadedNet(doc, w);
        }
    }

    /**
     * Saves the net and its weights to {@code file} atomically. Throws IllegalArgumentException
     * (before touching the file) when the net cannot be written faithfully, see {@link NetFileWriter}.
     */
    public static void write(Path file, NetDocument doc, Weights weights) throws IOException {
        byte[] json = NetFileWriter.toBytes(doc);
        byte[] tensors = Safetensors.toBytes(weights);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            ZipEntry net = new ZipEntry(NET_ENTRY);
            net.setTimeLocal(FIXED_TIME);
            net.setMethod(ZipEntry.DEFLATED);
            zip.putNextEntry(net);
            zip.write(json);
            zip.closeEntry();
            ZipEntry w = new ZipEntry(WEIGHTS_ENTRY);
            w.setTimeLocal(FIXED_TIME);
            w.setMethod(ZipEntry.STORED);
            w.setSize(tensors.length);
            w.setCompressedSize(tensors.length);
            CRC32 crc = new CRC32();
            crc.update(tensors);
            w.setCrc(crc.getValue());
            zip.putNextEntry(w);
            zip.write(tensors);
            zip.closeEntry();
            zip.finish();
        });
    }
}
