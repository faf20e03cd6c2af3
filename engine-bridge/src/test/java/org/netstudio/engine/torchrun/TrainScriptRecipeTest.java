package org.netstudio.engine.torchrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.GeneratedDatasets;
import org.netstudio.engine.data.Permutations;
import org.netstudio.engine.train.LearningRateSchedule;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.Chain;
import org.netstudio.netgraph.net.Layer;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.netgraph.net.PortDecl;
import org.netstudio.netgraph.tensor.TensorType;

/**
 * train.py's recipe is NetStudio's trainer's: the learning rate and momentum at every update for
 * each schedule and a warm-up ({@link LearningRateSchedule}), and the examples of every batch of
 * every epoch (the trainer's shuffles). Needs a Python with PyTorch; skipped without one.
 */
class TrainScriptRecipeTest {

    private static final int STEPS_PER_EPOCH = 7;
    private static final int EPOCHS = 5;

    @TempDir
    Path temp;

    @Test
    void everyScheduleGivesNetStudiosRatesAndMomenta() throws Exception {
        Optional<PythonFinder.Found> python = PythonFinder.find();
        assumeTrue(python.isPresent(), "no Python with PyTorch: " + PythonFinder.candidates());
        List<LearningRateSchedule> schedules = List.of(LearningRateSchedule.constant(),
                LearningRateSchedule.step(2, 0.5), LearningRateSchedule.cosine(0.1), LearningRateSchedule.oneCycle(),
                LearningRateSchedule.warmUp(6, LearningRateSchedule.oneCycle()),
                LearningRateSchedule.warmUp(4, LearningRateSchedule.step(1, 0.8)));
        NetDocument mlp = new NetDocument("MLP", Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 2),
                Layer.of("Softmax")), null);
        for (int k = 0; k < schedules.size(); k++) {
            LearningRateSchedule schedule = schedules.get(k);
            TrainingOptions options = TrainingOptions.builder().schedule(schedule).learningRate(0.01).build();
            Path dir = temp.resolve("p" + k);
            PyTorchProject.write(mlp, Optional.empty(), options,
                    TrainingData.of("moons", ExampleTable.of(GeneratedDatasets.moons(20, 0.1, 1))), dir);
            JsonNode fromPython = run(python.get().python(), dir);
            long total = (long) STEPS_PER_EPOCH * EPOCHS;
            for (int step = 0; step < total; step++) {
                int epoch = step / STEPS_PER_EPOCH;
                JsonNode p = fromPython.get(step);
                assertThat(p.get(0).asDouble()).as("rate of %s at update %d", schedule, step)
                        .isCloseTo(schedule.rate(0.01, epoch, step, total), within(1e-12));
                OptionalDouble m = schedule.momentum(step, total);
                if (m.isPresent()) {
                    assertThat(p.get(1).asDouble()).as("momentum of %s at update %d", schedule, step)
                            .isCloseTo(m.getAsDouble(), within(1e-12));
                } else {
                    assertThat(p.get(1).isNull()).as("no momentum of %s", schedule).isTrue();
                }
            }
        }
    }

    @Test
    void everyBatchHoldsNetStudiosExamplesSharedBetweenTheProcesses() throws Exception {
        Optional<PythonFinder.Found> python = PythonFinder.find();
        assumeTrue(python.isPresent(), "no Python with PyTorch: " + PythonFinder.candidates());
        NetDocument mlp = new NetDocument("MLP", Chain.of(PortDecl.of(TensorType.real(2)), Layer.of("Linear", "units", 2),
                Layer.of("Softmax")), null);
        Path dir = temp.resolve("p");
        PyTorchProject.write(mlp, Optional.empty(), TrainingOptions.defaults(),
                TrainingData.of("moons", ExampleTable.of(GeneratedDatasets.moons(20, 0.1, 1))), dir);
        int size = 1003;
        int batch = 32;
        long seed = 12345;

        JsonNode shares = run(python.get().python(), dir, "import json, data\n"
                + "out = []\n"
                + "for rank in range(3):\n"
                + "    b = data.NetStudioBatches(" + size + ", " + batch + ", " + seed + ", rank, 3)\n"
                + "    epochs = []\n"
                + "    for epoch in (1, 2, 3):\n"
                + "        b.set_epoch(epoch)\n"
                + "        epochs.append([list(x) for x in b])\n"
                + "    out.append(epochs)\n"
                + "print(json.dumps(out))\n");

        int[] order = Permutations.identity(size);
        Random random = new Random(seed);
        for (int epoch = 0; epoch < 3; epoch++) {
            Permutations.shuffle(order, random);
            for (int b = 0; b * batch < size; b++) {
                List<Integer> together = new ArrayList<>();
                for (int rank = 0; rank < 3; rank++) {
                    shares.get(rank).get(epoch).get(b).forEach(n -> together.add(n.asInt()));
                }
                int[] expected = Arrays.copyOfRange(order, b * batch, Math.min(size, (b + 1) * batch));
                assertThat(together).as("epoch %d, batch %d", epoch + 1, b + 1)
                        .containsExactlyInAnyOrderElementsOf(Arrays.stream(expected).boxed().toList());
            }
        }
    }

    private static JsonNode run(Path python, Path dir) throws Exception {
        return run(python, dir, "import json, train\n"
                + "recipe = json.load(open('recipe.json'))\n"
                + "s = train.Schedule(recipe['schedule'], recipe['optimizer'])\n"
                + "total = " + STEPS_PER_EPOCH * EPOCHS + "\n"
                + "print(json.dumps([s.at(i, total, i // " + STEPS_PER_EPOCH + ") for i in range(total)]))\n");
    }

    private static JsonNode run(Path python, Path dir, String script) throws Exception {
        Process p = new ProcessBuilder(python.toString(), "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] lines = out.strip().split("\\R");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
