package org.netstudio.netgraph.io.pytorch;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Python identifiers for NetStudio names within one scope (a module's attributes, a forward's
 * variables): each name sanitised ({@code "conv 1"} → {@code conv_1}, a keyword or an
 * {@code nn.Module} member gets a trailing underscore) and kept unique by a numeric suffix.
 * Mutable, one per scope.
 */
final class PythonNames {

    private static final Set<String> RESERVED = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            // names the generated code itself uses, and members of nn.Module an attribute must not hide
            "self", "torch", "nn", "F", "math", "forward", "backward", "training", "train", "eval", "to", "cpu",
            "cuda", "float", "double", "half", "type", "apply", "parameters", "buffers", "children", "modules",
            "state_dict", "load_state_dict", "zero_grad", "extra_repr", "register_buffer", "register_parameter",
            "add_module", "named_parameters", "named_buffers", "named_children", "named_modules", "requires_grad_",
            "get_submodule", "share_memory", "netstudio_arrays", "batch", "steps", "state", "states");

    private final Set<String> taken = new HashSet<>();

    /** A new unique identifier for {@code name}. */
    String claim(String name) {
        String base = sanitised(name);
        String candidate = base;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = base + "_" + i;
        }
        return candidate;
    }

    /** Marks an identifier as used without claiming a name for it. */
    void reserve(String identifier) {
        taken.add(identifier);
    }

    static String sanitised(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        String s = sb.toString();
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            s = "layer_" + s;
        }
        return RESERVED.contains(s) ? s + "_" : s;
    }

    /** A class name from a NetStudio name: {@code "LeNet-5"} → {@code LeNet5}, {@code "block2"} → {@code Block2}. */
    static String className(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                // "layer1 0" becomes Layer1_0, not Layer10
                if (upper && Character.isDigit(c) && !sb.isEmpty() && Character.isDigit(sb.charAt(sb.length() - 1))) {
                    sb.append('_');
                }
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        String s = sb.toString();
        if (s.isEmpty()) {
            return "Net";
        }
        return Character.isDigit(s.charAt(0)) ? "Net" + s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
