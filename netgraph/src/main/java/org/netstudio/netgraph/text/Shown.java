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

    /**
     * {@code s} itself when it has at most {@link #MAX} characters, else its start and "…"; control
     * characters (a line break inside a name) are written as escapes, so the message stays one line.
     */
    public static String text(String s) {
        String shown = s.length() <= MAX ? s : s.substring(0, Character.isHighSurrogate(s.charAt(MAX - 2)) ? MAX - 2 : MAX - 1)
                + "…";
        return shown.chars().anyMatch(Character::isISOControl) ? escaped(shown) : shown;
    }

    private static String escaped(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** {@link #text} in double quotes. */
    public static String quoted(String s) {
        return "\"" + text(s) + "\"";
    }
}
