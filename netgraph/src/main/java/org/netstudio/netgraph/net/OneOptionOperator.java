package org.netstudio.netgraph.net;

import java.util.List;
import org.netstudio.netgraph.catalog.ParamSpec;

/**
 * A sequence operator with one setting of its own besides its inner nets: a Fold's
 * {@code returnSequences}, a Bidirectional's {@code merge}. Reading and setting it by name, with
 * the error naming the options there are, is said here once; each operator says which option it
 * has, its value, and how to copy itself with another ({@code T}: the operator's own type).
 */
public sealed interface OneOptionOperator<T extends OneOptionOperator<T>> extends SequenceOperator permits FoldOperator, BidirectionalOperator {

    /** The operator's one option. */
    ParamSpec theOption();

    /** Its value. */
    Object optionValue();

    /** A copy with the option set to {@code value}, already checked against {@link #theOption()}. */
    T withOptionValue(Object value);

    @Override
    default List<ParamSpec> options() {
        return List.of(theOption());
    }

    @Override
    default Object option(String name) {
        SequenceOperator.optionSpec(this, name);
        return optionValue();
    }

    @Override
    default T withOption(String name, Object value) {
        return withOptionValue(SequenceOperator.checkedOption(this, name, value));
    }
}
