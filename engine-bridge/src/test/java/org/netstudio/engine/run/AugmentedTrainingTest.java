package org.netstudio.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.train.Metrics;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.PortDecls;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Coder;
import org.netstudio.netgraph.net.ImageAugmentation;
import org.netstudio.netgraph.net.Layer;

/** The Image encoder's augmentation varies what training sees, and only that. */
class AugmentedTrainingTest {

    /** 8×8 pictures whose class is the side their bright bar is on: 0 left, 1 right. */
    private static MemoryDataset sides(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            int column = labels[i] == 0 ? 1 + random.nextInt(2) : 5 + random.nextInt(2);
            for (int row = 0; row < 8; row++) {
                x[i * 64 + row * 8 + column] = 1;
            }
        }
        return new MemoryDataset("Sides", x, new Shape(1, 8, 8), new Targets.Classes(labels, List.of("left", "right")),
                null);
    }

    private static Chain net(ImageAugmentation augmentation) {
        Coder image = new Coder("Image", augmentation.any()
                ? Map.of("size", List.of(8, 8), "colorSpace", "Grayscale", "augmentation", augmentation.toOption())
                : Map.of("size", List.of(8, 8), "colorSpace", "Grayscale"));
        return Chain.of(PortDecls.encoder(image), Layer.of("Flatten"), Layer.of("Linear", "units", 2),
                Layer.of("Softmax"));
    }

    private static Metrics lastEpoch(ImageAugmentation augmentation, String split) {
        TrainedNet t = NetTrain.train(net(augmentation), sides(400, 1), TrainingOptions.builder().maxEpochs(8)
                .learningRate(0.03).validationSet(sides(200, 2)).seed(3).build(), null);
        var epoch = t.result().lastEpoch().orElseThrow();
        return split.equals("training") ? epoch.training() : epoch.validation().orElseThrow();
    }

    @Test
    void mirroredTrainingPicturesHideTheSideWhileValidationSeesThemAsTheyAre() {
        ImageAugmentation flip = new ImageAugmentation(0, true, 0, 0, 0);

        // Plain pictures: the side is easy. Mirrored half of the time in training: no side can be learnt,
        // so a linear net stays near chance on the training batches; validation reads unmirrored pictures.
        assertThat(lastEpoch(ImageAugmentation.NONE, "training").accuracy().getAsDouble()).isGreaterThan(0.95);
        assertThat(lastEpoch(flip, "training").accuracy().getAsDouble()).isBetween(0.3, 0.7);
    }

    @Test
    void aSmallShiftStillTrainsAndValidationIsMeasuredOnThePlainPictures() {
        Metrics validation = lastEpoch(new ImageAugmentation(1, false, 0, 0, 0), "validation");
        assertThat(validation.accuracy().getAsDouble()).isGreaterThan(0.9);
    }
}
