package org.netstudio.trainer.options;

import java.util.Objects;
import java.util.function.Function;
import javafx.util.StringConverter;

/**
 * Shows each value of a choice box or an axis by a label. The values are picked, never typed, so
 * nothing is parsed back.
 */
public final class LabelConverter<T> extends StringConverter<T> {

    private final Function<T, String> label;

    public LabelConverter(Function<T, String> label) {
        this.label = Objects.requireNonNull(label, "label");
    }

    @Override
    public String toString(T value) {
        return value == null ? "" : label.apply(value);
    }

    @Override
    public T fromString(String text) {
        return null;
    }
}
