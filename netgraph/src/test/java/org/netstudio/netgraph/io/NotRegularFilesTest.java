package org.netstudio.netgraph.io;

import org.netstudio.netgraph.files.NetFiles;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netstudio.netgraph.io.onnx.OnnxImporter;
import org.netstudio.netgraph.io.torch.TorchCheckpoint;

/**
 * A folder, a named pipe or a link to {@code /dev/zero} given as a net, weights or model file is
 * refused in one sentence before it is opened: reading a pipe would block forever and
 * {@code /dev/zero} never ends (issue 15). The timeout only guards the build against a reader that
 * blocks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NotRegularFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"net.json", "net.nsnet", "model.onnx"})
    void aNamedPipeIsRefusedWithoutBlocking(String name) throws Exception {
        Path fifo = fifo(name);
        assertThatThrownBy(() -> NetFiles.read(fifo)).isInstanceOf(NetFileException.class)
                .hasMessage(fifo + ": it is a named pipe (FIFO), not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"net.json", "net.nsnet", "model.onnx"})
    void aLinkToDevZeroIsRefusedWithoutReadingIt(String name) throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        Path link = Files.createSymbolicLink(dir.resolve(name), zero);
        assertThatThrownBy(() -> NetFiles.read(link)).isInstanceOf(NetFileException.class)
                .hasMessage(link + ": it is a link to /dev/zero, which is a device, not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"net.json", "net.nsnet", "model.onnx"})
    void aFolderIsRefused(String name) throws Exception {
        Path folder = Files.createDirectory(dir.resolve(name));
        assertThatThrownBy(() -> NetFiles.read(folder)).isInstanceOf(NetFileException.class)
                .hasMessage(folder + ": it is a folder, not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"safetensors", "onnx", "pt"})
    void everyReaderOfAPathRefusesAPipe(String kind) throws Exception {
        Path fifo = fifo("x." + kind);
        assertThatThrownBy(() -> {
            switch (kind) {
                case "safetensors" -> Safetensors.read(fifo);
                case "onnx" -> OnnxImporter.read(fifo);
                default -> TorchCheckpoint.read(fifo);
            }
        }).isInstanceOf(NetFileException.class).hasMessage(fifo + ": it is a named pipe (FIFO), not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pipe", "folder"})
    void weightsBesideANetThatAreNotAFileAreRefusedNotIgnored(String kind) throws Exception {
        Path net = dir.resolve("lenet.json");
        Files.writeString(net, NetFileReaderTestSupport.chain("{\"type\": \"Flatten\"}"));
        Path weights = dir.resolve("lenet.safetensors");
        if (kind.equals("pipe")) {
            mkfifo(weights);
        } else {
            Files.createDirectory(weights);
        }
        assertThatThrownBy(() -> NetFiles.read(net)).isInstanceOf(NetFileException.class)
                .hasMessageStartingWith(weights + ": it is a ");
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        mkfifo(p);
        return p;
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "needs mkfifo");
            return;
        }
        assumeTrue(mk.waitFor() == 0 && Files.exists(p), "mkfifo failed");
    }
}
