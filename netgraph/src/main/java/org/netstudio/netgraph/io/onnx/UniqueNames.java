package org.netstudio.netgraph.io.onnx;

import java.util.HashSet;
import java.util.Set;
import org.netstudio.netgraph.io.NetNames;

/**
 * Names for the ports and nodes of an imported net, from the ONNX names: made valid (no leading
 * slashes, dots and slashes as underscores, at most 180 characters) and unique (a suffix _2, _3 …).
 */
final class UniqueNames {

    private final Set<String> names = new HashSet<>();

    /** A new name like {@code wanted}, or like {@code fallback} when {@code wanted} cannot be made a valid name. */
    String of(String wanted, String fallback) {
        String base = wanted == null ? "" : wanted.strip();
        while (base.startsWith("/")) {
            base = base.substring(1);
        }
        base = base.replace('.', '_').replace('/', '_');
        while (base.startsWith("$") || base.startsWith("_") && base.length() > 1 && base.charAt(1) == '_') {
            base = base.substring(1);
        }
        base = base.chars().anyMatch(Character::isISOControl) ? "" : base.strip();
        if (base.length() > 180) {
            base = base.substring(base.length() - 180);
        }
        if (base.isEmpty() || !NetNames.isValid(base)) {
            base = fallback;
        }
        String name = base;
        for (int k = 2; !names.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }
}
