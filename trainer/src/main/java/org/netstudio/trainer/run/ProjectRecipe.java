package org.netstudio.trainer.run;

import java.util.Objects;
import org.netstudio.engine.run.DataMapping;
import org.netstudio.engine.torchrun.TrainingData;
import org.netstudio.engine.train.TrainingOptions;
import org.netstudio.netgraph.net.NetDocument;
import org.netstudio.trainer.data.LoadedData;

/**
 * What a PyTorch project of the panel's net holds besides the net: the recipe (the panel's options)
 * and the examples (the panel's data, fed as its mapping says). File › Export › PyTorch Project
 * and the PyTorch target write the same.
 *
 * @param doc the net as it trains (for text, with the encoder built from the data)
 * @param options the training options, the net's learning-rate multipliers included
 * @param data the examples
 */
public record ProjectRecipe(NetDocument doc, TrainingOptions options, TrainingData data) {

    /** Checks the components. */
    public ProjectRecipe {
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(data, "data");
    }

    /** The panel's data as a project's examples: its own validation set when it has one, else the options' share. */
    public static TrainingData examples(LoadedData loaded, DataMapping mapping) {
        return new TrainingData(loaded.name(), loaded.examples(), loaded.fixedValidation().orElse(null), mapping);
    }
}
