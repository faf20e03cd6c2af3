package org.netstudio.netgraph.net;

import java.util.Objects;
import org.netstudio.netgraph.catalog.ParamKind;
import org.netstudio.netgraph.catalog.ParamSpec;

/**
 * Wolfram's NetFoldOperator: a state carried through a sequence by the inner net. The inner net
 * has input ports "Input" (one element) and "State" (the state so far, zeros before the first
 * element) and one output, the next state. Ports "Input" ({@code n×d}) and "Output": the states
 * after each element ({@code n×s}), or only the last one ({@code s}). In a padded batch each
 * example's state stops at its own length.
 *
 * @param net             the inner net, named "net" in paths ({@code fold1/net/linear1})
 * @param returnSequences whether the output is every state (true) or the last one
 */
public record FoldOperator(NetNode net, boolean returnSequences)
        implements OneNetOperator, OneOptionOperator<FoldOperator> {

    /** The inner net's input port that receives the state. */
    public static final String STATE = "State";

    private static final ParamSpec RETURN_SEQUENCES = ParamSpec.optional("returnSequences", ParamKind.BOOL, true,
            null, "Give the state after every element (n×s) or only the last one (s).");

    public FoldOperator {
        Objects.requireNonNull(net, "net");
    }

    public FoldOperator(NetNode net) {
        this(net, true);
    }

    @Override
    public FoldOperator withNet(NetNode inner) {
        return new FoldOperator(inner, returnSequences);
    }

    @Override
    public ParamSpec theOption() {
        return RETURN_SEQUENCES;
    }

    @Override
    public Object optionValue() {
        return returnSequences;
    }

    @Override
    public FoldOperator withOptionValue(Object value) {
        return new FoldOperator(net, (Boolean) value);
    }

    @Override
    public String typeName() {
        return "Fold";
    }
}
