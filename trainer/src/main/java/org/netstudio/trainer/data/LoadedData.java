package org.netstudio.trainer.data;

import java.util.Objects;
import java.util.Optional;
import org.netstudio.engine.data.DataChoice;
import org.netstudio.engine.data.Dataset;
import org.netstudio.engine.data.ExampleTable;
import org.netstudio.engine.data.TextDatasets;
import org.netstudio.netgraph.net.NetNode;

/**
 * Data ready to train on, with what its preview needs to know.
 *
 * @param choice what was loaded (a CSV file with the target column it was read with)
 * @param examples the examples as a table of named columns, which is what training reads
 * @param dataset the same examples as fixed-shape vectors, for sets that are (images, points, CSV
 *     rows): what the scatter plot, the image grid, the decision boundary and the confusion matrix
 *     read; empty for sequences and text
 * @param text for text read by a net with a text encoder: the encoder built from the data, the net
 *     holding it, and the held-back windows of a plain text
 * @param image how an example forms an image, for image data
 * @param table the first rows of the file, for CSV data
 */
public record LoadedData(DataChoice choice, ExampleTable examples, Optional<Dataset> dataset,
                         Optional<TextDatasets.TextData> text, Optional<ImageShape> image, Optional<CsvTable> table) {

    /** Checks the components. */
    public LoadedData {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(table, "table");
    }

    /** Whether examples are points in the plane (a scatter plot and a decision boundary make sense). */
    public boolean isPlanar() {
        return dataset.map(d -> d.featureLength() == 2 && !d.classNames().isEmpty()).orElse(false);
    }

    /** Whether the targets are classes. */
    public boolean isClassification() {
        return !examples.classNames().isEmpty();
    }

    /**
     * The net that trains on this data: the given one, or for text the given one holding the
     * encoder built from the data (and, for a plain text, the same alphabet in its decoders).
     *
     * @throws IllegalArgumentException when the net no longer takes text at the port the data was read for
     */
    public NetNode trainee(NetNode net) {
        if (text.isEmpty()) {
            return net;
        }
        TextDatasets.TextData t = text.get();
        boolean plain = choice.source() == org.netstudio.engine.data.DatasetSource.TEXT_FILE;
        NetNode read = TextDatasets.withEncoder(net, t.port(), t.encoder(), plain);
        return plain ? read : TextDatasets.withClasses(read, examples.classNames());
    }

    /** The examples held back for validation by the data itself (a plain text's last share), if any. */
    public Optional<ExampleTable> fixedValidation() {
        return text.flatMap(TextDatasets.TextData::validationTable);
    }

    /** The dataset's name. */
    public String name() {
        return examples.name();
    }
}
