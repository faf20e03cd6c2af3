package org.netstudio.engine.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.PreparedTraining;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.NodePath;
import org.netstudio.netgraph.edit.NetPaths;

class SweepTest {

    private static final NetDocument NET = new NetDocument("spirals", SearchSpaceTest.NET, null);
    private static final ExampleTable DATA = ExampleTable.of(GeneratedDatasets.spirals(3, 100, 0.05, 7));

    private static Sweep.Builder sweep(String... specs) {
        return Sweep.on(NET, DATA, null, DataMapping.AUTOMATIC,
                        TrainingOptions.builder().maxEpochs(3).batchSize(32).seed(1).build())
                .space(SearchSpace.parse(List.of(specs), NET.net())).id("t");
    }

    @Test
    void everyTrialGetsARowTheHookSeesItsTrainingAndTheBestKeepsItsNetAndWeights() {
        List<String> origins = Collections.synchronizedList(new ArrayList<>());
        List<TrialResult> ended = Collections.synchronizedList(new ArrayList<>());
        SweepResult result = sweep("learningRate=0.003,0.03", "linear1.units=8,24").sampling(Sampling.GRID).trials(4)
                .stoppingRule(null).listener(new SweepListener() {
                    @Override
                    public void trialStarted(ConfiguredTrial trial, PreparedTraining training) {
                        origins.add(trial.trial().origin() + " units="
                                + ((Layer) NetPaths.find(trial.document().net(), NodePath.of("linear1")).orElseThrow())
                                .params().getInt("units") + " lr=" + trial.options().learningRate());
                    }

                    @Override
                    public void trialEnded(TrialResult row) {
                        ended.add(row);
                    }
                }).build().run();

        assertThat(origins).containsExactlyInAnyOrder("sweep t trial 1 units=8 lr=0.003", "sweep t trial 2 units=24 lr=0.003",
                "sweep t trial 3 units=8 lr=0.03", "sweep t trial 4 units=24 lr=0.03");
        assertThat(result.trials()).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(TrialStatus.COMPLETED);
            assertThat(r.epochs()).isEqualTo(3);
            assertThat(r.validationAccuracy()).isPresent();
        });
        assertThat(ended).hasSize(4);
        SweepResult.Best best = result.best().orElseThrow();
        assertThat(result.trials()).allSatisfy(r -> assertThat(r.betterThan(best.result())).isFalse());
        int units = ((Layer) NetPaths.find(best.document().net(), NodePath.of("linear1")).orElseThrow()).params()
                .getInt("units");
        assertThat(units).isEqualTo(best.result().trial().values().get("linear1.units"));
        assertThat(best.trained().weights().isEmpty()).isFalse();
    }

    @Test
    void aTrialWhoseNetDoesNotFitTheDataFailsWithTheReasonAndTheOthersRun() {
        SweepResult result = sweep("linear2.units=2,3").sampling(Sampling.GRID).trials(2).stoppingRule(null)
                .build().run();

        assertThat(result.trials().get(0).status()).isEqualTo(TrialStatus.FAILED);
        assertThat(result.trials().get(0).message()).isNotBlank();
        assertThat(result.trials().get(1).status()).isEqualTo(TrialStatus.COMPLETED);
        assertThat(result.best().orElseThrow().result().trial().number()).isEqualTo(2);
    }

    @Test
    void badTrialsArePrunedByTheMedianRule() {
        // Three good trials first; then a learning rate far too small loses to their median at epoch 1.
        SweepResult result = sweep("learningRate=0.01,0.01,0.01,0.000001").sampling(Sampling.GRID).trials(4)
                .stoppingRule(new MedianStoppingRule(1, 3)).build().run();

        assertThat(result.trials()).extracting(TrialResult::status).containsExactly(TrialStatus.COMPLETED,
                TrialStatus.COMPLETED, TrialStatus.COMPLETED, TrialStatus.PRUNED);
        assertThat(result.trials().get(3).epochs()).isLessThan(3);
    }

    @Test
    void twoTrialsAtOnceGiveEveryRow() {
        SweepResult result = sweep("learningRate=0.003..0.03:log").sampling(Sampling.RANDOM).trials(4).parallel(2)
                .stoppingRule(null).build().run();

        assertThat(result.trials()).extracting(r -> r.trial().number()).containsExactly(1, 2, 3, 4);
        assertThat(result.trials()).allSatisfy(r -> assertThat(r.status()).isEqualTo(TrialStatus.COMPLETED));
    }

    @Test
    void stoppingTheSweepStopsTheRunningTrialAndStartsNoOther() {
        Sweep[] s = new Sweep[1];
        s[0] = sweep("learningRate=0.003,0.01,0.03").sampling(Sampling.GRID).trials(3).stoppingRule(null)
                .listener(new SweepListener() {
                    @Override
                    public void trialEpoch(Trial trial, org.netstudio.engine.train.EpochMetrics metrics) {
                        if (trial.number() == 2) {
                            s[0].stop();
                        }
                    }
                }).build();
        SweepResult result = s[0].run();

        assertThat(result.stopped()).isTrue();
        assertThat(result.trials()).extracting(TrialResult::status).containsExactly(TrialStatus.COMPLETED,
                TrialStatus.STOPPED);
    }
}
