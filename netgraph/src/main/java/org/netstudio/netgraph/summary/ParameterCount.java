package org.netstudio.netgraph.summary;

/**
 * How many parameters a net (or a part of it) has, and the one way every view says it: the total
 * first, then which of them are trainable and which are not, e.g. "422,026 parameters (421,834
 * trainable + 192 non-trainable)". The gallery, the status bar, the inspector and the command line
 * all say it with these words, so that the same net reads the same everywhere.
 *
 * <p>Counted as Keras counts: trainable values are the learnable arrays (what PyTorch's
 * {@code parameters()} counts), non-trainable ones are state that training updates without
 * gradients (batch-norm moving statistics, PyTorch's buffers), and the total holds both. A count of
 * -1 means "not known yet" (some shape could not be inferred).
 *
 * @param total        every value of the arrays, or -1
 * @param trainable    learnable values, or -1
 * @param nonTrainable state values, or -1
 */
public record ParameterCount(long total, long trainable, long nonTrainable) {

    /** The word for the total, as a heading. */
    public static final String TOTAL = "Parameters";
    /** The word for the learnable part, as a heading. */
    public static final String TRAINABLE = "Trainable";
    /** The word for the state part, as a heading. */
    public static final String NON_TRAINABLE = "Non-trainable";
    /** What the words mean, for a tooltip or a footnote. */
    public static final String MEANING = "Parameters counts every value the net holds: the trainable ones are what"
            + " training learns; the non-trainable ones are state it keeps without gradients (batch-norm moving"
            + " statistics). PyTorch's parameters() counts the trainable ones.";

    /** The count of {@code total} values of which {@code trainable} are trainable; -1 for either when not known. */
    public static ParameterCount of(long total, long trainable) {
        boolean known = total >= 0 && trainable >= 0;
        return new ParameterCount(known ? total : -1, known ? trainable : -1, known ? total - trainable : -1);
    }

    public boolean known() {
        return total >= 0 && trainable >= 0 && nonTrainable >= 0;
    }

    /**
     * "422,026 parameters (421,834 trainable + 192 non-trainable)"; "no parameters"; or
     * "parameters not known yet".
     */
    public String sentence() {
        if (!known()) {
            return "parameters not known yet";
        }
        if (total == 0) {
            return "no parameters";
        }
        return SummaryTable.count(total) + (total == 1 ? " parameter" : " parameters") + " ("
                + SummaryTable.count(trainable) + " trainable + " + SummaryTable.count(nonTrainable) + " non-trainable)";
    }

    /** The sentence starting with a capital letter, for a line of its own. */
    public String sentenceStart() {
        String s = sentence();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
