package org.netstudio.trainer.options;

import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One typed option entered as text: the text the person typed, the value it means, and a message
 * when it means nothing valid. The parser throws {@link IllegalArgumentException} with a message
 * for people that quotes the text.
 *
 * @param <T> the value's type
 */
public final class OptionField<T> {

    private final String label;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final Function<String, T> parser;
    private T value;

    /**
     * @param label the field's name, e.g. "Learning rate"
     * @param initial the initial text
     * @param parser turns text into a value or throws with a message
     */
    public OptionField(String label, String initial, Function<String, T> parser) {
        this.label = label;
        this.parser = parser;
        text.addListener((o, was, now) -> validate());
        text.set(initial);
        validate();
    }

    private void validate() {
        try {
            value = parser.apply(text.get().strip());
            message.set("");
        } catch (IllegalArgumentException e) {
            value = null;
            message.set(e.getMessage());
        }
    }

    /** The field's name. */
    public String label() {
        return label;
    }

    /** The text as typed. */
    public StringProperty textProperty() {
        return text;
    }

    /** Why the text is not valid, or empty when it is. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The value, when the text is valid. */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /** Whether the text is valid. */
    public boolean isValid() {
        return value != null;
    }

    /** A parser for whole numbers in a range, with messages naming the field. */
    public static Function<String, Integer> integer(String what, int min, int max) {
        return s -> {
            int v = number(what, "a whole number", s, Integer::parseInt);
            if (v < min || v > max) {
                throw new IllegalArgumentException(what + " must be " + range(min, max) + ", but was " + v);
            }
            return v;
        };
    }

    /** The text as a number, or a message naming the field and what it must be ("a whole number"). */
    private static <N> N number(String what, String must, String text, Function<String, N> parse) {
        try {
            return parse.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be " + must + ", but was \"" + text + "\"");
        }
    }

    /** A parser for numbers in an open or closed range, with messages naming the field. */
    public static Function<String, Double> decimal(String what, double min, boolean minIncluded, double max,
            boolean maxIncluded) {
        return s -> {
            double v = number(what, "a number", s, Double::parseDouble);
            boolean low = minIncluded ? v >= min : v > min;
            boolean high = maxIncluded ? v <= max : v < max;
            if (!low || !high || Double.isNaN(v)) {
                String lo = (minIncluded ? "at least " : "more than ") + trim(min);
                String hi = (maxIncluded ? "at most " : "less than ") + trim(max);
                throw new IllegalArgumentException(what + " must be " + lo + " and " + hi + ", but was " + s);
            }
            return v;
        };
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
