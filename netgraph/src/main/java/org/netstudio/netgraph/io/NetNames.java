package org.netstudio.netgraph.io;

import java.util.Optional;
import org.netstudio.netgraph.text.Shown;

/**
 * What a node or graph-port name may be, so that every name can be written in a file and read back
 * unambiguously: edges write {@code node.Port}, node paths and layout keys join names with
 * {@code /}, and layout keys mark graph ports with a leading {@code $}. A name is therefore 1 to 200
 * characters with no {@code .}, {@code /}, leading {@code $}, leading or trailing blank, or control
 * character. Stateless; safe from any thread.
 */
public final class NetNames {

    /** Longest name accepted. */
    public static final int MAX_LENGTH = 200;

    private NetNames() {
    }

    /** Why {@code name} cannot name a node or port, as a sentence fragment, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a name cannot be empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("a name can have at most " + MAX_LENGTH + " characters, but \""
                    + name.substring(0, 20) + "…\" has " + name.length());
        }
        if (name.indexOf('.') >= 0 || name.indexOf('/') >= 0) {
            return Optional.of("a name cannot contain \".\" or \"/\", but got " + Shown.quoted(name));
        }
        if (name.startsWith("$")) {
            return Optional.of("a name cannot start with \"$\", but got " + Shown.quoted(name));
        }
        if (!name.equals(name.strip())) {
            return Optional.of("a name cannot start or end with a space, but got " + Shown.quoted(name));
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("a name cannot contain control characters");
        }
        return Optional.empty();
    }

    /** Whether {@code name} is a valid node or port name. */
    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** Throws IllegalArgumentException with the problem when {@code name} is not valid. */
    public static String require(String name) {
        problem(name).ifPresent(p -> {
            throw new IllegalArgumentException(Character.toUpperCase(p.charAt(0)) + p.substring(1) + ".");
        });
        return name;
    }
}
