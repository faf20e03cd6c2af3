package org.netstudio.canvas.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.canvas.CanvasModel;
import org.netstudio.canvas.demo.CanvasDemo;
import org.netstudio.canvas.layout.LayoutRunner;
import org.netstudio.netgraph.edit.CommandStack;

class SvgExportTest {

    @Test
    void drawsEveryNodeAndWireWithItsTexts() {
        CanvasModel m = new CanvasModel(new CommandStack(CanvasDemo.lenet()), LayoutRunner.direct());

        String svg = SvgExport.svg(m.getLevel(), SvgPalette.DEFAULT);

        assertThat(svg.split("<g transform=").length - 1).isEqualTo(13);
        assertThat(svg.split("<path d=\"M").length - 1).isEqualTo(12);
        assertThat(svg).contains(">Pooling<").contains("mean 2×2").contains("50×4×4").contains("25,050 params")
                .contains("1×28×28").endsWith("</svg>\n");
        assertThat(SvgExport.esc("a<b & \"c\"")).isEqualTo("a&lt;b &amp; &quot;c&quot;");
    }

    @Test
    void anExportedFileGetsTheUsersPermissionsAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        assumeThat(Files.getFileStore(dir).supportsFileAttributeView("posix")).isTrue();
        CanvasModel m = new CanvasModel(new CommandStack(CanvasDemo.lenet()), LayoutRunner.direct());
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = dir.resolve("lenet.svg");
        // What an export killed half-way leaves: removed by the next export of the same file.
        Files.writeString(dir.resolve(".lenet.svg.4711.tmp"), "<svg");

        SvgExport.write(m.getLevel(), SvgPalette.DEFAULT, file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(SvgExport.svg(m.getLevel(), SvgPalette.DEFAULT));
        assertThat(Files.getPosixFilePermissions(file)).as("as a file the user creates (issue 15: 0600 before)")
                .isEqualTo(Files.getPosixFilePermissions(plain));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("plain", "lenet.svg");
        }
    }
}
