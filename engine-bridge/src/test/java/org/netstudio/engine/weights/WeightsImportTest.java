package org.netstudio.engine.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.netgraph.io.NetFileException;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

class WeightsImportTest {

    @TempDir
    Path dir;

    /** Input 2 → "hidden" Linear 4 → "out" Linear 3: four arrays. */
    private static final NetDocument NET = new NetDocument("tiny", Chain.named(PortDecl.of(TensorType.real(2)),
            List.of(Layer.of("Linear", "units", 4), Layer.of("Ramp"), Layer.of("Linear", "units", 3)),
            List.of("hidden", "relu", "out"), PortDecl.UNSPECIFIED), null);

    private static Weights weights(float value, long... hiddenShape) {
        int n = (int) (hiddenShape[0] * hiddenShape[1]);
        float[] hidden = new float[n];
        java.util.Arrays.fill(hidden, value);
        return Weights.of(List.of(WeightArray.of("hidden/weights", hiddenShape, hidden),
                WeightArray.of("hidden/biases", new long[] {4}, new float[4]),
                WeightArray.of("out/weights", new long[] {3, 4}, new float[12]),
                WeightArray.of("out/biases", new long[] {3}, new float[3])), Map.of());
    }

    @Test
    void aRunFolderGivesItsBestWeightsWhenTheyFitTheNet() throws Exception {
        Weights best = weights(0.25f, 4, 2);
        Safetensors.write(best, dir.resolve("best.safetensors"));

        assertThat(WeightsImport.read(dir, NET)).isEqualTo(best);
        assertThat(WeightsImport.read(dir.resolve("best.safetensors"), NET)).isEqualTo(best);
    }

    @Test
    void anArrayOfAnotherShapeIsNamedWithBothShapes() throws Exception {
        Path file = dir.resolve("wide.safetensors");
        Safetensors.write(weights(0.25f, 4, 5), file);

        assertThatThrownBy(() -> WeightsImport.read(file, NET)).isInstanceOf(NetFileException.class)
                .hasMessage("wide.safetensors: these weights do not fit the net:"
                        + " hidden/weights must have shape (4, 2), but has (4, 5)");
    }

    @Test
    void anArrayForALayerTheNetLacksIsNamed() throws Exception {
        Path file = dir.resolve("extra.safetensors");
        Safetensors.write(weights(0.25f, 4, 2).with(WeightArray.of("gone/weights", new long[] {1}, new float[1])), file);

        assertThatThrownBy(() -> WeightsImport.read(file, NET)).isInstanceOf(NetFileException.class)
                .hasMessageContaining("gone");
    }

    @Test
    void missingArraysAndNaNValuesAreRefused() throws Exception {
        Path partial = dir.resolve("partial.safetensors");
        Safetensors.write(weights(0.25f, 4, 2).without("out/biases"), partial);
        Path diverged = dir.resolve("nan.safetensors");
        Safetensors.write(weights(Float.NaN, 4, 2), diverged);

        assertThatThrownBy(() -> WeightsImport.read(partial, NET)).hasMessage(
                "partial.safetensors: these weights do not fit the net: missing out/biases");
        assertThatThrownBy(() -> WeightsImport.read(diverged, NET)).hasMessageStartingWith("nan.safetensors: 1 array")
                .hasMessageContaining("hidden/weights").hasMessageEndingWith("so they were not put into the net");
    }

    @Test
    void aFolderWithoutBestWeightsSaysWhatItLacks() throws Exception {
        Files.createDirectories(dir.resolve("run"));

        assertThatThrownBy(() -> WeightsImport.read(dir.resolve("run"), NET)).hasMessage(dir.resolve("run")
                + ": the folder holds no best.safetensors; a PyTorch run writes it after its first epoch");
    }
}
