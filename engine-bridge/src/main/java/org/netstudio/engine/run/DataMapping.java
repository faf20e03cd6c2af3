package org.netstudio.engine.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which column of the data feeds each input port of a net, which column each output is trained
 * against, and how much each loss counts. What it leaves out is filled in by name (a column named
 * like the port) and by the obvious default (one input and one output take a dataset's features
 * and targets); see {@link NetTrain#bind}. Immutable.
 *
 * @param inputs      input port → column
 * @param targets     output port → column of its targets
 * @param lossWeights loss or trained output port → weight of its loss in the sum (default 1)
 */
public record DataMapping(Map<String, String> inputs, Map<String, String> targets, Map<String, Double> lossWeights) {

    /** Everything by name and default. */
    public static final DataMapping AUTOMATIC = new DataMapping(Map.of(), Map.of(), Map.of());

    public DataMapping {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        lossWeights = Collections.unmodifiableMap(new LinkedHashMap<>(lossWeights));
        for (Map.Entry<String, Double> e : lossWeights.entrySet()) {
            if (!(e.getValue() >= 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("The weight of the loss of '" + e.getKey()
                        + "' must be a number of at least 0, but was " + e.getValue());
            }
        }
    }

    /** This mapping with one more input port fed from a column. */
    public DataMapping withInput(String port, String column) {
        Map<String, String> m = new LinkedHashMap<>(inputs);
        m.put(port, column);
        return new DataMapping(m, targets, lossWeights);
    }

    /** This mapping with one more output trained against a column. */
    public DataMapping withTarget(String port, String column) {
        Map<String, String> m = new LinkedHashMap<>(targets);
        m.put(port, column);
        return new DataMapping(inputs, m, lossWeights);
    }

    /** This mapping with a loss weight. */
    public DataMapping withLossWeight(String port, double weight) {
        Map<String, Double> m = new LinkedHashMap<>(lossWeights);
        m.put(port, weight);
        return new DataMapping(inputs, targets, m);
    }
}
