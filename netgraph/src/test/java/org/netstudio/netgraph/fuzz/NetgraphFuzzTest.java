package org.netstudio.netgraph.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short run of the fuzzing suite over netgraph's readers (issue 15): a few hundred generated
 * and mutated inputs each, none of which may end in anything but the reader's own refusal. The
 * long run, with the table, is {@code ./bench fuzz}.
 */
class NetgraphFuzzTest {

    /** Inputs per reader in {@code mvn verify}. */
    static final int SHORT_RUN = Integer.getInteger("netstudio.fuzz.inputs", 200);

    static java.util.List<FuzzTarget> targets() {
        return NetgraphFuzzTargets.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyInputIsReadOrRefusedCleanly(FuzzTarget target) throws IOException {
        Fuzzer.Tally tally = new Fuzzer(Duration.ofSeconds(20), null).run(target, 15, 0, SHORT_RUN);
        assertThat(tally.findings()).as(target.name()).isEmpty();
        assertThat(tally.refused()).as("inputs refused").isPositive();
        assertThat(tally.accepted()).as("inputs accepted").isPositive();
    }
}
