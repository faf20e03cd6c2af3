package org.netstudio.engine.train;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netstudio.netgraph.io.AtomicFiles;
import org.netstudio.netgraph.io.Safetensors;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.Weights;

/**
 * A resumable checkpoint of a {@link TrainingLoop}: one safetensors file, {@value #FILE}, holding
 * the parameters after an epoch ({@code weights/NAME}), the best epoch's ({@code best/NAME}) and
 * the optimiser's state ({@code optimizer/K/I}), with the loop's counters in its metadata under
 * {@value #STATE_KEY} (a JSON object: epoch, updates, examples, best epoch and loss, epochs since
 * an improvement, optimiser id and steps, and every epoch's metrics so far). Written whole or not
 * at all ({@link AtomicFiles}), so a crash leaves the previous checkpoint intact.
 *
 * <p>Resuming replays the seeded shuffles of the epochs already done, so the next epoch sees the
 * batches an uninterrupted run would; PyTorch's own generator (dropout) is reseeded from the seed
 * and the epoch, so a net with dropout continues with other draws than an uninterrupted run.
 */
public final class Checkpoint {

    /** The file name inside a checkpoint folder. */
    public static final String FILE = "checkpoint.safetensors";
    /** The metadata key of the loop's counters. */
    public static final String STATE_KEY = "netstudio.checkpoint";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The loop's counters at a checkpoint.
     *
     * @param epoch the last completed epoch, from 1
     * @param batches updates made so far
     * @param examplesTrained training examples processed so far
     * @param bestEpoch the best epoch so far, 0 if none
     * @param bestLoss its reference loss
     * @param sinceImprovement epochs since the best one
     * @param optimizer the optimiser's id
     * @param optimizerSteps the optimiser's step counter
     * @param history every completed epoch's metrics
     */
    record State(int epoch, long batches, long examplesTrained, int bestEpoch, double bestLoss, int sinceImprovement,
            String optimizer, long optimizerSteps, List<EpochMetrics> history) {
    }

    /** A checkpoint read back: counters and arrays. */
    record Loaded(State state, Weights arrays, Path file) {
        float[] values(String key, long[] shape) {
            WeightArray a = arrays.arrays().get(key);
            if (a == null) {
                throw new IllegalArgumentException(file + ": the checkpoint has no array " + key
                        + "; it was made for another net or optimiser");
            }
            if (!Arrays.equals(a.shape(), shape)) {
                throw new IllegalArgumentException(file + ": the checkpoint's " + key + " has shape "
                        + Arrays.toString(a.shape()) + " but the net's is " + Arrays.toString(shape)
                        + "; it was made for another net");
            }
            return a.floats();
        }
    }

    private Checkpoint() {
    }

    /**
     * The last completed epoch of the checkpoint in a folder, read from its metadata.
     *
     * @param folder the checkpoint folder
     * @return the epoch, or empty when the folder holds no readable checkpoint
     */
    public static Optional<Integer> epochIn(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(folder).state().epoch());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static void write(Path folder, State state, List<String> names, NDArray[] weights, NDArray[] best,
            List<NDArray[]> optimizer) throws IOException {
        List<WeightArray> arrays = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            arrays.add(array("weights/" + names.get(i), weights[i]));
            arrays.add(array("best/" + names.get(i), best[i]));
        }
        for (int k = 0; k < optimizer.size(); k++) {
            NDArray[] group = optimizer.get(k);
            for (int i = 0; i < group.length; i++) {
                arrays.add(array("optimizer/" + k + "/" + i, group[i]));
            }
        }
        Weights content = Weights.of(arrays, Map.of(STATE_KEY, toJson(state)));
        Files.createDirectories(folder);
        AtomicFiles.write(folder.resolve(FILE), Safetensors.toBytes(content));
    }

    static Loaded read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": there is no checkpoint to resume from");
        }
        Weights w = Safetensors.read(file);
        String json = w.metadata().get(STATE_KEY);
        if (json == null) {
            throw new IOException(file + ": not a NetStudio checkpoint (its metadata lacks " + STATE_KEY + ")");
        }
        try {
            return new Loaded(fromJson(JSON.readTree(json)), w, file);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": the checkpoint's counters cannot be read: " + e.getMessage(), e);
        }
    }

    private static WeightArray array(String name, NDArray a) {
        return WeightArray.of(name, a.getShape().getShape(), a.toFloatArray());
    }

    private static String toJson(State s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("epoch", s.epoch());
        o.put("batches", s.batches());
        o.put("examplesTrained", s.examplesTrained());
        o.put("bestEpoch", s.bestEpoch());
        if (Double.isFinite(s.bestLoss())) {
            o.put("bestLoss", s.bestLoss());
        }
        o.put("sinceImprovement", s.sinceImprovement());
        o.put("optimizer", s.optimizer());
        o.put("optimizerSteps", s.optimizerSteps());
        ArrayNode history = o.putArray("history");
        for (EpochMetrics m : s.history()) {
            ObjectNode e = history.addObject();
            e.put("epoch", m.epoch());
            e.set("training", metrics(m.training()));
            m.validation().ifPresent(v -> e.set("validation", metrics(v)));
            e.put("learningRate", m.learningRate());
            e.put("seconds", m.seconds());
        }
        return o.toString();
    }

    private static ObjectNode metrics(Metrics m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("loss", m.loss());
        if (m.accuracy().isPresent()) {
            o.put("accuracy", m.accuracy().getAsDouble());
        }
        o.put("examples", m.examples());
        ArrayNode outputs = o.putArray("outputs");
        for (Metrics.OutputMetric out : m.outputs()) {
            outputs.addObject().put("output", out.output()).put("measure", out.measure()).put("value", out.value());
        }
        ObjectNode measures = o.putObject("measures");
        m.measures().forEach((k, v) -> {
            if (Double.isFinite(v)) {
                measures.put(k.id(), v);
            }
        });
        return o;
    }

    private static State fromJson(JsonNode o) {
        List<EpochMetrics> history = new ArrayList<>();
        for (JsonNode e : o.required("history")) {
            Optional<Metrics> validation = e.has("validation") ? Optional.of(metrics(e.get("validation")))
                    : Optional.empty();
            history.add(new EpochMetrics(e.required("epoch").asInt(), metrics(e.required("training")), validation,
                    e.required("learningRate").asDouble(), e.required("seconds").asDouble()));
        }
        return new State(o.required("epoch").asInt(), o.required("batches").asLong(),
                o.required("examplesTrained").asLong(), o.required("bestEpoch").asInt(),
                o.path("bestLoss").asDouble(Double.POSITIVE_INFINITY), o.required("sinceImprovement").asInt(),
                o.required("optimizer").asText(), o.required("optimizerSteps").asLong(), history);
    }

    private static Metrics metrics(JsonNode o) {
        List<Metrics.OutputMetric> outputs = new ArrayList<>();
        for (JsonNode out : o.path("outputs")) {
            outputs.add(new Metrics.OutputMetric(out.get("output").asText(), out.get("measure").asText(),
                    out.get("value").asDouble()));
        }
        Map<org.netstudio.engine.metrics.Measure, Double> measures = new java.util.EnumMap<>(
                org.netstudio.engine.metrics.Measure.class);
        for (org.netstudio.engine.metrics.Measure k : org.netstudio.engine.metrics.Measure.values()) {
            JsonNode v = o.path("measures").get(k.id());
            if (v != null && v.isNumber()) {
                measures.put(k, v.asDouble());
            }
        }
        return new Metrics(o.required("loss").asDouble(),
                o.has("accuracy") ? OptionalDouble.of(o.get("accuracy").asDouble()) : OptionalDouble.empty(),
                o.required("examples").asLong(), outputs, measures);
    }
}
