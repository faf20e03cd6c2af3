package org.netstudio.engine.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netstudio.engine.tensor.TensorValue;

/**
 * What a probe of a net found for one batch: the value of each requested port or array, and, when
 * a gradient was asked for, its gradient, each with the batch as its first axis (arrays without
 * one). A port or array the gradient cannot reach has a sentence saying why instead.
 *
 * @param values     per requested name, its value, in the order asked
 * @param gradients  per requested name that has one, the gradient of the chosen score or loss
 * @param noGradient per requested name without a gradient, the reason, one sentence
 * @param objective  the score or loss itself, or NaN when no gradient was asked for
 */
public record Probe(Map<String, TensorValue> values, Map<String, TensorValue> gradients,
                    Map<String, String> noGradient, double objective) {

    public Probe {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        gradients = Collections.unmodifiableMap(new LinkedHashMap<>(gradients));
        noGradient = Collections.unmodifiableMap(new LinkedHashMap<>(noGradient));
    }

    /** The names asked for, in order. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }
}
