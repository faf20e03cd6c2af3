package org.netstudio.netgraph.net;

/**
 * An encoder or decoder option that is not valid, with where it is: the option's name and, for a
 * list, the position of the bad entry. The net file reader turns it into a JSON path such as
 * {@code $.net.input.encoder.vocabulary[3]}.
 */
public final class CoderOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String option;
    private final int index;

    /**
     * @param option  the option at fault, or null when the coder as a whole is
     * @param index   the position of the bad entry of a list option, or -1
     * @param message a sentence saying what is wrong and what would do
     */
    public CoderOptionException(String option, int index, String message) {
        super(message);
        this.option = option;
        this.index = index;
    }

    /** The option at fault, or null when the coder as a whole is. */
    public String option() {
        return option;
    }

    /** The position of the bad entry within a list option, or -1. */
    public int index() {
        return index;
    }
}
