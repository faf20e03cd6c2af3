package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoAndCheckCommandTest {

    private static final String LENET = """
            { "format": "netstudio.net", "version": 1, "name": "LeNet-5",
              "net": { "type": "Chain", "input": { "shape": [1, 28, 28] },
                "layers": [ { "type": "Convolution", "channels": 20, "kernel": 5 }, { "type": "Tanh" },
                            { "type": "Pooling", "function": "mean", "kernel": 2 },
                            { "type": "Convolution", "channels": 50, "kernel": 5 }, { "type": "Tanh" },
                            { "type": "Pooling", "function": "mean", "kernel": 2 },
                            { "type": "Flatten" }, { "type": "Linear", "units": 500 }, { "type": "Tanh" },
                            { "type": "Linear", "units": 10, "name": "logits" }, { "type": "Softmax" } ],
                "output": { "decoder": { "type": "Class", "labels": ["0","1","2","3","4","5","6","7","8","9"] } } } }
            """;

    private static final String VECTOR_INTO_LSTM = """
            { "format": "netstudio.net", "version": 1, "name": "bad",
              "net": { "type": "Chain", "input": { "shape": [3] },
                "layers": [ { "type": "Linear", "units": 5, "name": "dense1" },
                            { "type": "LSTM", "units": 8, "name": "lstm1" } ] } }
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void infoPrintsAKerasLikeSummary() throws IOException {
        CliRun r = run("info", file("lenet.json", LENET).toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("LeNet-5").contains("Input  Input: a 1×28×28 array")
                .contains("Output Output: a vector of size 10")
                .containsPattern("convolution1\\s+Convolution\\s+20×24×24\\s+520")
                .containsPattern("logits\\s+Linear\\s+10\\s+5,010")
                .contains("431,080 parameters (431,080 trainable + 0 non-trainable)");
    }

    @Test
    void infoJsonHasTheObjectOfTheDesign() throws IOException {
        CliRun r = run("info", file("lenet.json", LENET).toString(), "--json");

        assertThat(r.exit()).isZero();
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.at("/parameters/total").asLong()).isEqualTo(431_080);
        assertThat(o.at("/parameters/trainable").asLong()).isEqualTo(431_080);
        assertThat(o.at("/parameters/nonTrainable").asLong()).isZero();
        assertThat(o.get("layers")).hasSize(11);
        assertThat(o.at("/layers/0/name").asText()).isEqualTo("convolution1");
        assertThat(o.at("/layers/0/type").asText()).isEqualTo("Convolution");
        assertThat(o.at("/layers/0/outputShape").toString()).isEqualTo("[20,24,24]");
        assertThat(o.at("/layers/0/parameters").asLong()).isEqualTo(520);
        assertThat(o.at("/inputs/0/shape").toString()).isEqualTo("[1,28,28]");
        assertThat(o.at("/valid").asBoolean()).isTrue();
    }

    @Test
    void checkSaysValid() throws IOException {
        CliRun r = run("check", file("lenet.json", LENET).toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("valid");
    }

    @Test
    void checkNamesBothLayersAndBothTypesOfAVectorFedIntoAnLstm() throws IOException {
        CliRun r = run("check", file("bad.json", VECTOR_INTO_LSTM).toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().strip()).isEqualTo("Input of 'lstm1' (LSTM, layer 2) must be a sequence of vectors (n×d),"
                + " but 'dense1' (Linear, layer 1) outputs a vector of size 5: a vector is not compatible with a matrix.");
    }

    @Test
    void checkJsonListsProblems() throws IOException {
        CliRun r = run("check", "--json", file("bad.json", VECTOR_INTO_LSTM).toString());

        assertThat(r.exit()).isEqualTo(1);
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("valid").asBoolean()).isFalse();
        assertThat(o.at("/problems/0/node").asText()).isEqualTo("lstm1");
        assertThat(o.at("/problems/0/port").asText()).isEqualTo("Input");
        assertThat(o.at("/problems/0/message").asText()).contains("'dense1' (Linear, layer 1)");
    }

    @Test
    void unreadableFilesExitWithTwoNamingTheFileAndThePath() throws IOException {
        Path bad = file("typo.json", LENET.replace("\"Tanh\"", "\"Tahn\""));
        CliRun r = run("check", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("typo.json").contains("$.net.layers[1]").contains("Tahn")
                .contains("did you mean Tanh?");

        CliRun broken = run("info", file("broken.json", "{ \"format\": ").toString());
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err()).contains("broken.json");

        CliRun missing = run("info", dir.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: no such file");
    }

    private static final String HEAD = "{\"format\": \"netstudio.net\", \"version\": 1, \"name\": \"t\", ";

    @Test
    void aNodeWiredToItselfIsInvalid() throws IOException {
        Path self = file("self.json", HEAD + "\"net\": {\"type\": \"Graph\", \"inputs\": {\"x\": {\"shape\": [4]}},"
                + " \"nodes\": {\"relu\": {\"type\": \"Ramp\"}}, \"edges\": [{\"from\": \"relu\", \"to\": \"relu\"},"
                + " {\"from\": \"relu\", \"to\": \"y\"}], \"outputs\": {\"y\": {}}}}");
        CliRun r = run("check", self.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Input of 'relu' (Ramp) is wired from its own output Output");

        // Training it died with "NullPointerException: unconnected wire" (issue 15); it is refused before it starts.
        CliRun train = run("train", self.toString(), "--data", "spirals", "--epochs", "1");
        assertThat(train.exit()).isEqualTo(1);
        assertThat(train.err()).contains(self + " is not a valid net:")
                .contains("Input of 'relu' (Ramp) is wired from its own output Output").doesNotContain("Exception");
    }

    @Test
    void deepExpressionsAndSizesBeyondWhatFitsAreProblemsNamingTheLayer() throws IOException {
        Path deep = file("deep.json", HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [4]}, \"layers\":"
                + " [{\"type\": \"Elementwise\", \"function\": \"" + "(".repeat(5000) + "x" + ")".repeat(5000) + "\"}]}}");
        CliRun r = run("check", deep.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().strip()).startsWith("'elementwise1' (Elementwise, layer 1): function \"(((")
                .contains("nested more than 100 levels deep").doesNotContain("\n");

        Path wide = file("wide.json", HEAD + "\"net\": {\"type\": \"Chain\", \"input\": {\"shape\": [\"n\", 8]},"
                + " \"layers\": [{\"type\": \"LSTM\", \"units\": 2147483647, \"name\": \"lstm\"}]}}");
        CliRun info = run("info", wide.toString());
        assertThat(info.err()).doesNotContain("Exception").doesNotContain("negative");
        CliRun c = run("check", wide.toString());
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.out()).contains("'lstm' (LSTM, layer 1): units 2147483647 would give 4×2147483647 rows");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeOrALinkToDevZeroIsRefusedInOneLineWithoutReadingIt() throws Exception {
        Path fifo = dir.resolve("pipe.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "needs mkfifo");
        CliRun r = run("info", fifo.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).endsWith(fifo + ": it is a named pipe (FIFO), not a regular file").doesNotContain("\n");

        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "needs /dev/zero");
        Path zero = Files.createSymbolicLink(dir.resolve("zero.nsnet"), Path.of("/dev/zero"));
        CliRun z = run("info", zero.toString());
        assertThat(z.exit()).isEqualTo(2);
        assertThat(z.err().strip()).endsWith(zero + ": it is a link to /dev/zero, which is a device, not a regular file");
    }
}
