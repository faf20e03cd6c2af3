package org.netstudio.engine.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.data.Column;
import org.netstudio.engine.data.ExampleTable;

/**
 * How data feeds a net for training, resolved from a {@link DataMapping} and checked: the column
 * of every input port, the target column of every trained output, the net's own loss outputs and
 * every loss's weight. Made by {@link NetTrain#bind}; shown to people before training starts (the
 * trainer panel's mapping, the CLI's first lines). Immutable.
 *
 * @param data        the data, with any columns derived for the net (positions of a sequence)
 * @param inputs      input port → column, in the net's input order
 * @param targets     output port → target column, in the net's output order
 * @param ownLosses   the net's outputs that come from its own loss layers, in order
 * @param lossWeights every loss's weight by port (own loss outputs and trained outputs)
 */
public record Binding(ExampleTable data, Map<String, String> inputs, Map<String, String> targets,
                      List<String> ownLosses, Map<String, Double> lossWeights) {

    public Binding {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        ownLosses = List.copyOf(ownLosses);
        lossWeights = Collections.unmodifiableMap(new LinkedHashMap<>(lossWeights));
    }

    /** The column a port reads. */
    public Column column(String name) {
        return data.column(name).orElseThrow();
    }

    /**
     * One line per port, e.g. "input Input ← column 'Input' (vectors of 2 real numbers)" and
     * "output Output trained against column 'Target' (classes (3: 0, 1, 2)) by cross-entropy".
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        inputs.forEach((port, column) -> lines.add("input " + port + " ← column '" + column + "' ("
                + column(column).describe() + ")"));
        targets.forEach((port, column) -> lines.add("output " + port + " trained against column '" + column + "' ("
                + column(column).describe() + ")" + weight(port)));
        ownLosses.forEach(port -> lines.add("loss " + port + " minimised as drawn" + weight(port)));
        return lines;
    }

    private String weight(String port) {
        double w = lossWeights.getOrDefault(port, 1.0);
        return w == 1 ? "" : ", weight " + w;
    }
}
