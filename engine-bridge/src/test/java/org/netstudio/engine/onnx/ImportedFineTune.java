package org.netstudio.engine.onnx;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.FeatureColumn;
import org.netstudio.engine.data.MemoryDataset;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.run.NetTrain;
import org.netstudio.engine.run.TrainedNet;
import org.netstudio.engine.tensor.TensorValue;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.io.WeightArray;
import org.netstudio.netgraph.io.onnx.OnnxImport;

/**
 * One short fine-tuning of an imported model (one epoch over the given examples) on made-up targets
 * shaped like its output, and which of its arrays it changed: how a test or a bench shows that nothing
 * of a model is left out of the gradient. Its inputs are image-like arrays, sequences of vectors, or
 * token ids; its targets classes (an output of one vector), sequences of vectors, or arrays.
 */
public final class ImportedFineTune {

    /** The imported model's arrays, those one epoch left as they were, and how the training ended. */
    public record Outcome(int arrays, List<String> unchanged, String ended) {

        public int changed() {
            return arrays - unchanged.size();
        }
    }

    private ImportedFineTune() {
    }

    /**
     * Trains the imported model one epoch over {@code x}'s examples, in batches of {@code batch}.
     *
     * @param x           the inputs, batch first; token ids (as reals) when {@code vocabulary} is positive
     * @param vocabulary  the token ids' range, or 0 when the inputs are real numbers
     * @param outputShape the model's output shape for a batch: {@code (batch, classes)} trains classes,
     *                    {@code (batch, n, width)} sequences of vectors, anything else arrays of that shape
     */
    public static Outcome run(OnnxImport imported, TensorValue x, int vocabulary, long[] outputShape, int batch, double rate) {
        int n = Math.toIntExact(x.shape()[0]);
        Map<String, Column> columns = new LinkedHashMap<>();
        if (vocabulary > 0) {
            columns.put(ExampleTable.FEATURES, SequenceColumn.ofIndices(ids(x), vocabulary, "tokens"));
        } else if (x.shape().length == 3) {
            columns.put(ExampleTable.FEATURES, SequenceColumn.ofVectors(rows(x.values(), n), Math.toIntExact(x.shape()[2]), "vectors"));
        } else {
            columns.put(ExampleTable.FEATURES, arrays("inputs", x.values(), x.shape()));
        }
        long width = Arrays.stream(outputShape).skip(1).reduce(1, Math::multiplyExact);
        float[] made = OnnxRoundTripTest.random(Math.toIntExact(n * width), 9);
        if (outputShape.length == 2) {
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % Math.toIntExact(outputShape[1]);
            }
            columns.put(ExampleTable.TARGET, new TargetColumn(Targets.Classes.numbered(labels, Math.toIntExact(outputShape[1]))));
        } else if (outputShape.length == 3) {
            columns.put(ExampleTable.TARGET, SequenceColumn.ofVectors(rows(made, n), Math.toIntExact(outputShape[2]), "targets"));
        } else {
            long[] shape = outputShape.clone();
            shape[0] = n;
            columns.put(ExampleTable.TARGET, arrays("targets", made, shape));
        }
        ExampleTable data = new ExampleTable("made-up " + imported.document().name(), columns, null, List.of());
        TrainedNet trained = NetTrain.prepare(imported.document().net(), imported.weights(), data, data, DataMapping.AUTOMATIC,
                TrainingOptions.builder().batchSize(batch).maxEpochs(1).learningRate(rate).build()).run();
        List<String> unchanged = imported.weights().arrays().values().stream()
                .filter(a -> Arrays.equals(a.floats(), trained.weights().get(a.name()).map(WeightArray::floats).orElse(null)))
                .map(WeightArray::name).toList();
        return new Outcome(imported.weights().arrays().size(), unchanged,
                trained.result().stopReason() + ": " + trained.result().message());
    }

    /** Arrays of the given batch-first shape as a column. */
    private static Column arrays(String name, float[] values, long[] shape) {
        return new FeatureColumn(new MemoryDataset(name, values, new Shape(Arrays.copyOfRange(shape, 1, shape.length)),
                Targets.Classes.numbered(new int[Math.toIntExact(shape[0])], 1), null));
    }

    /** Each example's token ids. */
    private static List<int[]> ids(TensorValue x) {
        List<int[]> out = new ArrayList<>();
        for (float[] row : rows(x.values(), Math.toIntExact(x.shape()[0]))) {
            int[] ids = new int[row.length];
            for (int t = 0; t < row.length; t++) {
                ids[t] = (int) row[t];
            }
            out.add(ids);
        }
        return out;
    }

    /** n equal rows of the values. */
    private static List<float[]> rows(float[] values, int n) {
        int width = values.length / n;
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Arrays.copyOfRange(values, i * width, (i + 1) * width));
        }
        return rows;
    }
}
