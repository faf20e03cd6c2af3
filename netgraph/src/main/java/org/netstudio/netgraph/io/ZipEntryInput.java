package org.netstudio.netgraph.io;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One entry of a zip opened for reading without trusting what the zip says of it. Before anything
 * is read: the sizes must be declared, the compressed bytes must fit in the file, a stored entry
 * must hold as many bytes as it declares, a deflated one may not inflate more than
 * {@link #MAX_RATIO} times (beyond {@link #RATIO_FREE_BYTES}), and the size must be within the
 * caller's limit. While reading: no more than the declared size is ever returned, and at the end
 * the byte count and the CRC-32 must match the declared ones, so a truncated, padded or
 * byte-flipped entry is refused instead of loading changed data. Every problem is a
 * {@link NetFileException} naming the file and the entry. Not thread-safe (one reader).
 */
final class ZipEntryInput extends FilterInputStream {

    /** The most a deflated entry may grow when inflated: real nets and weights stay far below. */
    static final long MAX_RATIO = 100;

    /** Entries up to this size may have any ratio (a small file of zeros is harmless). */
    static final long RATIO_FREE_BYTES = 1 << 20;

    private final String source;
    private final ZipEntry entry;
    private final CRC32 crc = new CRC32();
    private long count;
    private boolean checked;

    private ZipEntryInput(InputStream in, String source, ZipEntry entry) {
        super(in);
        this.source = source;
        this.entry = entry;
    }

    /**
     * Checks what the zip declares of {@code entry} against {@code fileLength} (the zip file's
     * size) and {@code limit} (the most bytes the caller reads; {@code what} names its limit in the
     * message, e.g. "a net file may have"), then opens it.
     */
    static ZipEntryInput open(ZipFile zip, ZipEntry entry, long fileLength, long limit, String limitPhrase,
                              String source) throws IOException {
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size < 0 || compressed < 0 || entry.getCrc() < 0) {
            throw fail(source, entry, "the zip does not say how large the entry is or what its checksum is");
        }
        if (compressed > fileLength) {
            throw fail(source, entry, "the entry claims " + compressed + " compressed bytes, but the whole file has "
                    + fileLength);
        }
        if (size > limit) {
            throw fail(source, entry, "the entry is " + size + " bytes, more than the " + limit + " bytes " + limitPhrase);
        }
        if (entry.getMethod() == ZipEntry.STORED && size != compressed) {
            throw fail(source, entry, "the entry is stored uncompressed, yet declares " + size + " bytes in "
                    + compressed);
        }
        if (entry.getMethod() != ZipEntry.STORED && size > RATIO_FREE_BYTES && size / MAX_RATIO > compressed) {
            throw fail(source, entry, "the entry would inflate " + compressed + " bytes to " + size + " (more than "
                    + MAX_RATIO + " times), which NetStudio refuses as a zip bomb");
        }
        InputStream in;
        try {
            in = zip.getInputStream(entry);
        } catch (IOException e) {
            throw corrupt(source, entry, e);
        }
        return new ZipEntryInput(in, source, entry);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            // One byte beyond the declared size is asked for, so an entry holding more is noticed.
            n = super.read(b, off, (int) Math.min(len, entry.getSize() - count + 1));
        } catch (NetFileException e) {
            throw e;
        } catch (IOException e) {
            throw corrupt(source, entry, e);
        }
        if (n < 0) {
            verify();
            return -1;
        }
        count += n;
        if (count > entry.getSize()) {
            throw fail(source, entry, "the entry holds more than the " + entry.getSize() + " bytes it declares");
        }
        crc.update(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are read, so that they count towards the checksum.
        byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 1 << 16)];
        long left = n;
        while (left > 0) {
            int r = read(buf, 0, (int) Math.min(left, buf.length));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - Math.max(left, 0);
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws NetFileException {
        if (checked) {
            return;
        }
        checked = true;
        if (count != entry.getSize()) {
            throw fail(source, entry, "the entry ends after " + count + " of its " + entry.getSize()
                    + " bytes (is the file truncated?)");
        }
        if (crc.getValue() != entry.getCrc()) {
            throw fail(source, entry, "the entry is corrupt: its bytes do not match its CRC-32 checksum");
        }
    }

    private static NetFileException fail(String source, ZipEntry entry, String detail) {
        return new NetFileException(source, entry.getName(), detail);
    }

    private static NetFileException corrupt(String source, ZipEntry entry, IOException e) {
        String why = e instanceof EOFException ? "its data ends early (is the file truncated?)"
                : "its data cannot be read (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
        return new NetFileException(source, entry.getName(), "the entry is corrupt: " + why, e);
    }
}
