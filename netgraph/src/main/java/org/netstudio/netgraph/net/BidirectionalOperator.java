package org.netstudio.netgraph.net;

import java.util.List;
import java.util.Objects;
import org.netstudio.netgraph.catalog.ParamSpec;

/**
 * Wolfram's NetBidirectionalOperator: a forward net reads the sequence as it is, a backward net
 * reads it reversed (in a padded batch, each example's own elements), and their outputs are joined.
 * A backward output that is a sequence is reversed back first, so that element t of both describes
 * element t of the input. Ports "Input" ({@code n×d}) and "Output" ({@code n×(u1+u2)} when
 * catenated, {@code n×u} when totalled; or the vectors of two last states).
 *
 * @param forward  the net that reads the sequence forwards, named "forward" in paths
 * @param backward the net that reads it backwards, named "backward" in paths
 * @param merge    how the two outputs are joined: {@link #CATENATE} (along the last axis) or {@link #TOTAL}
 */
public record BidirectionalOperator(NetNode forward, NetNode backward, String merge)
        implements OneOptionOperator<BidirectionalOperator> {

    public static final String CATENATE = "catenate";
    public static final String TOTAL = "total";
    /** The ways of joining the two outputs, as written in the file. */
    public static final List<String> MERGES = List.of(CATENATE, TOTAL);

    private static final ParamSpec MERGE = ParamSpec.choice("merge", CATENATE, MERGES,
            "How the two outputs are joined: catenated along the last axis, or added.");

    public BidirectionalOperator {
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(backward, "backward");
        ParamSpec.Check c = MERGE.check(merge);
        if (c instanceof ParamSpec.Invalid invalid) {
            throw new IllegalArgumentException(invalid.message());
        }
        merge = (String) ((ParamSpec.Valid) c).value();
    }

    @Override
    public List<String> innerNames() {
        return List.of("forward", "backward");
    }

    @Override
    public NetNode inner(String name) {
        return switch (name) {
            case "forward" -> forward;
            case "backward" -> backward;
            default -> null;
        };
    }

    @Override
    public BidirectionalOperator withInner(String name, NetNode inner) {
        return switch (name) {
            case "forward" -> new BidirectionalOperator(inner, backward, merge);
            case "backward" -> new BidirectionalOperator(forward, inner, merge);
            default -> throw SequenceOperator.noInner(this, name);
        };
    }

    @Override
    public ParamSpec theOption() {
        return MERGE;
    }

    @Override
    public Object optionValue() {
        return merge;
    }

    @Override
    public BidirectionalOperator withOptionValue(Object value) {
        return new BidirectionalOperator(forward, backward, (String) value);
    }

    @Override
    public String typeName() {
        return "Bidirectional";
    }
}
