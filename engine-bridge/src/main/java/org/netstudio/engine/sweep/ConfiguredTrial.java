package org.netstudio.engine.sweep;

import java.util.Objects;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.edit.SetParameter;
import org.netstudio.netgraph.net.NetDocument;

/**
 * A trial made concrete: the net with its layer values set and the options with its option values,
 * what a run record of the trial describes.
 *
 * @param trial the trial
 * @param document the net to train, with the trial's layer parameters
 * @param options the options to train with
 * @param data the name of the data
 */
public record ConfiguredTrial(Trial trial, NetDocument document, TrainingOptions options, String data) {

    /** Checks the components. */
    public ConfiguredTrial {
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(data, "data");
    }

    /**
     * Writes a trial's values into a net (through the same edit the inspector makes, so that shape
     * inference checks the result) and into options.
     *
     * @param trial the trial
     * @param space the space its values come from
     * @param base the net as it is
     * @param options the options the values change
     * @param data the name of the data
     * @return the configured trial
     * @throws IllegalArgumentException when a value does not fit (the edit's or the options' sentence)
     */
    public static ConfiguredTrial of(Trial trial, SearchSpace space, NetDocument base, TrainingOptions options,
                                     String data) {
        NetDocument doc = base;
        TrainingOptions.Builder b = options.toBuilder();
        for (Dimension d : space.dimensions()) {
            Object value = trial.values().get(d.name());
            if (d.target() instanceof Dimension.OptionTarget o) {
                o.option().apply(b, value);
            } else {
                Dimension.LayerTarget l = (Dimension.LayerTarget) d.target();
                for (var path : l.layers()) {
                    doc = new SetParameter(path, l.parameter(), value).apply(doc);
                }
            }
        }
        return new ConfiguredTrial(trial, doc, b.build(), data);
    }
}
