package org.netstudio.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.train.ClassWeights;
import org.netstudio.engine.train.LearningRateSchedule;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.LearningRateMultipliers;
import org.netstudio.netgraph.net.NodePath;

class OptionsTextTest {

    @Test
    void aRunRecordsItsOptionsAsTheCommandLineTakesThem() {
        TrainingOptions options = TrainingOptions.builder()
                .schedule(LearningRateSchedule.parse("one-cycle"))
                .classWeights(ClassWeights.BALANCED)
                .multipliers(LearningRateMultipliers.NONE.with(NodePath.parse("conv1"), 0))
                .build();

        Map<String, Object> text = OptionsText.of(options);

        assertThat(text).containsEntry("schedule", LearningRateSchedule.parse("one-cycle").text())
                .containsEntry("classWeights", "balanced").containsEntry("multipliers", "conv1=0")
                .containsEntry("optimizer", "adam").doesNotContainKey("checkpointFolder");
    }
}
