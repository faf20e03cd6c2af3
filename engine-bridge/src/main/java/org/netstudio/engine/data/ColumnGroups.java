package org.netstudio.engine.data;

import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Columns a person names that a table does not hold as such: one numeric column of a CSV file
 * ({@code x1}), several read together as one vector ({@code x1,x3,x4}), or a range of them in the
 * file's order ({@code p0..p783}). That is how a CSV file feeds a net with several inputs (an image
 * from its pixel columns, a vector from the rest) or trains a second output against a column.
 */
public final class ColumnGroups {

    private ColumnGroups() {
    }

    /**
     * The column a name means in a table whose features have names, made from those features.
     *
     * @param table the table
     * @param spec  a feature name, names joined by commas, or {@code first..last}
     * @return the column of those features (vectors, one value per name), or empty when the table's
     *     features have no names or the spec names none of them
     * @throws IllegalArgumentException naming the column when the spec names some features but not all
     */
    public static Optional<Column> resolve(ExampleTable table, String spec) {
        Optional<NamedFeatures> named = namedFeatures(table);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = named.get().names();
        List<String> parts = new ArrayList<>();
        int range = spec.indexOf("..");
        if (range > 0) {
            String first = spec.substring(0, range).strip();
            String last = spec.substring(range + 2).strip();
            int from = names.indexOf(first);
            int to = names.indexOf(last);
            if (from < 0 && to < 0) {
                return Optional.empty();
            }
            if (from < 0 || to < 0 || to < from) {
                throw new IllegalArgumentException("The columns '" + spec + "' are no range of the numeric columns of '"
                        + table.name() + "': " + (from < 0 ? "there is no column '" + first + "'"
                        : to < 0 ? "there is no column '" + last + "'" : "'" + last + "' comes before '" + first + "'"));
            }
            parts.addAll(names.subList(from, to + 1));
        } else {
            for (String p : spec.split(",")) {
                parts.add(p.strip());
            }
        }
        int[] picks = new int[parts.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < picks.length; i++) {
            picks[i] = names.indexOf(parts.get(i));
            if (picks[i] < 0) {
                missing.add(parts.get(i));
            }
        }
        if (missing.size() == parts.size()) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The data '" + table.name() + "' has no column '" + missing.get(0)
                    + "' (in '" + spec + "'); its numeric columns are " + shown(names));
        }
        return Optional.of(new FeatureColumn(pick(named.get(), picks, spec)));
    }

    /** The names of a table's features, for a list to choose from; empty when they have none. */
    public static List<String> names(ExampleTable table) {
        return namedFeatures(table).map(NamedFeatures::names).orElse(List.of());
    }

    private static Optional<NamedFeatures> namedFeatures(ExampleTable table) {
        for (Column c : table.columns().values()) {
            if (c instanceof FeatureColumn f && f.data() instanceof NamedFeatures n) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The picked features of every example, copied once (only the columns a port reads). */
    private static Dataset pick(NamedFeatures data, int[] picks, String name) {
        int n = data.size();
        int width = data.featureLength();
        float[] row = new float[width];
        float[] out = new float[n * picks.length];
        int[] one = new int[1];
        for (int i = 0; i < n; i++) {
            one[0] = i;
            data.copyFeatures(one, 0, 1, FloatBuffer.wrap(row));
            for (int j = 0; j < picks.length; j++) {
                out[i * picks.length + j] = row[picks[j]];
            }
        }
        return MemoryDataset.adopt(name, out, new Shape(picks.length), data.targets(), null);
    }

    private static String shown(List<String> names) {
        List<String> first = names.stream().limit(12).toList();
        return String.join(", ", first) + (names.size() > first.size() ? ", … (" + names.size() + " in all)" : "");
    }
}
