package org.netstudio.trainer.data;

import java.util.Objects;
import java.util.Optional;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.Dataset;

/**
 * A dataset ready to train on, with what its preview needs to know.
 *
 * @param choice what was loaded (a CSV file with the target column it was read with)
 * @param dataset the examples
 * @param image how an example forms an image, for image data
 * @param table the first rows of the file, for CSV data
 */
public record LoadedData(DataChoice choice, Dataset dataset, Optional<ImageShape> image, Optional<CsvTable> table) {

    /** Checks the components. */
    public LoadedData {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(table, "table");
    }

    /** Whether examples are points in the plane (a scatter plot and a decision boundary make sense). */
    public boolean isPlanar() {
        return dataset.featureLength() == 2 && !dataset.classNames().isEmpty();
    }

    /** Whether the targets are classes. */
    public boolean isClassification() {
        return !dataset.classNames().isEmpty();
    }
}
