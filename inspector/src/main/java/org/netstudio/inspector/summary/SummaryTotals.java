package org.netstudio.inspector.summary;

import org.netstudio.netgraph.summary.ParameterCount;
import org.netstudio.netgraph.summary.SummaryTable;

/**
 * The totals under a summary table, counted as Keras counts: the total holds trainable and
 * non-trainable (state) values alike. A count is -1 when some shape is not known.
 */
public record SummaryTotals(int layers, long total, long trainable, long nonTrainable, long multiplyAdds) {

    public static final SummaryTotals NONE = new SummaryTotals(0, 0, 0, 0, 0);

    /** The parameter counts, in the words every view uses. */
    public ParameterCount parameters() {
        return new ParameterCount(total, trainable, nonTrainable);
    }

    /** "431,080", or "?" when not known. */
    public static String count(long n) {
        return SummaryTable.count(n);
    }
}
