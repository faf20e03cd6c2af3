package org.netstudio.netgraph.text;

/**
 * How text taken from a file (a name, a value, a cell, an expression) appears in a message: whole
 * when short, else its first characters and "…", so a message stays one readable line however
 * large the file's value is. Stateless.
 */
public final class Shown {

    /** The most characters of a file's text a message shows. */
    public static final int MAX = 60;

    private Shown() {
    }

    /** {@code s} itself when it has at most {@link #MAX} characters, else its start and "…". */
    public static String text(String s) {
        if (s.length() <= MAX) {
            return s;
        }
        int end = MAX - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** {@link #text} in double quotes. */
    public static String quoted(String s) {
        return "\"" + text(s) + "\"";
    }
}
