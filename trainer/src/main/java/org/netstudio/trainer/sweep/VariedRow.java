package org.netstudio.trainer.sweep;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the sweep view's "vary" list: a name, its values ({@code 1e-4..1e-1} or {@code 16,32}) and the scale. */
public final class VariedRow {

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty values = new SimpleStringProperty("");
    private final BooleanProperty log = new SimpleBooleanProperty();

    /** A row holding the given text. */
    public VariedRow(String name, String values, boolean log) {
        this.name.set(name);
        this.values.set(values);
        this.log.set(log);
    }

    /** The option or LAYER.PARAMETER. */
    public StringProperty nameProperty() {
        return name;
    }

    /** The values: a range LOW..HIGH or a list. */
    public StringProperty valuesProperty() {
        return values;
    }

    /** Whether a range is sampled on a log scale. */
    public BooleanProperty logProperty() {
        return log;
    }

    /** The row as the command line's {@code --vary} takes it: {@code learningRate=1e-4..1e-1:log}. */
    public String spec() {
        return name.get().strip() + "=" + values.get().strip() + (log.get() ? ":log" : "");
    }
}
