package org.netstudio.netgraph.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Zip files written byte by byte, so that a test can make them lie: an entry may declare any size,
 * compressed size and CRC-32 whatever data it really holds. The same inputs give the same bytes.
 */
public final class HandMadeZip {

    /** One entry as it is written: its data as stored in the file, and what its headers declare. */
    public record Entry(String name, boolean deflated, byte[] data, long size, long compressedSize, long crc) {

        /** A truthful stored entry. */
        public static Entry stored(String name, byte[] content) {
            return new Entry(name, false, content, content.length, content.length, HandMadeZip.crc(content));
        }

        /** A truthful deflated entry. */
        public static Entry deflated(String name, byte[] content) {
            byte[] packed = deflate(content);
            return new Entry(name, true, packed, content.length, packed.length, HandMadeZip.crc(content));
        }

        public Entry declaring(long newSize, long newCompressedSize, long newCrc) {
            return new Entry(name, deflated, data, newSize, newCompressedSize, newCrc);
        }

        public Entry withData(byte[] newData) {
            return new Entry(name, deflated, newData, size, compressedSize, crc);
        }
    }

    private HandMadeZip() {
    }

    /** The bytes of a zip holding these entries (sizes written as 32-bit fields, as without ZIP64). */
    public static byte[] of(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add(out.size());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(30 + name.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) (e.deflated() ? 8 : 0))
                    .putShort((short) 0).putShort((short) 0x5021).putInt((int) e.crc()).putInt((int) e.compressedSize())
                    .putInt((int) e.size()).putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(h.array());
            out.writeBytes(e.data());
        }
        int centralStart = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer c = le(46 + name.length);
            c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800)
                    .putShort((short) (e.deflated() ? 8 : 0)).putShort((short) 0).putShort((short) 0x5021)
                    .putInt((int) e.crc()).putInt((int) e.compressedSize()).putInt((int) e.size())
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt(offsets.get(i)).put(name);
            out.writeBytes(c.array());
        }
        int centralSize = out.size() - centralStart;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(centralSize).putInt(centralStart).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    public static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    /** Raw deflate (no zlib header), as zip entries hold it. */
    public static byte[] deflate(byte[] content) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        d.setInput(content);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
