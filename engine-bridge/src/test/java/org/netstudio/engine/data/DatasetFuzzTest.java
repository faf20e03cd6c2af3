package org.netstudio.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netstudio.netgraph.fuzz.FuzzTarget;
import org.netstudio.netgraph.fuzz.Fuzzer;

/**
 * The short run of the fuzzing suite over the dataset readers (issue 15): a few hundred generated
 * and mutated IDX files, CSV tables and image folders each, none of which may end in anything but
 * the reader's own refusal. The long run, with the table, is {@code ./bench fuzz}.
 */
class DatasetFuzzTest {

    static List<FuzzTarget> targets() {
        return DatasetFuzzTargets.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyInputIsReadOrRefusedCleanly(FuzzTarget target) throws IOException {
        Fuzzer.Tally tally = new Fuzzer(Duration.ofSeconds(20), null)
                .run(target, 15, 0, Integer.getInteger("netstudio.fuzz.inputs", 200));
        assertThat(tally.findings()).as(target.name()).isEmpty();
        assertThat(tally.refused()).as("inputs refused").isPositive();
        assertThat(tally.accepted()).as("inputs accepted").isPositive();
    }
}
