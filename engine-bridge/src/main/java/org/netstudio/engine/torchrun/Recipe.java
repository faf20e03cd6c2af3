package org.netstudio.engine.torchrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.compile.CompiledNet;
import org.netstudio.engine.compile.NetArray;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.SequenceColumn;
import org.netstudio.engine.data.TargetColumn;
import org.netstudio.engine.data.Targets;
import org.netstudio.engine.run.Binding;
import org.netstudio.engine.train.ClassWeights;
import org.netstudio.engine.train.LearningRateSchedule;
import org.netstudio.engine.train.TrainingOptions;

/**
 * recipe.json: NetStudio's training options, and how the examples feed the net, as train.py reads
 * them. One object; numbers as NetStudio uses them (the learning rate already resolved from the
 * optimiser's default, class weights resolved from the class counts).
 */
final class Recipe {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Recipe() {
    }

    /**
     * The recipe as JSON text.
     *
     * @param netName the net's name
     * @param options the training options
     * @param compiled the net, compiled (which outputs are probabilities)
     * @param binding the columns bound to its ports
     * @param data the data's label, files and column kinds
     */
    static String json(String netName, TrainingOptions options, CompiledNet compiled, Binding binding,
                       Map<String, Object> data) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("format", "netstudio.pytorch-recipe");
        r.put("version", 1);
        r.put("net", netName);
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("name", options.optimizer().id());
        optimizer.put("learningRate", options.learningRate());
        optimizer.put("momentum", options.momentum());
        r.put("optimizer", optimizer);
        r.put("schedule", schedule(options.schedule()));
        r.put("batchSize", options.batchSize());
        r.put("epochs", options.maxEpochs());
        r.put("validationFraction", options.validationFraction());
        r.put("seed", options.seed());
        r.put("patience", options.earlyStoppingPatience());
        // Per array (NetStudio's names): its layer's factor, the innermost multiplier on its path.
        Map<String, Double> multipliers = new LinkedHashMap<>();
        for (NetArray a : compiled.arrays()) {
            double factor = options.multipliers().factorOf(a.node());
            if (a.trainable() && factor != 1) {
                multipliers.put(a.key(), factor);
            }
        }
        r.put("multipliers", multipliers);
        r.put("data", data);
        r.put("inputs", binding.inputs());
        List<Object> outputs = new ArrayList<>();
        for (Map.Entry<String, String> e : binding.targets().entrySet()) {
            Column column = binding.column(e.getValue());
            boolean classes = column instanceof TargetColumn t && t.targets() instanceof Targets.Classes
                    || column instanceof SequenceColumn s && s.holdsIndices();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("output", e.getKey());
            o.put("column", e.getValue());
            o.put("loss", classes ? "cross-entropy" : "mean-squared");
            o.put("probabilities", compiled.outputIsSoftmax(compiled.outputNames().indexOf(e.getKey())));
            o.put("weight", binding.lossWeights().getOrDefault(e.getKey(), 1.0));
            o.put("classWeights", classWeights(options.classWeights(), column));
            outputs.add(o);
        }
        r.put("trainedOutputs", outputs);
        Map<String, Double> own = new LinkedHashMap<>();
        binding.ownLosses().forEach(port -> own.put(port, binding.lossWeights().getOrDefault(port, 1.0)));
        r.put("drawnLosses", own);
        try {
            return MAPPER.writeValueAsString(r) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Class weights resolved from all the examples' class counts, as NetStudio's trainer resolves them; null for none. */
    private static float[] classWeights(ClassWeights weights, Column column) {
        if (weights.equals(ClassWeights.NONE) || !(column instanceof TargetColumn t)
                || !(t.targets() instanceof Targets.Classes classes)) {
            return null;
        }
        long[] counts = new long[classes.classCount()];
        for (int label : classes.labels()) {
            counts[label]++;
        }
        float[] w = weights.resolve(counts);
        return w.length == 0 ? null : w;
    }

    private static Map<String, Object> schedule(LearningRateSchedule s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s instanceof LearningRateSchedule.WarmUp w) {
            m.putAll(schedule(w.then()));
            m.put("warmUpSteps", w.steps());
            return m;
        }
        if (s instanceof LearningRateSchedule.Step step) {
            m.put("kind", "step");
            m.put("everyEpochs", step.everyEpochs());
            m.put("factor", step.factor());
        } else if (s instanceof LearningRateSchedule.Cosine c) {
            m.put("kind", "cosine");
            m.put("finalFactor", c.finalFactor());
        } else if (s instanceof LearningRateSchedule.OneCycle o) {
            m.put("kind", "one-cycle");
            m.put("warmFraction", o.warmFraction());
            m.put("startDivisor", o.startDivisor());
            m.put("endDivisor", o.endDivisor());
            m.put("highMomentum", LearningRateSchedule.OneCycle.HIGH_MOMENTUM);
            m.put("lowMomentum", LearningRateSchedule.OneCycle.LOW_MOMENTUM);
        } else if (s instanceof LearningRateSchedule.Constant) {
            m.put("kind", "constant");
        } else {
            throw new IllegalArgumentException("The schedule '" + s.text() + "' is the learning-rate finder's own;"
                    + " a PyTorch project trains with constant, step, cosine or one-cycle");
        }
        return m;
    }
}
