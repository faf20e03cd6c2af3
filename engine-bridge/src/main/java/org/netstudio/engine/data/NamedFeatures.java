package org.netstudio.engine.data;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset whose features are vectors with a name for each value: the numeric columns of a CSV
 * file, by their header. {@link ColumnGroups} reads a person's {@code x1}, {@code x1,x3} or
 * {@code p0..p783} from the names. Everything else is the wrapped dataset's.
 *
 * @param data  the dataset, with vector features
 * @param names one name per feature, in order
 */
public record NamedFeatures(Dataset data, List<String> names) implements WrappedDataset {

    public NamedFeatures {
        Objects.requireNonNull(data, "data");
        names = List.copyOf(names);
        if (names.size() != data.featureLength()) {
            throw new IllegalArgumentException("The data '" + data.name() + "' has " + data.featureLength()
                    + " features but " + names.size() + " names");
        }
    }

    @Override
    public Dataset wrapped() {
        return data;
    }

    @Override
    public Optional<Dataset> testSet() {
        return data.testSet().map(t -> new NamedFeatures(t, names));
    }

    @Override
    public void copyFeatures(int[] indices, int from, int count, FloatBuffer destination) {
        data.copyFeatures(indices, from, count, destination);
    }

    @Override
    public Dataset subset(int[] indices, String name) {
        return new NamedFeatures(data.subset(indices, name), names);
    }
}
