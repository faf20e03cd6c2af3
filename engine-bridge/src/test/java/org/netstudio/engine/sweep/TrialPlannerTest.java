package org.netstudio.engine.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrialPlannerTest {

    private static SearchSpace space(String... specs) {
        return SearchSpace.parse(List.of(specs), SearchSpaceTest.NET);
    }

    @Test
    void aGridCoversEveryCombinationOnce() {
        List<Trial> trials = TrialPlanner.plan("s", space("batchSize=16,32", "learningRate=1e-3..1e-1:log"),
                Sampling.GRID, 6, 0);

        assertThat(trials).hasSize(6);
        Set<Map<String, Object>> seen = new HashSet<>();
        trials.forEach(t -> seen.add(t.values()));
        assertThat(seen).hasSize(6);
        assertThat(trials).extracting(t -> t.values().get("batchSize")).containsOnly(16, 32);
        assertThat(trials.stream().map(t -> (double) t.values().get("learningRate")).distinct().sorted().toList())
                .hasSize(3).satisfies(v -> {
                    assertThat(v.get(0)).isCloseTo(1e-3, org.assertj.core.api.Assertions.within(1e-12));
                    assertThat(v.get(1)).isCloseTo(1e-2, org.assertj.core.api.Assertions.within(1e-12));
                    assertThat(v.get(2)).isCloseTo(1e-1, org.assertj.core.api.Assertions.within(1e-12));
                });
        assertThat(trials).extracting(Trial::number).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aGridLargerThanTheBudgetRunsItsFirstCombinations() {
        List<Trial> trials = TrialPlanner.plan("s", space("batchSize=8,16,32,64", "optimizer=adam,sgd"),
                Sampling.GRID, 5, 0);

        assertThat(trials).hasSize(5);
        assertThat(trials.get(0).values()).containsEntry("batchSize", 8).containsEntry("optimizer", "adam");
    }

    @Test
    void randomSamplesAreSeededAndInRange() {
        SearchSpace s = space("learningRate=1e-4..1e-1:log", "linear1.units=16..128", "batchSize=16,32,64");
        List<Trial> a = TrialPlanner.plan("s", s, Sampling.RANDOM, 50, 42);
        List<Trial> b = TrialPlanner.plan("s", s, Sampling.RANDOM, 50, 42);
        List<Trial> c = TrialPlanner.plan("s", s, Sampling.RANDOM, 50, 43);

        assertThat(a).hasSize(50).isEqualTo(b).isNotEqualTo(c);
        for (Trial t : a) {
            assertThat((double) t.values().get("learningRate")).isBetween(1e-4, 1e-1);
            assertThat((int) t.values().get("linear1.units")).isBetween(16, 128);
            assertThat(t.values().get("batchSize")).isIn(16, 32, 64);
        }
        // Log-uniform: about as many draws below 1e-2.5 as above it, not 3% below as a linear scale would give.
        long low = a.stream().filter(t -> (double) t.values().get("learningRate") < Math.pow(10, -2.5)).count();
        assertThat(low).isBetween(15L, 35L);
    }

    @Test
    void aTrialSaysWhichSweepAndTrialItIs() {
        Trial t = TrialPlanner.plan("20261206-2005", space("learningRate=0.01,0.1"), Sampling.GRID, 2, 0).get(1);

        assertThat(t.origin()).isEqualTo("sweep 20261206-2005 trial 2");
        assertThat(t.describe()).isEqualTo("learningRate=0.1");
    }
}
