package org.netstudio.engine.torchrun;

import java.util.Objects;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.run.DataMapping;

/**
 * The examples a project trains on, opened the way NetStudio's trainer opens them (the command
 * line's {@code --data}, the trainer panel's dataset), so that PyTorch sees exactly NetStudio's
 * numbers.
 *
 * @param label what the person chose, for the README and recipe.json (e.g. {@code fashion-mnist})
 * @param table the training examples (with their test split, if any), not null
 * @param validation explicit validation examples, or null to hold back the options' share as
 *     NetStudio does ({@link org.netstudio.engine.data.ValidationSplit})
 * @param mapping which columns feed which ports, not null
 */
public record TrainingData(String label, ExampleTable table, ExampleTable validation, DataMapping mapping) {

    /** Checks the components. */
    public TrainingData {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mapping, "mapping");
    }

    /** A table fed by name and default, its validation share split off. */
    public static TrainingData of(String label, ExampleTable table) {
        return new TrainingData(label, table, null, DataMapping.AUTOMATIC);
    }
}
