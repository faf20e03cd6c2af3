package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.document.OnnxExport;
import org.netstudio.netgraph.io.NetFileReader;

/**
 * {@code import MODEL.onnx -o m.json} onto a disk that fills up writes nothing: not the net file
 * without its weights (issue 15), not a temporary. The disk is a 64 KB tmpfs, so the test runs
 * only where it may mount one (root on Linux); elsewhere it is skipped.
 */
@EnabledOnOs(OS.LINUX)
class ImportDiskFullTest {

    @TempDir
    Path dir;

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void anImportOntoAFullDiskWritesNothing() throws Exception {
        Path disk = Files.createDirectory(dir.resolve("disk"));
        assumeThat(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString()))
                .as("may mount a tmpfs").isTrue();
        try {
            // 64 inputs × 512 units of float32: 128 KB of weights, twice what the disk holds.
            String net = """
                    { "format": "netstudio.net", "version": 1, "name": "wide",
                      "net": { "type": "Chain", "input": { "shape": [64] },
                        "layers": [ { "type": "Linear", "units": 512, "name": "wide" } ] } }
                    """;
            Path model = dir.resolve("wide.onnx");
            OnnxExport.write(NetFileReader.read(net, "wide.json"), Optional.empty(), model, 0);
            Path out = disk.resolve("m.json");

            CliRun r = CliRun.run("import", model.toString(), "-o", out.toString());

            assertThat(r.exit()).isEqualTo(ExitCodes.UNREADABLE);
            assertThat(r.err().strip()).startsWith("netstudio import: cannot write " + out + ": ")
                    .contains("No space left on device");
            assertThat(r.err().strip().lines()).hasSize(1);
            try (Stream<Path> left = Files.list(disk)) {
                assertThat(left).as("nothing written, no temporary left").isEmpty();
            }
        } finally {
            run("umount", disk.toString());
        }
    }
}
