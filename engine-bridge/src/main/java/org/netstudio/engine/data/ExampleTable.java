package org.netstudio.engine.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Training data as named columns of equal length, one row per example: what feeds a net's input
 * ports and what its outputs (or loss layers) are measured against. A {@link Dataset} is the
 * two-column case ({@value #FEATURES} and {@value #TARGET}, see {@link #of(Dataset)}); text,
 * several inputs and sequence targets add columns of their own. Immutable.
 *
 * @param name    a short name for messages, e.g. "Spirals (train)"
 * @param columns the columns by name, in order; all of one size
 * @param testSet the separate test table that came with the data, or null
 * @param classNames the class names of the table's class column(s), for decoders and reports; empty when none
 */
public record ExampleTable(String name, Map<String, Column> columns, ExampleTable testSet, List<String> classNames) {

    /** The column a dataset's features become. */
    public static final String FEATURES = "Input";
    /** The column a dataset's targets become. */
    public static final String TARGET = "Target";

    public ExampleTable {
        Objects.requireNonNull(name, "name");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        classNames = List.copyOf(classNames);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("The data '" + name + "' has no columns");
        }
        int size = -1;
        for (Map.Entry<String, Column> e : columns.entrySet()) {
            if (size >= 0 && e.getValue().size() != size) {
                throw new IllegalArgumentException("The columns of '" + name + "' differ in length: '" + e.getKey()
                        + "' has " + e.getValue().size() + " rows, the ones before it " + size);
            }
            size = e.getValue().size();
        }
    }

    /** A dataset as a table: its features in column {@value #FEATURES}, its targets in {@value #TARGET}. */
    public static ExampleTable of(Dataset data) {
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put(FEATURES, new FeatureColumn(data));
        columns.put(TARGET, new TargetColumn(data.targets()));
        return new ExampleTable(data.name(), columns, data.testSet().map(ExampleTable::of).orElse(null),
                data.classNames());
    }

    /** The given rows of every column, in that order, as a table without a test set. */
    public ExampleTable subset(int[] rows, String newName) {
        Map<String, Column> picked = new LinkedHashMap<>();
        columns.forEach((n, c) -> picked.put(n, c.subset(rows)));
        return new ExampleTable(newName, picked, null, classNames);
    }

    /** This table with one more column (or another under the same name). */
    public ExampleTable with(String name, Column column) {
        Map<String, Column> more = new LinkedHashMap<>(columns);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(column, "column"));
        return new ExampleTable(this.name, more, testSet, classNames);
    }

        /** The number of examples. */
    public int size() {
        return columns.values().iterator().next().size();
    }

    /** The column with this name, if there is one. */
    public Optional<Column> column(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    /** The test table, if the data came with one. */
    public Optional<ExampleTable> test() {
        return Optional.ofNullable(testSet);
    }

    /** Whether every column is held in memory. */
    public boolean inMemory() {
        return columns.values().stream().allMatch(Column::inMemory);
    }
}
