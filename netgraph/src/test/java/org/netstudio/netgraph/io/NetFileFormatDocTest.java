package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.netstudio.netgraph.inference.ShapeInference;
import org.netstudio.netgraph.net.NetDocument;

/** The examples of docs/net-file-format.md are net files as NetStudio reads and writes them. */
class NetFileFormatDocTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyWholeNetFileInTheFormatDocumentReadsAsAValidNetAndIsWrittenBackAsShown() throws IOException {
        List<String> examples = netFiles();
        assertThat(examples).as("the document shows whole net files").hasSizeGreaterThanOrEqualTo(2);
        for (String example : examples) {
            NetDocument doc = NetFileReader.read(example, "net-file-format.md");
            assertThat(ShapeInference.infer(doc.net()).diagnostics()).as("problems of %s", doc.name()).isEmpty();
            assertThat(NetFileWriter.toJson(doc)).as("%s as NetStudio writes it", doc.name()).isEqualTo(example);
        }
    }

    @Test
    void theErrorMessageShownIsTheOneTheReaderGives() throws IOException {
        String lenet = netFiles().get(0).replace("\"name\": \"conv2\", \"channels\": 16, \"kernel\": 5",
                "\"name\": \"conv2\", \"channels\": 16, \"kernel\": \"five\"");
        NetFileException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> NetFileReader.read(lenet, "lenet.json"), NetFileException.class);
        assertThat(document()).contains(e.getMessage());
    }

    private static List<String> netFiles() throws IOException {
        List<String> found = new ArrayList<>();
        Matcher m = JSON_BLOCK.matcher(document());
        while (m.find()) {
            if (m.group(1).startsWith("{\n  \"format\": \"netstudio.net\"")) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private static String document() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs").resolve("net-file-format.md");
            if (Files.exists(doc)) {
                return Files.readString(doc, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no docs/net-file-format.md above " + Path.of("").toAbsolutePath());
    }
}
