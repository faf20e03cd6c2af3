package org.netstudio.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.compile.LossFunctions;

class ClassWeightsTest {

    private static final float[] LOGITS = {2.0f, 0.5f, -1.0f, 0.1f, 0.2f, 0.3f, -0.5f, 1.5f, 0.0f, 1.0f, 1.0f, 3.0f};
    private static final float[] LABELS = {0, 2, 1, 2};
    private static final float[] WEIGHTS = {1.0f, 4.0f, 0.5f};

    @Test
    void theFormsThePanelAndCommandLineTake() {
        assertThat(ClassWeights.parse("none")).isEqualTo(ClassWeights.NONE);
        assertThat(ClassWeights.parse(" Balanced ")).isEqualTo(ClassWeights.BALANCED);
        assertThat(ClassWeights.parse("1, 2,0.5").text()).isEqualTo("1,2,0.5");
        assertThatThrownBy(() -> ClassWeights.parse("1,heavy")).hasMessage("Class weights are 'none', 'balanced' or"
                + " numbers separated by commas, one per class; 'heavy' is not a number");
        assertThatThrownBy(() -> ClassWeights.parse("0,0")).hasMessage("At least one class weight must be more than 0");
        assertThatThrownBy(() -> ClassWeights.parse("1,-2")).hasMessage("A class weight must be a number of 0 or more,"
                + " but was -2.0");
        assertThatThrownBy(() -> ClassWeights.parse("1,2").resolve(new long[3]))
                .hasMessage("The class weights give 2 weights, but the data has 3 classes");
    }

    @Test
    void balancedWeighsEachClassInInverseProportionToItsExamples() {
        float[] w = ClassWeights.BALANCED.resolve(new long[] {90, 10, 0});
        // n / (k · n_c) = 100 / (3 · 90), 100 / (3 · 10); a class without examples never occurs.
        assertThat(w[0]).isCloseTo(100f / 270, within(1e-6f));
        assertThat(w[1]).isCloseTo(100f / 30, within(1e-6f));
        assertThat(w[2]).isZero();
    }

    @Test
    void theWeightedLossIsSumOfWeightTimesLossOverSumOfWeights() {
        double weighted = weightedLoss();
        // Worked out from the per-example cross-entropies, independently of the objective's arithmetic.
        double[] ce = new double[4];
        for (int i = 0; i < 4; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                max = Math.max(max, LOGITS[i * 3 + c]);
            }
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(LOGITS[i * 3 + c] - max);
            }
            ce[i] = -(LOGITS[i * 3 + (int) LABELS[i]] - max - Math.log(sum));
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < 4; i++) {
            num += WEIGHTS[(int) LABELS[i]] * ce[i];
            den += WEIGHTS[(int) LABELS[i]];
        }
        assertThat(weighted).isCloseTo(num / den, within(1e-6));
    }

    @Test
    void theWeightedLossIsWhatPyTorchComputes(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Path script = Files.writeString(dir.resolve("ce.py"), String.join("\n",
                "import torch, torch.nn.functional as F",
                "x = torch.tensor(" + list(LOGITS) + ").reshape(4, 3)",
                "y = torch.tensor(" + list(LABELS) + ").long()",
                "w = torch.tensor(" + list(WEIGHTS) + ")",
                "print(repr(F.cross_entropy(x, y, weight=w).item()))", ""));
        Process p = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        assumeTrue(!out.contains("No module named 'torch'"), "PyTorch is not installed");
        assertThat(p.exitValue()).as(out).isZero();

        assertThat(weightedLoss()).isCloseTo(Double.parseDouble(out), within(1e-6));
    }

    private static String list(float[] values) {
        StringBuilder b = new StringBuilder("[");
        for (float v : values) {
            b.append(b.length() > 1 ? ", " : "").append(v);
        }
        return b.append(']').toString();
    }

    /** The objective's loss of one batch: one attached cross-entropy, weighted by class. */
    private static double weightedLoss() {
        LossOutputs objective = new LossOutputs(new double[] {1}, List.of(new LossOutputs.Measured(1, "Output", "t", true)))
                .withClassWeights(Map.of(0, WEIGHTS));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(LOGITS, new Shape(4, 3));
            NDArray labels = m.create(LABELS);
            NDArray perExample = LossFunctions.crossEntropyIndex(logits, labels, true);
            Batch batch = new Batch(4, Map.of("t", labels), Map.of());
            return objective.loss(new NDList(perExample, logits), batch).getFloat();
        }
    }
}
