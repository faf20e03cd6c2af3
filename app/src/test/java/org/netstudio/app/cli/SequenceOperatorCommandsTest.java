package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on a net with a sequence operator: {@code info} lists the layers inside with
 * their paths, {@code train} trains it on sequences of varying length, and ONNX export refuses it
 * in a sentence.
 */
class SequenceOperatorCommandsTest {

    /** Token sequences read both ways by two GRUs, their last states catenated, then two classes. */
    private static final String BIDIRECTIONAL = """
            {"format": "netstudio.net", "version": 1, "name": "bi-gru",
             "net": {"type": "Chain", "input": {"shape": ["n"], "index": 12},
              "layers": [{"type": "Embedding", "size": 8},
                         {"type": "Bidirectional", "forward": {"type": "GRU", "units": 16, "returnSequences": false},
                          "backward": {"type": "GRU", "units": 16, "returnSequences": false}, "merge": "catenate"},
                         {"type": "Linear", "units": 2}, {"type": "Softmax"}]}}
            """;

    @TempDir
    Path dir;

    private Path net() throws IOException {
        return Files.writeString(dir.resolve("bi.json"), BIDIRECTIONAL);
    }

    @Test
    void infoListsTheLayersInsideAnOperatorByPath() throws IOException {
        CliRun r = run("info", net().toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("bidirectional1/forward\\s+GRU\\s+16\\s+1,248")
                .containsPattern("bidirectional1/backward\\s+GRU\\s+16\\s+1,248")
                .contains("2,658 parameters (2,658 trainable + 0 non-trainable)");
    }

    @Test
    void aBidirectionalNetTrainsOnSequencesOfVaryingLength() throws Exception {
        CliRun r = run("train", net().toString(), "--data",
                "majority", "--epochs", "2", "--learning-rate", "0.01", "--json", "--out", dir.resolve("bi.nsnet").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        // An untrained two-class net is at ln 2 ≈ 0.69; a trained one counts the markers.
        assertThat(new ObjectMapper().readTree(r.out()).get("validationLoss").asDouble()).isLessThan(0.5);
        assertThat(dir.resolve("bi.nsnet")).isNotEmptyFile();
    }

    @Test
    void onnxExportRefusesASequenceOperatorInASentence() throws IOException {
        CliRun r = run("export", net().toString(), "--onnx",
                dir.resolve("bi.onnx").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("netstudio export: these layers cannot be exported to ONNX: 'bidirectional1'"
                + " (Bidirectional: ONNX export does not write sequence operators)");
        assertThat(dir.resolve("bi.onnx")).doesNotExist();
    }
}
