package org.netstudio.netgraph.io.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Zips;

/** Reading torch.save state_dicts: real files from PyTorch when it is installed, and malformed ones built here. */
class TorchCheckpointTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    /** Runs a Python snippet with torch imported; skips the test when PyTorch is not installed. */
    static void python(Path dir, String script) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Path file = dir.resolve("make.py");
        Files.writeString(file, "import torch, collections\ntorch.manual_seed(7)\n" + script);
        Process p = new ProcessBuilder(PYTHON.toString(), file.toString()).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        assumeTrue(!out.contains("No module named 'torch'"), "PyTorch is not installed");
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void readsTensorsWithOffsetsAndStridesAsPyTorchSeesThem() throws Exception {
        python(dir, """
                base = torch.arange(24, dtype=torch.float32)
                d = collections.OrderedDict()
                d['plain.weight'] = torch.randn(4, 3, 2, 2)
                d['view.t'] = base.view(4, 6).t()          # strides (1, 6)
                d['view.slice'] = base[5:11]               # offset 5 into a shared storage
                d['bn.num_batches_tracked'] = torch.tensor(3)
                d['scalar'] = torch.tensor(2.5)
                torch.save(d, 'sd.pth')
                with open('expected.txt', 'w') as f:
                    for k, v in d.items():
                        f.write(k + ' ' + ','.join(str(s) for s in v.shape) + ' '
                                + ' '.join(repr(float(x)) for x in v.contiguous().view(-1).tolist()) + '\\n')
                """);
        Map<String, WeightArray> read = TorchCheckpoint.read(dir.resolve("sd.pth"));
        List<String> lines = Files.readAllLines(dir.resolve("expected.txt"));
        assertEquals(List.of("plain.weight", "view.t", "view.slice", "bn.num_batches_tracked", "scalar"),
                List.copyOf(read.keySet()));
        for (String line : lines) {
            String[] parts = line.split(" ");
            WeightArray a = read.get(parts[0]);
            long[] shape = parts[1].isEmpty() ? new long[0]
                    : java.util.Arrays.stream(parts[1].split(",")).mapToLong(Long::parseLong).toArray();
            assertArrayEquals(shape, a.shape(), parts[0]);
            float[] values = a.floats();
            assertEquals(parts.length - 2, values.length, parts[0]);
            for (int i = 0; i < values.length; i++) {
                assertEquals(Float.parseFloat(parts[i + 2]), values[i], 0f, parts[0] + "[" + i + "]");
            }
        }
        assertFalse(read.get("bn.num_batches_tracked").isReal());
        assertArrayEquals(new float[] {0, 6, 12, 18}, java.util.Arrays.copyOf(read.get("view.t").floats(), 4));
    }

    @Test
    void refusesDoubleTensors() throws Exception {
        python(dir, "torch.save({'w': torch.zeros(2, dtype=torch.float64)}, 'double.pth')\n");
        String e = refusal(dir.resolve("double.pth"));
        assertTrue(e.contains("torch.DoubleStorage"), e);
    }

    @Test
    void refusesAFileThatIsNotAZip() throws IOException {
        Path f = dir.resolve("old.pth");
        Files.write(f, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc});
        String e = refusal(f);
        assertTrue(e.startsWith("old.pth: is not a PyTorch zip checkpoint"), e);
    }

    @Test
    void refusesAZipWithoutAPickle() throws IOException {
        Path f = zip("empty.pth", Map.of("archive/version", "3\n".getBytes(StandardCharsets.UTF_8)));
        String e = refusal(f);
        assertTrue(e.contains("has no data.pkl"), e);
    }

    @Test
    void neverRunsAGlobalItDoesNotKnow() throws IOException {
        // pickle.dumps of os.system('true') at protocol 2: a classic code-execution payload.
        byte[] evil = bytes("\u0080\u0002cposix\nsystem\nq\u0000X\u0004\u0000\u0000\u0000trueq\u0001\u0085q\u0002Rq\u0003.");
        assertEquals(globalRefused("evil.pth", "posix.system"), pickleRefusal("evil.pth", evil));
    }

    @Test
    void refusesUnknownOpcodesAndTruncatedPickles() throws IOException {
        String e = pickleRefusal("odd.pth", bytes("\u0080\u0002}q\u0000Vx\n."));
        assertTrue(e.contains("opcode 0x56 at byte 5"), e);

        String c = pickleRefusal("cut.pth", bytes("\u0080\u0002}q\u0000X\u0010\u0000\u0000\u0000ab"));
        assertTrue(c.contains("longer than the rest of the file"), c);
    }

    @Test
    void refusesAStorageShorterThanItsTensor() throws Exception {
        python(dir, "torch.save({'w': torch.ones(3, 4)}, 'short.pth')\n");
        // Rewrite the zip with the storage cut to half its bytes.
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(dir.resolve("short.pth").toFile())) {
            for (ZipEntry en : java.util.Collections.list(z.entries())) {
                byte[] b = z.getInputStream(en).readAllBytes();
                entries.put(en.getName(), en.getName().endsWith("data/0") ? java.util.Arrays.copyOf(b, 24) : b);
            }
        }
        Path f = zip("short-cut.pth", entries);
        String e = refusal(f);
        assertTrue(e.startsWith("short-cut.pth: w: its storage holds 24 bytes, but 12 values need 48"),
                e);
    }

    @Test
    void readsAHandWrittenStateDictWithoutPyTorch() throws IOException {
        // Storage 0..5; a 2×2 view from offset 1 with strides (1, 2): [[1, 3], [2, 4]].
        Path f = zip("hand.pth", Map.of("archive/data.pkl", stateDict("w", 6, 1, new long[] {2, 2}, new long[] {1, 2}),
                "archive/data/0", floats(0, 1, 2, 3, 4, 5)));
        WeightArray w = TorchCheckpoint.read(f).get("w");
        assertArrayEquals(new long[] {2, 2}, w.shape());
        assertArrayEquals(new float[] {1, 3, 2, 4}, w.floats());
    }

    @Test
    void refusesViewsOutsideTheirStorageOrTooLargeToAddress() throws IOException {
        Path outside = zip("outside.pth", Map.of("archive/data.pkl", stateDict("w", 6, 3, new long[] {2, 2},
                new long[] {2, 1}), "archive/data/0", floats(0, 1, 2, 3, 4, 5)));
        String e = refusal(outside);
        assertEquals("outside.pth: w: its shape [2, 2] with strides [2, 1] from offset 3 reaches past its storage of 6"
                + " values", e);

        Path huge = zip("huge.pth", Map.of("archive/data.pkl", stateDict("w", 6, 0, new long[] {1L << 40, 1L << 40},
                new long[] {1, 1}), "archive/data/0", floats(0, 1, 2, 3, 4, 5)));
        String h = refusal(huge);
        assertTrue(h.contains("too large to address"), h);
    }

    @Test
    void readsParametersAndTheFramesOfPickleProtocolFourButNotAWholeModule() throws Exception {
        python(dir, """
                d = collections.OrderedDict()
                d['p'] = torch.nn.Parameter(torch.arange(6, dtype=torch.float32).view(2, 3))
                d['t'] = torch.tensor([7, 8], dtype=torch.int64)
                torch.save(d, 'p2.pth')
                torch.save(d, 'p4.pth', pickle_protocol=4)
                torch.save(torch.nn.Linear(2, 3), 'module.pth')
                """);
        for (String file : List.of("p2.pth", "p4.pth")) {
            Map<String, WeightArray> read = TorchCheckpoint.read(dir.resolve(file));
            assertEquals(List.of("p", "t"), List.copyOf(read.keySet()), file);
            assertArrayEquals(new long[] {2, 3}, read.get("p").shape(), file);
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, read.get("p").floats(), file);
            assertFalse(read.get("t").isReal(), file);
        }
        String e = refusal(dir.resolve("module.pth"));
        assertTrue(e.startsWith("module.pth: module/data.pkl: the pickle refers to"
                + " torch.nn.modules.linear.Linear, which a state_dict of float tensors does not need"), e);
    }

    @Test
    void neverRunsAGlobalNamedOnTheStackEither() throws IOException {
        // Protocol 4 names globals with STACK_GLOBAL: "os", "system" pushed as texts first.
        byte[] evil = bytes("\u0080\u0004\u008c\u0002os\u0094\u008c\u0006system\u0094\u0093\u0094\u008c\u0004true"
                + "\u0094\u0085\u0094R\u0094.");
        assertEquals(globalRefused("evil4.pth", "os.system"), pickleRefusal("evil4.pth", evil));
    }

    @Test
    void neverTrustsALengthThePickleDeclares() throws IOException {
        // A string said to be 4 GB long in a file of a few bytes: refused before anything is allocated.
        String e = pickleRefusal("long.pth", bytes("\u0080\u0002}q\u0000X\u00f0\u00ff\u00ff\u00ffab"));
        assertEquals("long.pth: archive/data.pkl: the pickle holds a string of 4294967280 bytes, longer than the rest"
                + " of the file", e);
    }

    @Test
    void refusesMalformedPicklesInOneSentence() throws IOException {
        // REDUCE on a text instead of a callable, and a state_dict that is a list.
        String c = pickleRefusal("call.pth", bytes("\u0080\u0002X\u0001\u0000\u0000\u0000a)R."));
        assertEquals("call.pth: archive/data.pkl: the pickle is malformed at byte 9 (a value of the wrong kind, or a"
                + " missing one, where an opcode needs its arguments)", c);
        String l = pickleRefusal("list.pth", bytes("\u0080\u0002]."));
        assertEquals("list.pth: archive/data.pkl: the pickle holds a list, not a state_dict (an OrderedDict of tensors)",
                l);
        String s = pickleRefusal("empty-stack.pth", bytes("\u0080\u0002."));
        assertEquals("empty-stack.pth: archive/data.pkl: the pickle ends with 0 values on its stack instead of 1",
                s);
    }

    @Test
    void refusesATruncatedZip() throws IOException {
        Path whole = zip("whole.pth", Map.of("archive/data.pkl", stateDict("w", 6, 0, new long[] {6}, new long[] {1}),
                "archive/data/0", floats(0, 1, 2, 3, 4, 5)));
        byte[] b = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut-zip.pth"), java.util.Arrays.copyOf(b, b.length / 2));
        String e = refusal(cut);
        assertTrue(e.startsWith("cut-zip.pth: is not a PyTorch zip checkpoint"), e);
        assertFalse(e.contains("\n"), e);
    }

    /** The pickle torch.save writes for {name: a float tensor}, spelled out opcode by opcode. */
    private static byte[] stateDict(String name, long count, long offset, long[] size, long[] stride) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(bytes("\u0080\u0002ccollections\nOrderedDict\n)R("));
        text(b, name);
        b.writeBytes(bytes("ctorch._utils\n_rebuild_tensor_v2\n(("));
        text(b, "storage");
        b.writeBytes(bytes("ctorch\nFloatStorage\n"));
        text(b, "0");
        text(b, "cpu");
        integer(b, count);
        b.writeBytes(bytes("tQ"));
        integer(b, offset);
        b.write('(');
        for (long s : size) {
            integer(b, s);
        }
        b.writeBytes(bytes("t("));
        for (long s : stride) {
            integer(b, s);
        }
        b.writeBytes(bytes("t\u0089ccollections\nOrderedDict\n)RtRu."));
        return b.toByteArray();
    }

    private static void text(java.io.ByteArrayOutputStream b, String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        b.write('X');
        b.writeBytes(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(t.length).array());
        b.writeBytes(t);
    }

    private static void integer(java.io.ByteArrayOutputStream b, long v) {
        b.write(0x8a); // LONG1 with 8 bytes
        b.write(8);
        b.writeBytes(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    private static byte[] floats(float... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The one-sentence error reading {@code f} fails with. */
    private static String refusal(Path f) {
        return assertThrows(NetFileException.class, () -> TorchCheckpoint.read(f)).getMessage();
    }

    /** The error reading a checkpoint whose data.pkl is {@code pickle} fails with. */
    private String pickleRefusal(String name, byte[] pickle) throws IOException {
        return refusal(zip(name, Map.of("archive/data.pkl", pickle)));
    }

    /** The refusal of a pickle that names {@code global}: nothing named in a pickle is run. */
    private static String globalRefused(String file, String global) {
        return file + ": archive/data.pkl: the pickle refers to " + global + ", which a state_dict of float tensors"
                + " does not need (refused, nothing was run)";
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        return Zips.write(dir.resolve(name), entries);
    }
}
