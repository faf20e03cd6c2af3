package org.netstudio.trainer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.runs.RunRecord;
import org.netstudio.engine.runs.RunStatus;

/** What the Runs view lists as differing between the selected runs. */
class RunDifferencesTest {

    private static RunRecord run(String id, String hash, Map<String, String> options) {
        return new RunRecord(id, Path.of(id), RunStatus.COMPLETED, Instant.EPOCH, null, "MLP", hash, "spirals", "",
                "cpu", "cli", List.of(), options, 3, 3, 0.5, 0.8, 0.6, 0.7, "", 1, 0, "");
    }

    private static Map<String, String> options(String rate, String batch) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("optimizer", "adam");
        m.put("learningRate", rate);
        m.put("batchSize", batch);
        return m;
    }

    @Test
    void onlyWhatDiffersIsListedTheNetFirst() {
        RunRecord a = run("a", "1111aaaa", options("0.01", "32"));
        RunRecord b = run("b", "1111aaaa", options("0.003", "32"));
        RunRecord c = run("c", "2222bbbb", options("0.003", "64"));

        assertThat(RunDifferences.of(List.of(a, b))).containsExactly(
                new RunDifferences.Row("learningRate", List.of("0.01", "0.003")));
        assertThat(RunDifferences.netsDiffer(List.of(a, b))).isFalse();
        assertThat(RunDifferences.of(List.of(a, b, c))).extracting(RunDifferences.Row::name)
                .containsExactly("net", "learningRate", "batchSize");
        assertThat(RunDifferences.of(List.of(a, c)).get(0).values()).containsExactly("MLP (1111aaaa)", "MLP (2222bbbb)");
        assertThat(RunDifferences.netsDiffer(List.of(a, c))).isTrue();
        assertThat(RunDifferences.of(List.of(a))).isEmpty();
    }
}
