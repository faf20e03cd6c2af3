package org.netstudio.app.run;

import java.util.List;

/**
 * Where in a text a net found a class: the text's units (characters, words) as the net's encoder
 * reads them, each with a weight in [0, 1] (the largest is 1). See {@link TextClassifier#explain}.
 *
 * @param units      the units, in order
 * @param weights    one weight per unit
 * @param classIndex the class explained
 */
public record TextAttribution(List<String> units, float[] weights, int classIndex) {

    public TextAttribution {
        units = List.copyOf(units);
        weights = weights.clone();
        if (weights.length != units.size()) {
            throw new IllegalArgumentException(units.size() + " units but " + weights.length + " weights");
        }
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }
}
