package org.netstudio.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.netstudio.app.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.app.cli.CliRun;
import org.netstudio.engine.data.DatasetCatalog;
import org.netstudio.engine.data.DatasetSource;
import org.netstudio.engine.data.WordNetNouns;
import org.netstudio.netgraph.files.NetFiles;
import org.netstudio.netgraph.io.LoadedNet;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.net.Edge;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.PortRef;

/**
 * A sentence classifier fine-tunes end to end from a labelled sentence set a Debian package installs
 * ({@code --data wordnet-nouns}, WordNet's definitions of animals, artifacts, foods and plants), through
 * the command line, and is measured on the set's held-out test split. Kept small for CI: MiniLM cut to
 * its first block, one epoch of 160 definitions (the rest of the training part held for validation).
 * That fine-tuning beats the frozen encoder is shown at full size by {@code ./bench wordnet}
 * ({@link WordNetFineTuneBench}).
 */
class WordNetFineTuneTest {

    @TempDir
    Path dir;

    /** all-MiniLM-L6-v2 cut after its first {@code blocks} transformer blocks: their output is the hidden state. */
    static LoadedNet miniLmOf(int blocks) {
        LoadedNet minilm = Gallery.standard().loadWithWeights(SentenceClassifier.ENCODER_ID);
        Graph g = (Graph) minilm.document().net();
        String hidden = g.outputs().keySet().iterator().next();
        Edge out = g.edgesInto(PortRef.graphPort(hidden)).get(0);
        g = g.withoutEdge(out).withEdge(new Edge(PortRef.of("encoder_layer_" + (blocks - 1) + "_output_LayerNorm_Add_1",
                "Output"), out.to()));
        return new LoadedNet(minilm.document().withNet(g), minilm.weights().orElseThrow());
    }

    private static Map<String, WeightArray> encoderArrays(Path net) throws Exception {
        Map<String, WeightArray> all = new TreeMap<>(NetFiles.read(net).weights().orElseThrow().arrays());
        all.keySet().removeIf(k -> !k.startsWith(SentenceClassifier.ENCODER + "/"));
        return all;
    }

    @Test
    void aClassifierFineTunesOnWordNetsDefinitionsAndIsMeasuredOnItsTestSplit() throws Exception {
        assumeTrue(DatasetCatalog.standard().isOnDisk(DatasetSource.WORDNET_NOUNS), "Debian's wordnet-base is not installed");
        Path net = dir.resolve("nouns.nsnet");
        LoadedNet classifier = SentenceClassifier.of(miniLmOf(1), WordNetNouns.classes());
        NetFiles.write(net, classifier.document(), classifier.weights().orElseThrow());
        Path trained = dir.resolve("trained.nsnet");

        CliRun r = run("train", net.toString(), "--data", "wordnet-nouns", "--epochs", "1", "--batch-size", "32",
                "--learning-rate", "0.002", "--validation", "0.9", "--seed", "1", "--no-record", "--json",
                "--out", trained.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        // 400 held-out definitions of 4 balanced classes: well above the 0.25 of a guess after five steps.
        assertThat(json.at("/testMeasures/accuracy").asDouble()).isGreaterThan(0.5);
        Map<String, WeightArray> before = encoderArrays(net);
        Map<String, WeightArray> after = encoderArrays(trained);
        assertThat(after.keySet()).isEqualTo(before.keySet()).contains("encoder/embeddings_position_embeddings_Gather/weights");
        before.forEach((k, a) -> assertThat(Arrays.equals(after.get(k).floats(), a.floats())).as(k + " changed").isFalse());
    }
}
