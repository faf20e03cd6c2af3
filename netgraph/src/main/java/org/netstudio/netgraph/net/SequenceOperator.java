package org.netstudio.netgraph.net;

import java.util.List;
import org.netstudio.netgraph.catalog.ParamSpec;

/**
 * A container that runs inner nets along a sequence: {@link MapOperator} (the inner net on every
 * element), {@link FoldOperator} (a state carried from element to element) and
 * {@link BidirectionalOperator} (a forward and a backward net over the whole sequence). Like Chain
 * and Graph it is a layer of its own that nests to any depth; its inner nets are found by name
 * ({@link #innerNames()}), so the path of a layer inside reads {@code map1/net/linear1}. Immutable.
 */
public sealed interface SequenceOperator extends OneInOneOut permits OneNetOperator, OneOptionOperator {

    /** The names of the inner nets, in order: {@code "net"}, or {@code "forward", "backward"}. */
    List<String> innerNames();

    /** The inner net of this name, or null when there is none. */
    NetNode inner(String name);

    /**
     * A copy with the inner net {@code name} replaced.
     *
     * @throws IllegalArgumentException when the operator has no inner net of that name
     */
    SequenceOperator withInner(String name, NetNode net);

    /**
     * The operator's own settings besides its inner nets, as the file names them: a Fold's
     * {@code returnSequences}, a Bidirectional's {@code merge}; none for a Map.
     */
    default List<ParamSpec> options() {
        return List.of();
    }

    /** The value of one of {@link #options()}. */
    default Object option(String name) {
        throw noOption(this, name);
    }

    /**
     * A copy with one option set ({@code value} null: its default).
     *
     * @throws IllegalArgumentException with a sentence that echoes a wrong value, or names the options
     */
    default SequenceOperator withOption(String name, Object value) {
        throw noOption(this, name);
    }

    /** The spec of an option, or the error naming the options there are. */
    static ParamSpec optionSpec(SequenceOperator op, String name) {
        return op.options().stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> noOption(op, name));
    }

    /** A value checked against an option's spec, its default when null. */
    static Object checkedOption(SequenceOperator op, String name, Object value) {
        ParamSpec.Check c = optionSpec(op, name).check(value);
        if (c instanceof ParamSpec.Invalid invalid) {
            throw new IllegalArgumentException(invalid.message());
        }
        return ((ParamSpec.Valid) c).value();
    }

    private static IllegalArgumentException noOption(SequenceOperator op, String name) {
        List<String> names = op.options().stream().map(ParamSpec::name).toList();
        return new IllegalArgumentException(op.typeName() + " has no parameter \"" + name + "\""
                + (names.isEmpty() ? "" : " (it has " + String.join(", ", names) + ")"));
    }

    @Override
    default NetNode child(String name) {
        return inner(name);
    }

    /** The error for a name that is not one of {@link #innerNames()}. */
    static IllegalArgumentException noInner(SequenceOperator op, String name) {
        return new IllegalArgumentException(op.typeName() + " has no inner net \"" + name + "\" (it has "
                + String.join(", ", op.innerNames()) + ")");
    }
}
