package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.train.ClassWeights;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/** Class weights on unbalanced data: what they are for, measured as a user would. */
class ClassWeightedTrainingTest {

    private static Chain moonsNet() {
        return Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 16), Layer.of("Ramp"),
                Layer.of("Linear", "units", 2), Layer.of("Softmax"));
    }

    /** Noisy moons with all of class 0 and one in sixteen of class 1. */
    private static MemoryDataset unbalanced() {
        MemoryDataset moons = GeneratedDatasets.moons(3000, 0.35, 3);
        int[] labels = ((Targets.Classes) moons.targets()).labels();
        List<Integer> kept = new ArrayList<>();
        int ones = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 0 || ones++ % 16 == 0) {
                kept.add(i);
            }
        }
        return moons.subset(kept.stream().mapToInt(Integer::intValue).toArray(), "Unbalanced moons");
    }

    private static double minorityRecall(ClassWeights weights) {
        Dataset balancedCheck = GeneratedDatasets.moons(1000, 0.35, 4);
        TrainedNet trained = NetTrain.train(moonsNet(), unbalanced(), TrainingOptions.builder().maxEpochs(12)
                .validationFraction(0).seed(5).classWeights(weights).build(), null);
        try (NetRunner runner = trained.runner()) {
            return runner.evaluate(balancedCheck).confusion().recall(1);
        }
    }

    @Test
    void balancedWeightsFindMoreOfTheRareClass() {
        double plain = minorityRecall(ClassWeights.NONE);
        double balanced = minorityRecall(ClassWeights.BALANCED);

        assertThat(balanced).as("recall of the rare class with balanced weights (without: %.3f)", plain)
                .isGreaterThan(plain + 0.1).isGreaterThan(0.7);
    }

    @Test
    void weightsForAnotherNumberOfClassesAreRefused() {
        assertThatThrownBy(() -> NetTrain.prepare(moonsNet(), null, unbalanced(), TrainingOptions.builder()
                .classWeights(ClassWeights.parse("1,2,3")).build()))
                .hasMessage("The class weights give 3 weights, but the data has 2 classes");
    }
}
